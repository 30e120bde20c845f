"""Tests of roadmapdocs.rendering."""
