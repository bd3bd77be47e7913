"""Find the pages a signed-in person can reach by following links from a start page.

Used by the Content Security Policy tests, so that a page added later is checked without
anyone listing it: every same-site link is followed (GET only, breadth first) up to a limit,
skipping downloads (files, exports, reports) and sign-out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

SKIP = re.compile(
    r"(\.(xlsx|csv|pdf|docx|svg|ics|json|html)$)|/(export|download|pack|file|ical|calendar)"
    r"|/sign-out|/admin/|/api/|/static/",
    re.IGNORECASE,
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href and "download" not in dict(attrs):
                self.hrefs.append(href)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def _local(href: str) -> str | None:
    href, _ = urldefrag(href)
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
        return None
    if SKIP.search(parsed.path):
        return None
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def crawl(
    fetch: Callable[[str], str | None], start: Iterable[str], *, limit: int = 80
) -> list[str]:
    """Paths visited, in order; `fetch(path)` returns the page's HTML (None if not HTML)."""
    queue = list(start)
    seen: set[str] = set(queue)
    visited: list[str] = []
    while queue and len(visited) < limit:
        path = queue.pop(0)
        html = fetch(path)
        visited.append(path)
        for href in links(html or ""):
            local = _local(href)
            # One page per listing: the same path with other filters or pages adds nothing.
            if local and local.split("?")[0] not in {s.split("?")[0] for s in seen}:
                seen.add(local)
                queue.append(local)
    return visited
