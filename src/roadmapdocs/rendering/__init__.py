"""Rendering: the template context, DOCX through docxtpl in a sandbox, PDF through LibreOffice."""
