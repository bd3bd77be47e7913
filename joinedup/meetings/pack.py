"""The agenda pack: one PDF with a contents page, every item's reports and their appendices.

The page numbers in the contents are the PDF's own page numbers (page 1 is the cover), so they
are the same on screen and in print. They are found by laying the pack out, reading which page
each item's anchor landed on, and laying it out again with those numbers until they agree.
The public pack holds public items and reports only; the full pack what the user may see.

An uploaded PDF appendix is merged in after its report. The layout keeps one empty page (with
the pack's running footer, "Page n of N") for each of its pages, so every page number counts it;
the appendix's pages are then drawn onto those pages, scaled to fit above the footer.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from joinedup.core.permissions import scope, scope_public
from joinedup.meetings.models import AgendaItem, Meeting, Report
from joinedup.reports.pdf import html_layout

MAX_PASSES = 4


@dataclass
class PackItem:
    item: AgendaItem
    anchor: str
    reports: list[Report]
    page: int | None = None


@dataclass
class Pack:
    meeting: Meeting
    public: bool
    items: list[PackItem]
    generated_at: Any = field(default_factory=timezone.now)

    @property
    def title(self) -> str:
        kind = "Public agenda pack" if self.public else "Agenda pack (full, includes exempt items)"
        return f"{self.meeting.body.name}, {self.meeting.date:%-d %B %Y}: {kind}"

    def contents(self) -> list[tuple[str, int | None]]:
        return [(f"{p.item.order}. {p.item.title}", p.page) for p in self.items]


def pack_build(*, meeting: Meeting, user: Any | None) -> Pack:
    """The pack's content: public items only when `user` is None, else what the user may see.

    `user="system"` builds the full pack from the command line (every item).
    """
    items = _visible(AgendaItem.objects.filter(meeting=meeting).order_by("order"), user)
    built = []
    for item in items:
        reports = _visible(Report.objects.filter(item=item), user)
        reports = list(reports)
        for report in reports:
            report.visible_attachments = _visible(report.attachments.all(), user)
            for appendix in report.visible_attachments:
                appendix.pdf = _pdf_of(appendix)
                appendix.pdf_pages = (
                    [f"att-{appendix.pk}-{n}" for n in range(len(appendix.pdf.pages))]
                    if appendix.pdf
                    else []
                )
        built.append(PackItem(item=item, anchor=f"item-{item.pk}", reports=reports))
    return Pack(meeting=meeting, public=user is None, items=built)


def _visible(qs: Any, user: Any | None) -> list[Any]:
    if user is None:
        return list(scope_public(qs))
    if user == "system":
        return list(qs)
    return list(scope(qs, user))


def render_html(pack: Pack) -> str:
    return render_to_string("meetings/pack.html", {"pack": pack})


def _layout(pack: Pack) -> Any:
    # The one renderer, whose fetcher loads nothing but our own static files.
    return html_layout(render_html(pack))


def _anchor_pages(document: Any) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            found.setdefault(anchor, number)
    return found


def layout(pack: Pack) -> Any:
    """Lay the pack out until the contents' page numbers are where the items really start."""
    document = _layout(pack)
    for _ in range(MAX_PASSES):
        pages = _anchor_pages(document)
        wanted = [pages.get(p.anchor) for p in pack.items]
        if wanted == [p.page for p in pack.items]:
            return document
        for entry, page in zip(pack.items, wanted, strict=True):
            entry.page = page
        document = _layout(pack)
    return document


def _pdf_of(attachment: Any) -> Any:
    """The uploaded file as a pypdf reader when it is a readable PDF, else None."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not attachment.file or not attachment.file.name.lower().endswith(".pdf"):
        return None
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
        reader = PdfReader(io.BytesIO(data))
        return reader if reader.pages and not reader.is_encrypted else None
    except (OSError, PdfReadError, ValueError):
        return None


# Room kept clear at the foot of each page for the running footer (22 mm, in points).
FOOTER_SPACE = 22 * 72 / 25.4


def _fit(target: Any, source: Any) -> Any:
    """How to draw `source` inside `target` above the footer: centred, top-aligned."""
    from pypdf import Transformation

    box = source.mediabox
    width, height = float(box.width), float(box.height)
    room_w = float(target.mediabox.width)
    room_h = float(target.mediabox.height) - FOOTER_SPACE
    scale = min(room_w / width, room_h / height, 1.0)
    left = (room_w - width * scale) / 2
    bottom = FOOTER_SPACE + room_h - height * scale
    return (
        Transformation()
        .translate(-float(box.left), -float(box.bottom))
        .scale(scale)
        .translate(left, bottom)
    )


def merge_attachments(pack: Pack, document: Any) -> bytes:
    """The laid-out pack as PDF bytes, each PDF appendix drawn onto the pages kept for it."""
    from pypdf import PdfReader, PdfWriter

    appendices = [
        appendix
        for entry in pack.items
        for report in entry.reports
        for appendix in report.visible_attachments
        if appendix.pdf is not None
    ]
    content = document.write_pdf()
    if not appendices:
        return content
    pages = _anchor_pages(document)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    for appendix in appendices:
        for anchor, source in zip(appendix.pdf_pages, appendix.pdf.pages, strict=True):
            target = writer.pages[pages[anchor] - 1]
            target.merge_transformed_page(source, _fit(target, source))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_pdf(pack: Pack) -> bytes:
    return merge_attachments(pack, layout(pack))


def filename(meeting: Meeting) -> str:
    return f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-agenda-pack.pdf"
