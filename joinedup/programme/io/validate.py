"""Check every row of an action sheet before anything is written. Pure: the plan's people,
partners, status words and workstreams come in as `Lookups`, so this runs without a database
and is tested with hypothesis. Every error names its row (as the spreadsheet numbers it, the
header being row 1), its column (as the sheet heads it), the value and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from joinedup.core.io.sheets import Sheet
from joinedup.programme.io.columns import ACTION_COLUMNS, Column, map_headers, parse_text

HEADER_ROW = 1
MAX_REFERENCE = 40


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        shown = f" {self.value!r}" if self.value else ""
        return f"Row {self.row}, column “{self.column}”:{shown} {self.message}"


@dataclass(frozen=True)
class Lookups:
    """What names in a sheet may refer to, keyed by their case-folded name."""

    owners: Mapping[str, Any] = field(default_factory=dict)
    organisations: Mapping[str, Any] = field(default_factory=dict)
    status_words: Mapping[str, Any] = field(default_factory=dict)
    workstreams: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionRow:
    """One valid row: the values to create or update an action with."""

    row: int
    values: dict[str, Any]
    # The columns the sheet has: a re-import changes only those.
    present: frozenset[str]

    @property
    def reference(self) -> str:
        return str(self.values["reference"])


_LOOKUP_COLUMNS = {
    "owner": (
        "owners",
        "is not a person with a role in this partnership or working for a partner "
        "(give their username)",
    ),
    "lead_organisation": ("organisations", "is not a partner organisation of this partnership"),
    "status": ("status_words", "is not a status word of this plan's vocabulary"),
    "workstream": ("workstreams", "is not a workstream of this plan"),
}


def _shown(value: object) -> str:
    return parse_text(value)[:200]


def _check_cell(column: Column, raw: object, lookups: Lookups) -> tuple[Any, str | None]:
    """(value, None) or (None, why the cell is wrong)."""
    try:
        value = column.parse(raw)
    except ValueError as exc:
        return None, str(exc)
    if column.required and not value:
        return None, "is required"
    if column.key in _LOOKUP_COLUMNS:
        if not value:
            return None, None
        table, why = _LOOKUP_COLUMNS[column.key]
        found = getattr(lookups, table).get(str(value).casefold())
        return (found, None) if found is not None else (None, why)
    if column.key == "reference" and len(str(value)) > MAX_REFERENCE:
        return None, f"is longer than {MAX_REFERENCE} characters"
    return value, None


def validate_sheet(
    sheet: Sheet,
    lookups: Lookups,
    overrides: Mapping[str, str] | None = None,
) -> tuple[list[ActionRow], list[RowError]]:
    """The valid rows and every error in the sheet (all of them, not just the first)."""
    mapping, problems = map_headers(sheet.headers, ACTION_COLUMNS, overrides)
    errors = [RowError(HEADER_ROW, p.column, p.value, p.message) for p in problems]
    if errors:
        return [], errors
    columns = [c for c in ACTION_COLUMNS if c.key in mapping]
    rows: list[ActionRow] = []
    first_seen: dict[str, int] = {}
    for offset, cells in enumerate(sheet.rows):
        number = HEADER_ROW + 1 + offset
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        values, row_errors = _check_row(number, cells, columns, mapping, sheet, lookups)
        reference = str(values.get("reference") or "").casefold()
        if reference and reference in first_seen:
            row_errors.append(
                RowError(
                    number,
                    sheet.headers[mapping["reference"]],
                    str(values["reference"]),
                    f"is a duplicate reference: row {first_seen[reference]} has it too",
                )
            )
        elif reference:
            first_seen[reference] = number
        errors += row_errors
        if not row_errors:
            rows.append(ActionRow(number, values, frozenset(mapping)))
    return rows, errors


def _check_row(
    number: int,
    cells: tuple[Any, ...],
    columns: list[Column],
    mapping: dict[str, int],
    sheet: Sheet,
    lookups: Lookups,
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for column in columns:
        index = mapping[column.key]
        raw = cells[index] if index < len(cells) else None
        value, why = _check_cell(column, raw, lookups)
        if why:
            errors.append(RowError(number, sheet.headers[index], _shown(raw), why))
        else:
            values[column.key] = value
    start, due = values.get("start_date"), values.get("due_date")
    if isinstance(start, dt.date) and isinstance(due, dt.date) and due < start:
        index = mapping["due_date"]
        errors.append(
            RowError(number, sheet.headers[index], due.isoformat(), "is before the start date")
        )
    return values, errors
