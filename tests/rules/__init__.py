"""Tests of roadmapdocs.rules, the validators."""
