"""Tests of roadmapdocs.authoring, the building of the built-in templates."""
