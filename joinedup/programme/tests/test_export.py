"""Exporting actions: round trips unchanged, and formulas are neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from joinedup.accounts.models import PartnershipRole
from joinedup.accounts.tests.factories import UserFactory
from joinedup.cli import programme_io  # noqa: F401 (registers the commands)
from joinedup.cli.main import _register_commands, app
from joinedup.core.io.safety import DANGEROUS_STARTS, neutralise, restore
from joinedup.programme import services
from joinedup.programme.io.actions import export_actions, import_actions
from joinedup.programme.io.columns import ACTION_HEADERS
from joinedup.programme.models import Action, Plan, ProgressUpdate
from joinedup.programme.tests import test_import

_register_commands()
runner = CliRunner()
own_plan = test_import.own_plan


def cells(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def fill(world: Any, plan: Plan) -> None:
    officer = world["programme_officer"]
    stream = plan.workstreams.get()
    word = plan.vocabulary.words.get(word="Underway")
    one = services.action_create(
        actor=officer,
        plan=plan,
        reference="1",
        title='=HYPERLINK("http://evil.example","click")',
        workstream=stream,
        lead_organisation=world.council,
        owner=officer,
        start_date=dt.date(2007, 10, 1),
        due_date=dt.date(2008, 8, 31),
        description="+44 1432 260000\n-second line",
    )
    services.action_progress_add(
        actor=officer,
        action=one,
        narrative="@SUM(A1) started",
        status=word,
        date=dt.date(2008, 10, 2),
    )
    two = services.action_create(
        actor=officer, plan=plan, reference="2", title="Plain ‘quoted’ £", workstream=stream
    )
    services.action_progress_add(
        actor=officer, action=two, narrative="", see_action=one, date=dt.date(2008, 10, 2)
    )


def test_it_neutralises_formulas_in_xlsx(world: Any, own_plan: Plan) -> None:
    fill(world, own_plan)
    content, media_type, name = export_actions(user=world["viewer"], plan=own_plan, fmt="xlsx")
    assert name.endswith(".xlsx") and "spreadsheetml" in media_type
    rows = cells(content)
    assert tuple(rows[0]) == ACTION_HEADERS
    first = dict(zip(ACTION_HEADERS, rows[1], strict=True))
    assert first["Proposed activity"].startswith("'=HYPERLINK")
    assert first["Description"].startswith("'+44")
    assert first["Progress to date"] == "'@SUM(A1) started"
    assert first["Status"] == "Underway"
    assert first["Owner"] == "po"
    assert first["Lead organisation"] == "Own Council"
    second = dict(zip(ACTION_HEADERS, rows[2], strict=True))
    assert second["Progress to date"] == "As above"
    # No cell of the workbook is a formula.
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_it_neutralises_formulas_in_csv(world: Any, own_plan: Plan) -> None:
    fill(world, own_plan)
    content, media_type, _ = export_actions(user=world["viewer"], plan=own_plan, fmt="csv")
    assert media_type.startswith("text/csv")
    rows = csv_cells(content)
    assert rows[1][2].startswith("'=HYPERLINK")
    assert rows[1][6] == "2007-10-01"


def test_it_round_trips_an_exported_workbook_unchanged(world: Any, own_plan: Plan) -> None:
    fill(world, own_plan)
    officer = world["programme_officer"]
    first, _, _ = export_actions(user=officer, plan=own_plan, fmt="xlsx")
    result = import_actions(actor=officer, plan=own_plan, data=first, filename="a.xlsx")
    assert result.ok, result.errors
    assert result.unchanged == ["1", "2"]
    assert result.created == result.updated == result.progress_added == []
    second, _, _ = export_actions(user=officer, plan=own_plan, fmt="xlsx")
    assert cells(second) == cells(first)
    assert Action.objects.get(plan=own_plan, reference="1").title.startswith("=HYPERLINK")


def test_it_round_trips_csv_unchanged(world: Any, own_plan: Plan) -> None:
    fill(world, own_plan)
    officer = world["programme_officer"]
    first, _, _ = export_actions(user=officer, plan=own_plan, fmt="csv")
    result = import_actions(actor=officer, plan=own_plan, data=first, filename="a.csv")
    assert result.ok and result.unchanged == ["1", "2"], result.errors
    second, _, _ = export_actions(user=officer, plan=own_plan, fmt="csv")
    assert csv_cells(second) == csv_cells(first)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_round_trips_owners_who_hold_no_role_here(world: Any, own_plan: Plan, fmt: str) -> None:
    # A partner's officer named on a body but never given a role, and someone whose role has
    # ended since they took the action: both may own actions, so the export must import back.
    officer = world["programme_officer"]
    seated = UserFactory(username="director-of-commissioning", organisation=world.council)
    leaver = world["contributor"]
    for reference, owner in (("1", seated), ("2", leaver)):
        services.action_create(
            actor=officer, plan=own_plan, reference=reference, title="Act", owner=owner
        )
    PartnershipRole.objects.filter(user=leaver).update(end_date=dt.date(2008, 1, 1))
    content, _, name = export_actions(user=officer, plan=own_plan, fmt=fmt)
    result = import_actions(actor=officer, plan=own_plan, data=content, filename=name)
    assert result.ok, [str(e) for e in result.errors]
    assert result.unchanged == ["1", "2"]


def test_it_still_refuses_an_owner_from_outside_the_partnership(world: Any, own_plan: Plan) -> None:
    data = test_import.csv_bytes([["1", "Title", "outsider", "", "", ""]])
    result = import_actions(
        actor=world["programme_officer"], plan=own_plan, data=data, filename="a.csv"
    )
    assert [(e.column, e.value) for e in result.errors] == [("Owner", "outsider")]


def test_it_imports_an_export_into_an_empty_plan_alike(world: Any, own_plan: Plan) -> None:
    fill(world, own_plan)
    officer = world["programme_officer"]
    content, _, _ = export_actions(user=officer, plan=own_plan, fmt="xlsx")
    empty = services.plan_create(
        actor=officer,
        partnership=world.own,
        slug="empty-plan",
        name="Empty",
        vocabulary=own_plan.vocabulary,
    )
    services.workstream_create(actor=officer, plan=empty, name="Governance")
    result = import_actions(actor=officer, plan=empty, data=content, filename="a.xlsx")
    assert result.ok, result.errors
    again, _, _ = export_actions(user=officer, plan=empty, fmt="xlsx")
    assert cells(again) == cells(content)
    assert (
        ProgressUpdate.objects.get(action__plan=empty, action__reference="2").see_action.reference
        == "1"
    )


def test_it_exports_only_what_the_user_may_see(world: Any, own_plan: Plan) -> None:
    officer = world["programme_officer"]
    services.action_create(actor=officer, plan=own_plan, reference="1", title="Open")
    services.action_create(
        actor=officer,
        plan=own_plan,
        reference="2",
        title="Secret",
        confidentiality="exempt",
        exempt_paragraph=4,
    )
    viewer_rows = cells(export_actions(user=world["viewer"], plan=own_plan, fmt="xlsx")[0])
    assert [r[0] for r in viewer_rows[1:]] == ["1"]


def test_the_commands_export_and_import(world: Any, own_plan: Plan, tmp_path: Path) -> None:
    fill(world, own_plan)
    out = tmp_path / "actions.xlsx"
    args = ["export", "actions", "--plan", own_plan.slug, "--format", "xlsx", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    dry = runner.invoke(app, ["import", "actions", str(out), "--plan", own_plan.slug, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would import 2 row(s): 0 new, 0 changed, 2 unchanged" in dry.output


def test_the_import_command_fails_with_row_and_column(
    world: Any, own_plan: Plan, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(test_import.csv_bytes([["1", "Title", "nobody", "someday", "", ""]]))
    result = runner.invoke(
        app, ["import", "actions", str(bad), "--plan", own_plan.slug, "--as", "po"]
    )
    assert result.exit_code == 1
    assert "Row 2, column “Owner”: 'nobody' is not a person" in result.output
    assert "Row 2, column “Due date”: 'someday' is not a date" in result.output
    assert not Action.objects.filter(plan=own_plan).exists()
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    result = runner.invoke(app, ["import", "actions", str(fake), "--plan", own_plan.slug])
    assert result.exit_code == 1
    assert "not a real Excel workbook" in result.output


@given(st.text(max_size=40))
def test_neutralising_is_undone_by_the_import(text: str) -> None:
    safe = neutralise(text)
    assert not str(safe).startswith(DANGEROUS_STARTS)
    if not text.startswith("'"):
        assert restore(str(safe)) == text
