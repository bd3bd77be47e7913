"""Importing actions from a spreadsheet: all or nothing, every error with its row and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from joinedup.core.io.safety import Limits, UploadRejected, check_upload, check_xlsx_zip
from joinedup.core.io.sheets import Sheet
from joinedup.programme import services
from joinedup.programme.io.actions import import_actions
from joinedup.programme.io.columns import ACTION_HEADERS, parse_date
from joinedup.programme.io.validate import Lookups, validate_sheet
from joinedup.programme.models import Action, Plan, ProgressUpdate
from joinedup.programme.selectors import vocabulary_latest

HEADERS = ["Reference", "Proposed activity", "Owner", "Due date", "Status", "Progress to date"]


@pytest.fixture
def own_plan(world: Any) -> Plan:
    plan = services.plan_create(
        actor=world["programme_officer"],
        partnership=world.own,
        slug="own-development-plan",
        name="Own Development Plan",
        vocabulary=vocabulary_latest("herefordshire-development-plan"),
        period_start=dt.date(2007, 10, 1),
        period_end=dt.date(2008, 8, 31),
        report_interval_months=2,
    )
    services.workstream_create(actor=world["programme_officer"], plan=plan, name="Governance")
    return plan


def csv_bytes(rows: list[list[str]], headers: list[str] = HEADERS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def xlsx_bytes(rows: list[list[Any]], headers: list[str] = HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = [
    [
        "1",
        "A single Chief Executive will be appointed.",
        "po",
        "2007-12-31",
        "Achieved",
        "Took up post on 10 December 2007",
    ],
    ["2", "A joint Director of Public Health will be appointed.", "", "31/05/2008", "Underway", ""],
]


def run(world: Any, plan: Plan, data: bytes, name: str = "actions.csv", **kw: Any) -> Any:
    return import_actions(
        actor=world["programme_officer"], plan=plan, data=data, filename=name, **kw
    )


def test_it_imports_new_actions_with_their_progress(world: Any, own_plan: Plan) -> None:
    result = run(world, own_plan, csv_bytes(GOOD))
    assert result.ok, result.errors
    assert result.created == ["1", "2"]
    first = Action.objects.get(plan=own_plan, reference="1")
    assert first.owner == world["programme_officer"]
    assert first.status.word == "Achieved"
    assert first.due_date == dt.date(2007, 12, 31)
    assert first.updates.get().narrative == "Took up post on 10 December 2007"
    assert Action.objects.get(plan=own_plan, reference="2").status.word == "Underway"


def test_it_imports_xlsx_with_real_date_cells(world: Any, own_plan: Plan) -> None:
    rows = [["7", "Something", "", dt.datetime(2008, 5, 1), "", ""]]
    result = run(world, own_plan, xlsx_bytes(rows), "actions.xlsx")
    assert result.ok, result.errors
    assert Action.objects.get(plan=own_plan, reference="7").due_date == dt.date(2008, 5, 1)


def test_it_updates_by_reference_instead_of_duplicating(world: Any, own_plan: Plan) -> None:
    run(world, own_plan, csv_bytes(GOOD))
    changed = [row[:] for row in GOOD]
    changed[1][1] = "A joint Director of Public Health will be appointed soon."
    result = run(world, own_plan, csv_bytes(changed))
    assert result.ok, result.errors
    assert result.updated == ["2"]
    assert result.unchanged == ["1"]
    assert Action.objects.filter(plan=own_plan).count() == 2
    assert Action.objects.get(plan=own_plan, reference="2").version == 2


def test_it_writes_nothing_on_a_dry_run(world: Any, own_plan: Plan) -> None:
    result = run(world, own_plan, csv_bytes(GOOD), dry_run=True)
    assert result.ok
    assert result.created == ["1", "2"]
    assert "Would import 2 row(s)" in result.summary()
    assert not Action.objects.filter(plan=own_plan).exists()


def test_it_points_as_above_at_the_row_above(world: Any, own_plan: Plan) -> None:
    rows = [*GOOD, ["3", "Engage other stakeholders.", "", "", "", "As above."]]
    assert run(world, own_plan, csv_bytes(rows)).ok
    update = ProgressUpdate.objects.get(action__reference="3")
    assert update.see_action.reference == "2"


BAD_CASES = {
    "bad date": (
        ["9", "Title", "", "31/02/2008", "", ""],
        "Due date",
        "31/02/2008",
        "is not a date",
    ),
    "unknown owner": (["9", "Title", "nobody", "", "", ""], "Owner", "nobody", "is not a person"),
    "unknown status word": (
        ["9", "Title", "", "", "Done-ish", ""],
        "Status",
        "Done-ish",
        "is not a status word",
    ),
    "missing title": (["9", "", "", "", "", ""], "Proposed activity", "", "is required"),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_it_rejects_the_whole_import_for_a_bad_row(world: Any, own_plan: Plan, case: str) -> None:
    bad, column, value, why = BAD_CASES[case]
    result = run(world, own_plan, csv_bytes([*GOOD, bad]))
    assert not result.ok
    assert [(e.row, e.column, e.value) for e in result.errors] == [(4, column, value)]
    assert why in result.errors[0].message
    assert not Action.objects.filter(plan=own_plan).exists()


def test_it_lists_every_error_not_just_the_first(world: Any, own_plan: Plan) -> None:
    rows = [
        ["1", "One", "nobody", "not a date", "Done-ish", ""],
        ["1", "Duplicate", "", "", "", ""],
    ]
    result = run(world, own_plan, csv_bytes(rows))
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(2, "Owner"), (2, "Due date"), (2, "Status"), (3, "Reference")}
    duplicate = next(e for e in result.errors if e.row == 3)
    assert "duplicate reference: row 2 has it too" in duplicate.message
    assert "Row 3, column “Reference”: '1' is a duplicate" in str(duplicate)
    assert not Action.objects.filter(plan=own_plan).exists()


def test_it_rejects_a_sheet_missing_a_required_column(world: Any, own_plan: Plan) -> None:
    headers = ["Reference", "Owner"]
    result = run(world, own_plan, csv_bytes([["1", "po"]], headers))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (1, "Proposed activity", "required column is missing")
    ]


def test_it_maps_a_sheets_own_column_names(world: Any, own_plan: Plan) -> None:
    headers = ["Ref No", "What we will do"]
    data = csv_bytes([["1", "One"]], headers)
    result = run(
        world, own_plan, data, column_map={"Ref No": "reference", "What we will do": "title"}
    )
    assert result.ok, result.errors


def test_it_rolls_back_when_a_service_refuses_a_row(world: Any, own_plan: Plan) -> None:
    # A viewer may not add actions: the service refuses and nothing of the file is kept.
    result = import_actions(
        actor=world["viewer"], plan=own_plan, data=csv_bytes(GOOD), filename="a.csv"
    )
    assert not result.ok
    assert {e.row for e in result.errors} == {2, 3}
    assert not Action.objects.filter(plan=own_plan).exists()


def test_it_refuses_an_oversize_upload() -> None:
    with pytest.raises(UploadRejected, match="too large"):
        check_upload(b"a,b\n" * 10, "big.csv", Limits(max_bytes=20))


def test_it_refuses_a_file_that_is_not_a_spreadsheet() -> None:
    with pytest.raises(UploadRejected, match="not a real Excel workbook"):
        check_upload(b"%PDF-1.7 not a workbook", "actions.xlsx")
    with pytest.raises(UploadRejected, match="Excel workbook"):
        check_upload(b"anything", "actions.pdf")
    with pytest.raises(UploadRejected, match="not a CSV"):
        check_upload(xlsx_bytes([]), "actions.csv")


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_it_refuses_a_zip_bomb_disguised_as_a_workbook() -> None:
    bomb = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024),
        }
    )
    assert len(bomb) < 100_000
    with pytest.raises(UploadRejected, match="zip bomb"):
        check_xlsx_zip(bomb)
    with pytest.raises(UploadRejected, match="more data than we accept"):
        check_xlsx_zip(bomb, Limits(max_uncompressed=1024 * 1024))


def test_it_refuses_a_zip_that_is_not_a_workbook() -> None:
    with pytest.raises(UploadRejected, match="not an Excel workbook"):
        check_xlsx_zip(zip_bytes({"readme.txt": b"hello"}))


# ---------------------------------------------------------------- properties of the parsers


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_it_reads_back_any_date_it_understands(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.day} {day:%B %Y}") == day
    assert parse_date(dt.datetime.combine(day, dt.time())) == day


@given(st.text(max_size=30))
def test_it_either_parses_a_date_or_says_why(text: str) -> None:
    try:
        result = parse_date(text)
    except ValueError as exc:
        assert "is not a date" in str(exc)
    else:
        assert result is None or isinstance(result, dt.date)


CELL = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["po", "Achieved", "2008-01-01", "x", "01/13/2008", "1"]),
    st.dates(),
    st.integers(),
)


@given(st.lists(st.lists(CELL, min_size=0, max_size=8), max_size=12))
def test_it_gives_every_error_a_row_and_a_column(rows: list[list[Any]]) -> None:
    lookups = Lookups(owners={"po": object()}, status_words={"achieved": object()})
    sheet = Sheet(headers=tuple(HEADERS), rows=tuple(tuple(r) for r in rows))
    valid, errors = validate_sheet(sheet, lookups)
    for error in errors:
        assert 2 <= error.row <= len(rows) + 1
        assert error.column in HEADERS
        assert error.message
    bad_rows = {e.row for e in errors}
    assert all(row.row not in bad_rows for row in valid)
    references = [row.reference.casefold() for row in valid]
    assert len(references) == len(set(references))


def test_headers_cover_every_column() -> None:
    assert ACTION_HEADERS[0] == "Reference"
