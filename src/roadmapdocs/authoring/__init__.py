"""Authoring templates: what the build scripts of the built-in template .docx files share.

Rendering a document never imports this package; only the scripts that make the built-in
templates (``templates/<level>/<doc>/build.py``) and the tests of those templates do.
"""
