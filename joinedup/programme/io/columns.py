"""The columns of an action sheet: their headers, the other names people give them, which are
required, and the parsers that turn a cell into a value (raising ValueError with the reason)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from joinedup.core.io.safety import restore

Parser = Callable[[object], object]
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%d-%m-%Y")


def parse_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return restore(text.strip())


def parse_date(value: object) -> dt.date | None:
    """A date from a date cell or text: 2008-10-02, 02/10/2008 (day first), 2 October 2008."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = re.sub(r"\s+", " ", parse_text(value))
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("is not a date: write it as 2008-10-02 or 02/10/2008")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    parse: Parser = parse_text

    def names(self) -> set[str]:
        return {_norm(n) for n in (self.header, self.key, *self.aliases)}


ACTION_COLUMNS: tuple[Column, ...] = (
    Column("reference", "Reference", required=True, aliases=("ref", "ref.", "action ref", "no.")),
    Column("workstream", "Workstream", aliases=("theme", "work stream", "working group")),
    Column(
        "title",
        "Proposed activity",
        required=True,
        aliases=("title", "action", "activity", "proposed action"),
    ),
    Column("description", "Description", aliases=("detail", "details")),
    Column("lead_organisation", "Lead organisation", aliases=("lead", "lead org", "organisation")),
    Column("owner", "Owner", aliases=("owner username", "action owner")),
    Column("start_date", "Start date", aliases=("start",), parse=parse_date),
    Column("due_date", "Due date", aliases=("due", "deadline", "target date"), parse=parse_date),
    Column("status", "Status", aliases=("status word", "rag status")),
    Column("progress", "Progress to date", aliases=("progress", "latest progress")),
    Column("progress_date", "Progress date", aliases=("updated on",), parse=parse_date),
)
ACTION_HEADERS = tuple(c.header for c in ACTION_COLUMNS)


def _norm(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().casefold())


@dataclass(frozen=True)
class HeaderProblem:
    column: str
    value: str
    message: str


def map_headers(
    headers: Sequence[str],
    columns: Sequence[Column] = ACTION_COLUMNS,
    overrides: Mapping[str, str] | None = None,
) -> tuple[dict[str, int], list[HeaderProblem]]:
    """{column key: index in the sheet} from the header row, and what is wrong with it.

    `overrides` maps a sheet's own header to a column key ("Ref No" -> "reference").
    Unknown headers are ignored (a sheet may carry notes); a required column that is missing,
    or two headers for one column, is a problem.
    """
    by_name = {name: column for column in columns for name in column.names()}
    for header, key in (overrides or {}).items():
        match = next((c for c in columns if c.key == key), None)
        if match is not None:
            by_name[_norm(header)] = match
    found: dict[str, int] = {}
    problems: list[HeaderProblem] = []
    for index, header in enumerate(headers):
        column = by_name.get(_norm(header)) if header else None
        if column is None:
            continue
        if column.key in found:
            problems.append(HeaderProblem(header, header, f"a second column for {column.header}"))
            continue
        found[column.key] = index
    for column in columns:
        if column.required and column.key not in found:
            problems.append(HeaderProblem(column.header, "", "required column is missing"))
    return found, problems
