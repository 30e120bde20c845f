"""Tests that each example reproduces its real seed document without loss."""
