"""Abbreviations a document introduces: «Управление образования … (далее – УОиМП)»."""

from __future__ import annotations

from roadmapdocs.model.base import Model, Text


class Abbreviation(Model):
    """A short form and the full form it stands for."""

    short: Text
    """Сокращение: «УОиМП»."""
    full: Text
    """Полная форма: «Управление образования и молодежной политики …»."""
