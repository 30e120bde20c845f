"""Tests of roadmapdocs."""
