"""Tests of roadmapdocs.lang, the Russian language layer."""
