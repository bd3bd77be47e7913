"""The typed shape every report is rendered from: a council committee report.

A report's context builder (a selector, e.g. `joinedup.programme.report`) turns what the user
may see into one `Document`. The HTML, PDF and DOCX renderers in this package all walk that
same object, so the three formats always show the same rows and the same numbers.

A committee report is a header (organisation, committee, date, title, purpose), then sections
of numbered paragraphs ("1. Since the approval of..."), tables, bullet lists and charts.
Numbering runs on through the whole document, as in a council agenda paper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from joinedup.reports.chart import StackedBarChart


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; numbered ones take the next paragraph number of the document."""

    text: str
    numbered: bool = True


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class TableRow:
    """One row; a `group` row spans the table as a sub-heading (a workstream's name)."""

    cells: tuple[str, ...]
    group: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    caption: str = ""
    # Relative column widths (they need not add up to anything in particular).
    widths: tuple[int, ...] = ()

    @property
    def body_rows(self) -> list[TableRow]:
        return [row for row in self.rows if not row.group]


@dataclass(frozen=True)
class Figure:
    chart: StackedBarChart
    caption: str


Block = Paragraph | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Header:
    organisation: str
    committee: str
    date: dt.date
    title: str
    purpose: str = ""
    portfolio: str = ""


@dataclass(frozen=True)
class Document:
    header: Header
    sections: tuple[Section, ...]
    footer_note: str = ""
    # The file name the downloads use, without its extension.
    filename: str = "report"

    def numbered_blocks(self) -> Iterator[tuple[Section, Block, int | None]]:
        """Every block with its paragraph number (None for unnumbered blocks)."""
        number = 0
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Paragraph) and block.numbered:
                    number += 1
                    yield section, block, number
                else:
                    yield section, block, None

    def html_sections(self) -> list[dict[str, object]]:
        """Sections as plain dicts with numbered blocks, for the Django template."""
        result: list[dict[str, object]] = []
        current: dict[str, object] | None = None
        for section, block, number in self.numbered_blocks():
            if current is None or current["section"] is not section:
                current = {"section": section, "heading": section.heading, "blocks": []}
                result.append(current)
            blocks = current["blocks"]
            assert isinstance(blocks, list)
            blocks.append({"kind": type(block).__name__.lower(), "block": block, "number": number})
        return result


@dataclass(frozen=True)
class Rendered:
    """A rendered report: its bytes, media type and download file name."""

    content: bytes
    content_type: str
    filename: str
    extra: dict[str, object] = field(default_factory=dict)
