"""Completeness and consistency rules: a document in, located findings out, never an exception."""

from roadmapdocs.rules.base import Config, Finding, Hit, Phrase, Rule, Severity, registry, rule
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
