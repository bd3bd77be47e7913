"""A body's name is text in the agenda pack, never CSS: whatever it holds, rendering the public
pack (open to anyone) makes the server fetch nothing and read no file."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from joinedup.meetings.models import Meeting
from joinedup.partnerships.models import Body
from joinedup.reports.pdf import StaticOnlyFetcher

HOSTILE_NAMES = {
    "css url": "Cabinet url(http://127.0.0.1:PORT/url)",
    "closing the style": (
        "Cabinet </style><link rel=stylesheet href=http://127.0.0.1:PORT/link>"
        "<img src=file:///etc/passwd>"
    ),
    "import": "Cabinet @import url(http://127.0.0.1:PORT/import);",
    # A newline ends a CSS string, so this breaks out of the footer's old `content: "..."`.
    "newline out of the string": (
        "Cabinet\n} } body { background-image: url(http://127.0.0.1:PORT/newline) }"
        " @page { @bottom-left { content: 'x"
    ),
    "newline to a local file": (
        "Cabinet\n} } body { background-image: url(file:///etc/passwd) }"
        " @page { @bottom-left { content: 'x"
    ),
}


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A local web server that records every request made to it (the attacker's URL)."""
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("case", list(HOSTILE_NAMES))
def test_it_renders_the_public_pack_of_a_hostile_body_name_without_fetching(
    case: str,
    world: Any,
    meeting: Meeting,
    item: Any,
    listener: tuple[int, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port, hits = listener
    name = HOSTILE_NAMES[case].replace("PORT", str(port))
    Body.objects.filter(pk=meeting.body_id).update(name=name)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.AGENDA_PUBLISHED)
    asked: list[str] = []
    fetch = StaticOnlyFetcher.fetch

    def spy(self: StaticOnlyFetcher, url: str, headers: Any = None) -> Any:
        asked.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)

    response = Client().get(reverse("meetings:public_pack", args=["own", meeting.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert hits == [] and asked == []
    first_page = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Cabinet" in first_page and "6 January 2026" in first_page


def test_the_footer_shows_the_body_name_on_every_page(
    world: Any, meeting: Meeting, item: Any
) -> None:
    from joinedup.meetings import pack

    data = pack.pack_build(meeting=meeting, user=world["board_member"])
    reader = PdfReader(io.BytesIO(pack.render_pdf(data)))

    footers = [page.extract_text() for page in reader.pages]
    assert len(footers) == 2
    assert all("Health Committee, 6 January 2026" in text for text in footers)
