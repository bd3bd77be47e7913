"""The one HTML → PDF renderer. Every PDF the project draws from HTML (reports, agenda packs)
goes through `html_layout` or `html_to_pdf`, so every one gets the same URL fetcher: it serves
the project's own static files and refuses everything else (http, https, ftp, data:, and any
file outside the static roots). Text from the database can therefore never make the server
request a URL (SSRF) or read a local file, whatever reaches the HTML.

tests/security/test_rendering.py fails if WeasyPrint is imported anywhere but here.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from joinedup.reports.document import Document
from joinedup.reports.html import render_html

CONTENT_TYPE = "application/pdf"
logger = logging.getLogger(__name__)


class FetchRefused(ValueError):
    """A resource the renderer will not load (WeasyPrint logs it and draws without it)."""


def static_roots() -> list[Path]:
    """The folders the project's static files come from: STATIC_ROOT and every finder's."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    roots = [Path(settings.STATIC_ROOT)]
    for finder in get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return [root.resolve() for root in roots]


def static_path(url: str) -> Path | None:
    """The file a `file:` URL names when it lies inside a static root (links resolved), else
    None. Any other scheme, a host, or a path that escapes the roots is None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    inside = any(path.is_relative_to(root) for root in static_roots())
    return path if inside and path.is_file() else None


class StaticOnlyFetcher(URLFetcher):
    """Serves a file inside the static roots; refuses every other URL, and logs the refusal."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = static_path(url)
        if path is None:
            logger.warning("PDF rendering refused to fetch %r", url[:200])
            raise FetchRefused(f"PDFs load only the project's own static files ({url[:60]!r}).")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


def html_layout(html: str) -> Any:
    """The laid-out document (WeasyPrint's, with its pages and anchors) for a complete HTML
    document. No base URL: a relative URL resolves to nothing and is never fetched."""
    return HTML(string=html, url_fetcher=StaticOnlyFetcher()).render()


def html_to_pdf(html: str) -> bytes:
    """PDF bytes for a complete HTML document."""
    return html_layout(html).write_pdf()


def render_pdf(document: Document) -> bytes:
    return html_to_pdf(render_html(document, for_print=True))
