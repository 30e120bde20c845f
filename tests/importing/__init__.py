"""Tests of reading Word and Excel documents back into data."""
