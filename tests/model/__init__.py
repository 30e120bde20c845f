"""Tests of roadmapdocs.model."""
