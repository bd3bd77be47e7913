"""Read a checked upload into rows of cells; write rows out as XLSX or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from joinedup.core.io.safety import (
    CSV,
    MAX_COLUMNS,
    MAX_ROWS,
    UploadRejected,
    decode_csv,
    neutralise,
)

Cell = str | dt.date | int | float | None
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
# What a malformed workbook raises from openpyxl, zipfile, zlib or the XML parser (whose
# ParseError is a SyntaxError).
UNREADABLE = (
    InvalidFileException,
    KeyError,
    IndexError,
    OSError,
    EOFError,
    ValueError,
    SyntaxError,
    zipfile.BadZipFile,
    zlib.error,
)


@dataclass(frozen=True)
class Sheet:
    """A header row and the data rows under it (row 2 onwards, as the spreadsheet numbers)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _cell(value: Any) -> Cell:
    if isinstance(value, dt.datetime):
        # Spreadsheets store dates as date-times at midnight; actions have dates only.
        return value.date()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, str | dt.date | int | float) or value is None:
        return value
    return str(value)


def _blank(row: Sequence[Cell]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _sheet(raw_rows: Iterable[Sequence[Any]]) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    headers: tuple[str, ...] | None = None
    for raw in raw_rows:
        values = tuple(_cell(v) for v in raw[:MAX_COLUMNS])
        if headers is None:
            if _blank(values):
                continue
            headers = tuple("" if v is None else str(v).strip() for v in values)
            continue
        if len(rows) >= MAX_ROWS:
            raise UploadRejected(f"The sheet has more than {MAX_ROWS:,} rows; split it.")
        rows.append(values)
    while rows and _blank(rows[-1]):
        rows.pop()
    if headers is None:
        raise UploadRejected("The sheet is empty: it needs a header row, then one row per action.")
    return Sheet(headers=headers, rows=tuple(rows))


def read_sheet(data: bytes, kind: str) -> Sheet:
    """The first worksheet of an XLSX (read-only, values not formulas) or the CSV's rows."""
    if kind == CSV:
        return _sheet(csv.reader(io.StringIO(decode_csv(data), newline="")))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE as exc:
        raise UploadRejected("The workbook could not be read as a spreadsheet.") from exc
    try:
        worksheet = workbook.worksheets[0]
        return _sheet(worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))
    except UploadRejected:
        raise
    except UNREADABLE as exc:
        # The sheet is read lazily, so a corrupt part (a zip member whose sizes lie, broken
        # XML) only shows here, while iterating: a refusal too, never a server error.
        raise UploadRejected("The workbook could not be read as a spreadsheet.") from exc
    finally:
        workbook.close()


def _xml_safe(value: object) -> object:
    """Control characters a worksheet cannot hold (XML 1.0 forbids them) are dropped: a title
    typed or pasted with one must not break every export of its plan."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    """An XLSX workbook of one sheet, every text cell neutralised against formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_xml_safe(neutralise(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a BOM (so Excel reads the accents), cells neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else _csv_text(neutralise(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
