"""Monitoring of execution: reports as of a date, summaries of many reports, statuses merged
from a table, and a calendar of terms."""
