"""Renderers of a ``Dokumen``: HTML, PDF, DOCX and XLSX."""
