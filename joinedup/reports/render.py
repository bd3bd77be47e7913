"""One entry point: render a report `Document` as DOCX, PDF or HTML."""

from __future__ import annotations

from enum import StrEnum

from joinedup.reports import docx, html, pdf
from joinedup.reports.document import Document, Rendered


class Format(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"


def render(document: Document, fmt: Format | str) -> Rendered:
    """The document in the format asked for, with its media type and file name."""
    fmt = Format(fmt)
    name = f"{document.filename}.{fmt.value}"
    if fmt is Format.DOCX:
        return Rendered(docx.render_docx(document), docx.CONTENT_TYPE, name)
    if fmt is Format.PDF:
        return Rendered(pdf.render_pdf(document), pdf.CONTENT_TYPE, name)
    return Rendered(html.render_html(document).encode("utf-8"), html.CONTENT_TYPE, name)
