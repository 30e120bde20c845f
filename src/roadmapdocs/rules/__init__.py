"""Completeness and consistency rules: a document in, located findings out, never an exception."""

from roadmapdocs.rules.base import Finding, Hit, Phrase, Rule, Severity, rule
from roadmapdocs.rules.config import Config
from roadmapdocs.rules.discovery import registry
from roadmapdocs.rules.engine import Report, validate

__all__ = [
    "Config",
    "Finding",
    "Hit",
    "Phrase",
    "Report",
    "Rule",
    "Severity",
    "registry",
    "rule",
    "validate",
]
