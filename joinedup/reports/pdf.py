"""PDF renderer: WeasyPrint draws the very HTML the HTML renderer produces (with print rules:
A4, page numbers), so the PDF cannot disagree with the HTML."""

from __future__ import annotations

from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from joinedup.reports.document import Document
from joinedup.reports.html import render_html

CONTENT_TYPE = "application/pdf"


class NoFetch(URLFetcher):
    """Reports carry their styles and charts inline, so every external fetch is refused: text
    from the database can never make the server request a URL (SSRF) or read a local file."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"Reports do not load external resources ({url[:60]!r}).")


def html_to_pdf(html: str) -> bytes:
    """PDF bytes for a complete HTML document. No base URL: reports never fetch anything."""
    return HTML(string=html, url_fetcher=NoFetch()).write_pdf()


def render_pdf(document: Document) -> bytes:
    return html_to_pdf(render_html(document, for_print=True))
