"""Tests of roadmapdocs.render."""
