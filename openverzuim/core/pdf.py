"""PDFs from templates (WeasyPrint): the one renderer of every PDF the application prints."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from weasyprint import HTML

# WeasyPrint logs every rendering step at INFO; the site's log would drown in them.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(template: str, context: dict) -> bytes:
    return HTML(string=render_to_string(template, context)).write_pdf()
