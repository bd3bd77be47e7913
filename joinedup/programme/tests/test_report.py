"""The Cabinet progress report: seed 002's table, the same in DOCX, PDF and HTML."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.utils import timezone
from docx import Document as read_docx
from typer.testing import CliRunner

from joinedup.cli import programme_io  # noqa: F401 (registers the commands)
from joinedup.cli.main import _register_commands, app
from joinedup.programme import services
from joinedup.programme.models import Action, Plan
from joinedup.programme.report import (
    AS_ABOVE,
    count_by_status,
    group_rows,
    period_label,
    progress_report_context,
    progress_text,
    to_document,
)
from joinedup.programme.tests import test_import
from joinedup.reports.render import Format, render
from joinedup.reports.tests.test_render import convert_with_libreoffice, pdf_text

_register_commands()
own_plan = test_import.own_plan  # the same plan fixture as the import tests
runner = CliRunner()
SLUG = "herefordshire-development-plan-2007-08"
AS_OF = dt.date(2008, 10, 2)
SEED = Path(__file__).resolve().parents[1] / "demo_data" / "herefordshire_development_plan.yaml"
# Checked by hand against seed 002 (the Cabinet paper of 2 October 2008), independently of the
# demo data: the first words of a few rows and of their progress.
SEED_SPOT_CHECKS = [
    (
        0,
        "A single Chief Executive will be appointed.",
        "Achieved. Took up post on 10 December 2007",
    ),
    (6, "A PST Interim Board will be established.", "Transitional Terms of Reference"),
    (13, "The project structure and processes will be reviewed", "As above."),
    (18, "Existing Council and Primary Care Trust plans", "Ongoing – will be taken forward"),
    (24, "Interim governance arrangements will be implemented.", "See above"),
    (32, "A Partnership Agreement will be signed.", "To be deleted – no longer relevant"),
    (33, "The Council and Primary Care Trust Board", "Refreshed Development Plan to be considered"),
]


def flat(text: str) -> str:
    return " ".join(text.split())


def seed_rows() -> list[tuple[str, str]]:
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    return [(flat(a["activity"]), flat(a["progress"])) for a in data["actions"]]


@pytest.fixture
def demo_plan(db: None) -> Plan:
    from joinedup.demo.loader import demo_load

    demo_load()
    return Plan.objects.get(slug=SLUG)


def admin() -> Any:
    from joinedup.accounts.models import User

    return User.objects.get(username="admin")


# ---------------------------------------------------------------- pure rules


def test_it_prints_progress_as_the_officer_wrote_it() -> None:
    assert progress_text(
        word="Achieved", narrative="Achieved. Took up post", points_elsewhere=False
    ) == ("Achieved. Took up post")
    assert progress_text(word="Achieved", narrative="", points_elsewhere=False) == "Achieved."
    assert progress_text(word="", narrative="", points_elsewhere=True) == AS_ABOVE
    assert (
        progress_text(word="Underway", narrative="See above", points_elsewhere=True) == "See above"
    )


def test_it_labels_the_period_as_the_paper_does() -> None:
    assert period_label(dt.date(2007, 10, 1), dt.date(2008, 8, 31)) == "Oct 07 to Aug 08"
    assert period_label(None, dt.date(2008, 8, 31)) == ""


def test_it_groups_consecutive_rows_without_reordering() -> None:
    rows = [("a", 1), ("a", 2), ("b", 3), ("a", 4)]
    groups = group_rows(rows)  # type: ignore[arg-type]
    assert [(g.heading, g.rows) for g in groups] == [("a", (1, 2)), ("b", (3,)), ("a", (4,))]


# ---------------------------------------------------------------- the demo plan (seed 002)


def test_it_reports_every_seed_002_row_in_order(demo_plan: Plan) -> None:
    report = progress_report_context(user=admin(), plan=demo_plan, as_of=AS_OF)
    got = [(flat(r.activity), flat(r.progress)) for r in report.rows]
    assert got == seed_rows()
    for index, activity, progress in SEED_SPOT_CHECKS:
        assert got[index][0].startswith(activity)
        assert got[index][1].startswith(progress)
    assert report.period_label == "Oct 07 to Aug 08"
    assert report.committee == "Cabinet"
    assert {c.word: c.count for c in report.counts} == {
        "Achieved": 12,
        "Underway": 16,
        "Ongoing": 5,
        "Deleted": 1,
    }
    assert len(report.priorities) == 5
    assert report.priorities[0].startswith("Completion and implementation of a benefits")


def test_it_reports_progress_as_it_stood_on_the_date(demo_plan: Plan) -> None:
    action = Action.objects.get(plan=demo_plan, reference="7")
    services.action_progress_add(
        actor=admin(), action=action, narrative="Interim Board dropped.", date=dt.date(2008, 12, 1)
    )
    before = progress_report_context(user=admin(), plan=demo_plan, as_of=AS_OF)
    after = progress_report_context(user=admin(), plan=demo_plan, as_of=dt.date(2008, 12, 2))
    assert before.rows[6].progress.startswith("Transitional Terms of Reference")
    assert after.rows[6].progress == "Interim Board dropped."


def test_it_puts_the_same_rows_in_docx_pdf_and_html(demo_plan: Plan, tmp_path: Path) -> None:
    document = to_document(progress_report_context(user=admin(), plan=demo_plan, as_of=AS_OF))
    docx = read_docx(io.BytesIO(render(document, Format.DOCX).content))
    table = docx.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Proposed Activity: Oct 07 to Aug 08",
        "Progress to Date",
    ]
    docx_rows = [(flat(r.cells[0].text), flat(r.cells[1].text)) for r in table.rows[1:]]
    assert docx_rows == seed_rows()
    pdf = flat(pdf_text(render(document, Format.PDF).content))
    html = flat(render(document, Format.HTML).content.decode())
    for activity, progress in seed_rows():
        assert activity.replace("'", "&#x27;") in html
        # pypdf may join or break words at line ends; compare the first few words.
        assert " ".join(activity.split()[:4]) in pdf
        assert " ".join(progress.split()[:3]) in pdf
    assert "Priority activity for the next two months includes:" in pdf


def test_it_shows_a_viewer_only_what_they_may_see(world: Any, own_plan: Plan) -> None:
    officer = world["programme_officer"]
    services.action_create(actor=officer, plan=own_plan, reference="1", title="Open to all")
    services.action_create(
        actor=officer,
        plan=own_plan,
        reference="2",
        title="Exempt item",
        confidentiality="exempt",
        exempt_paragraph=4,
    )
    today = timezone.localdate()
    viewer = progress_report_context(user=world["viewer"], plan=own_plan, as_of=today)
    board = progress_report_context(user=world["board_member"], plan=own_plan, as_of=today)
    assert [r.activity for r in viewer.rows] == ["Open to all"]
    assert [r.activity for r in board.rows] == ["Open to all", "Exempt item"]
    assert viewer.total == 1


def test_it_counts_rows_without_a_status(world: Any, own_plan: Plan) -> None:
    services.action_create(actor=world["programme_officer"], plan=own_plan, title="No word yet")
    today = timezone.localdate()
    report = progress_report_context(user=world["programme_officer"], plan=own_plan, as_of=today)
    assert report.counts[-1].word == "No status given"
    assert report.counts[-1].count == 1
    assert count_by_status([], []) == ()


def test_it_leaves_out_actions_added_after_the_report_date(world: Any, own_plan: Plan) -> None:
    officer = world["programme_officer"]
    agreed = services.action_create(actor=officer, plan=own_plan, reference="1", title="Agreed")
    later = services.action_create(actor=officer, plan=own_plan, reference="2", title="Added")
    Action.objects.filter(pk=agreed.pk).update(created_at=dt.datetime(2008, 3, 1, tzinfo=dt.UTC))
    Action.objects.filter(pk=later.pk).update(created_at=dt.datetime(2008, 11, 5, tzinfo=dt.UTC))
    # Recorded later, but with progress of its own by the date: it was in the plan then.
    backfilled = services.action_create(actor=officer, plan=own_plan, reference="3", title="Old")
    services.action_progress_add(actor=officer, action=backfilled, narrative="Begun", date=AS_OF)
    report = progress_report_context(user=officer, plan=own_plan, as_of=AS_OF)
    assert [r.reference for r in report.rows] == ["1", "3"]
    assert report.total == 2
    assert "identified 2 actions" in to_document(report).sections[0].blocks[0].text
    after = progress_report_context(user=officer, plan=own_plan, as_of=dt.date(2008, 12, 2))
    assert [r.reference for r in after.rows] == ["1", "2", "3"]


# ---------------------------------------------------------------- the command


def test_the_command_writes_a_docx_libreoffice_opens(demo_plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "progress.docx"
    result = runner.invoke(
        app,
        [
            "report",
            "progress",
            "--plan",
            SLUG,
            "--as-of",
            "2008-10-02",
            "--format",
            "docx",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "34 actions as at 02 October 2008" in result.output
    table = read_docx(str(out)).tables[0]
    assert [(flat(r.cells[0].text), flat(r.cells[1].text)) for r in table.rows[1:]] == seed_rows()
    converted = convert_with_libreoffice(out.read_bytes(), tmp_path)
    assert "A single Chief Executive will be appointed." in flat(pdf_text(converted.read_bytes()))


def test_the_command_writes_pdf_and_html(demo_plan: Plan, tmp_path: Path) -> None:
    for fmt in ("pdf", "html"):
        out = tmp_path / f"progress.{fmt}"
        args = ["report", "progress", "--plan", SLUG, "--as-of", "2008-10-02", "--format", fmt]
        result = runner.invoke(app, [*args, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000


def test_the_command_acts_as_a_named_person(world: Any, own_plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", "progress", "--plan", own_plan.slug, "--format", "html", "--out", str(out)]
    # A plan the person may not see is an unknown plan, and a bad date is bad usage: both 2.
    assert runner.invoke(app, [*args, "--as", "outsider"]).exit_code == 2
    assert runner.invoke(app, [*args, "--as", "viewer"]).exit_code == 0
    assert runner.invoke(app, [*args, "--as-of", "2-10-2008"]).exit_code == 2


def test_the_done_when_command_names_its_own_file(
    demo_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["report", "progress", "--plan", SLUG, "--as-of", "2008-10-02", "--format", "docx"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    written = tmp_path / f"{SLUG}-progress-2008-10-02.docx"
    assert len(read_docx(str(written)).tables[0].rows) == 35


def test_it_gives_each_status_its_own_colour_in_the_chart() -> None:
    from joinedup.programme.report import StatusCount, series_colours

    counts = (StatusCount("Underway", "green", 1), StatusCount("Ongoing", "green", 2))
    colours = series_colours(counts)
    assert colours["Underway"] == "#00703c"
    assert colours["Ongoing"] != colours["Underway"]
