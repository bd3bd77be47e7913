"""Uploaded PDFs are checked by what they contain, never trusted by their name.

A file is accepted as a PDF when it begins as a PDF does, pypdf can read it, it is not
encrypted, every page has a size, and it keeps within the size and page limits
(JOINEDUP_ATTACHMENT_MAX_BYTES, JOINEDUP_ATTACHMENT_MAX_PAGES). Each refusal is a sentence
for the person uploading that names the problem.
"""

from __future__ import annotations

import io
import logging
from pathlib import PurePath
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PAGES = 300
PDF_HEADER = b"%PDF-"


def max_bytes() -> int:
    return int(getattr(settings, "JOINEDUP_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pages() -> int:
    return int(getattr(settings, "JOINEDUP_ATTACHMENT_MAX_PAGES", DEFAULT_MAX_PAGES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def pdf_problem(file: Any) -> str | None:
    """Why an uploaded file (anything with .size and .read) is not an acceptable PDF; None
    when it is one."""
    limit = max_bytes()
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        return f"The file is larger than {_megabytes(limit)}: attach a smaller PDF."
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if hasattr(file, "seek"):
        file.seek(0)
    if len(data) > limit:
        return f"The file is larger than {_megabytes(limit)}: attach a smaller PDF."
    if not data.startswith(PDF_HEADER):
        return "The file is not a PDF, whatever its name says: attach a PDF document."
    return _content_problem(data)


def _content_problem(data: bytes) -> str | None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return "The PDF is encrypted or password-protected: attach a copy without a password."
        count = len(reader.pages)
        if count == 0:
            return "The PDF has no pages."
        if count > max_pages():
            return f"The PDF has {count} pages; an attachment may have at most {max_pages()}."
        for page in reader.pages:
            box = page.mediabox
            if not (float(box.width) > 0 and float(box.height) > 0):
                return "The PDF has a page with no size, so it could not be read."
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        logger.info("An uploaded PDF could not be read: %s", exc)
        return "The PDF could not be read: it is damaged or incomplete."
    return None


def pdf_name(name: str) -> str:
    """The name to store a checked PDF under: the upload's own stem, always ending in .pdf."""
    stem = PurePath(name or "attachment").stem or "attachment"
    return f"{stem}.pdf"
