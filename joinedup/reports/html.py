"""HTML renderer: the report as a standalone page (downloaded, or handed to WeasyPrint for the
PDF) or as a fragment inside a Joined-Up page. Both use the same partial template."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from joinedup.reports.chart import to_svg
from joinedup.reports.document import Document, Figure

CONTENT_TYPE = "text/html; charset=utf-8"


def template_context(document: Document) -> dict[str, Any]:
    """What reports/_partials/document.html needs: numbered blocks and charts as SVG."""
    sections = document.html_sections()
    for section in sections:
        for item in section["blocks"]:  # type: ignore[attr-defined]
            block = item["block"]
            if isinstance(block, Figure):
                # Our own SVG, built from escaped text only.
                item["svg"] = mark_safe(to_svg(block.chart))  # noqa: S308
    header = document.header
    return {
        "document": document,
        "header": header,
        "long_date": f"{header.date.day} {header.date:%B %Y}",
        "sections": sections,
    }


def render_html(document: Document, *, for_print: bool = False) -> str:
    """The report as a complete HTML document with its own stylesheet."""
    context = template_context(document) | {"for_print": for_print}
    return render_to_string("reports/document.html", context)
