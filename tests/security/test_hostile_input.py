"""Hostile uploads and hostile text, for the programme (actions) import and the risk import.

Each hostile file is refused with a message for the person uploading and writes nothing; text
that a spreadsheet would run as a formula is stored as text and neutralised on export; text
that looks like HTML is shown as text on every page and in every report format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from typer.testing import CliRunner

from joinedup.cli.main import _register_commands, app
from joinedup.core.io.safety import MAX_UPLOAD_BYTES, UploadRejected
from joinedup.core.models import AuditEntry
from joinedup.programme import services as programme
from joinedup.programme.io.actions import export_actions, import_actions
from joinedup.programme.models import Action, Plan, ProgressUpdate
from joinedup.programme.selectors import vocabulary_latest
from joinedup.risks import io as risk_io
from joinedup.risks import services as risks
from joinedup.risks.models import Register, Risk
from tests.security import hostile_files as hostile
from tests.security.crawl import crawl

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
ACTION_HEADERS = ["Reference", "Proposed activity", "Progress to date"]
NOT_XLSX = "The file is not a real Excel workbook (.xlsx)."
TOO_MUCH = "The workbook unpacks to more data than we accept."
UNREADABLE = "The workbook could not be read as a spreadsheet."

_register_commands()


@pytest.fixture
def plan(world: Any) -> Plan:
    return programme.plan_create(
        actor=world["programme_officer"],
        partnership=world.own,
        slug="own-plan",
        name="Own Development Plan",
        vocabulary=vocabulary_latest("herefordshire-development-plan"),
        period_start=dt.date(2007, 10, 1),
        period_end=dt.date(2008, 8, 31),
        report_interval_months=2,
    )


@pytest.fixture
def register(world: Any) -> Register:
    return risks.register_create(
        actor=world["programme_officer"], partnership=world.own, name="Partnership risks"
    )


def _written() -> tuple[int, int, int, int]:
    return (
        Action.objects.count(),
        ProgressUpdate.objects.count(),
        Risk.objects.count(),
        AuditEntry.objects.count(),
    )


def _risk_row(**values: Any) -> list[Any]:
    row = {heading: "" for heading, _ in risk_io.COLUMNS}
    row.update(
        {
            "Title": "Imported risk",
            "Category": "Financial",
            "Lead organisation": "own-council",
            "Owner": "po",
            "Inherent likelihood": 3,
            "Inherent consequence": 4,
            "Current likelihood": 2,
            "Current consequence": 4,
        }
    )
    row.update(values)
    return [row[heading] for heading, _ in risk_io.COLUMNS]


def _risk_sheet(rows: list[list[Any]]) -> bytes:
    return hostile.xlsx([heading for heading, _ in risk_io.COLUMNS], rows)


# ------------------------------------------------------------------ files that are not sheets

HOSTILE = {
    "pdf renamed .xlsx": (lambda: hostile.PDF, NOT_XLSX),
    "png renamed .xlsx": (hostile.png, NOT_XLSX),
    "zip bomb (1 GB of zeros)": (hostile.zip_bomb, TOO_MUCH),
    "zip bomb with lying sizes": (hostile.lying_zip_bomb, UNREADABLE),
    "XML entity expansion": (hostile.billion_laughs, UNREADABLE),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_action_import_refuses_it_and_writes_nothing(case: str, world: Any, plan: Plan) -> None:
    make, message = HOSTILE[case]
    before = _written()

    with pytest.raises(UploadRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_actions(actor=world["programme_officer"], plan=plan, data=make(), filename="a.xlsx")

    assert _written() == before


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_risk_import_refuses_it_and_writes_nothing(
    case: str, world: Any, register: Register
) -> None:
    make, message = HOSTILE[case]
    before = _written()

    result = risk_io.import_xlsx(
        actor=world["programme_officer"], register=register, content=make()
    )

    assert [(p.column, p.message) for p in result.problems] == [("file", message)]
    assert result.count == 0 and _written() == before


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_import_pages_refuse_it_with_the_message(
    case: str, client_for: Any, plan: Plan, register: Register
) -> None:
    make, message = HOSTILE[case]
    client = client_for("programme_officer")
    before = _written()
    content = make()

    actions = client.post(
        reverse("programme_io:actions_import", args=["own", plan.slug]),
        {"file": SimpleUploadedFile("actions.xlsx", content)},
    )
    risk_page = client.post(
        reverse("risks:register_import", args=["own", register.slug]),
        {"file": SimpleUploadedFile("risks.xlsx", content)},
    )

    assert actions.status_code == 422
    assert message in actions.content.decode()
    assert risk_page.status_code == 200 and message in risk_page.content.decode()
    assert _written() == before


def test_the_api_refuses_a_zip_bomb_with_the_message(world: Any, plan: Plan, db: None) -> None:
    from joinedup.accounts.models import ApiToken

    _, raw = ApiToken.issue(user=world["programme_officer"], name="script")
    before = _written()

    response = Client().post(
        f"/api/v1/partnerships/own/plans/{plan.slug}/actions/import",
        {"file": SimpleUploadedFile("actions.xlsx", hostile.zip_bomb())},
        headers={"Authorization": f"Bearer {raw}"},
    )

    assert response.status_code == 422
    assert TOO_MUCH in response.content.decode()
    assert _written() == before


def test_the_command_line_refuses_a_zip_bomb(world: Any, plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(hostile.zip_bomb())
    before = _written()

    result = CliRunner().invoke(app, ["import", "actions", str(path), "--plan", plan.slug])

    assert result.exit_code != 0
    assert TOO_MUCH in result.output
    assert _written() == before


def test_a_csv_that_is_really_a_png_is_refused(world: Any, plan: Plan) -> None:
    with pytest.raises(UploadRejected, match="not a CSV text file"):
        import_actions(
            actor=world["programme_officer"], plan=plan, data=hostile.png(), filename="a.csv"
        )


# ------------------------------------------------------------------ size


def test_a_100_mb_upload_is_refused_before_a_byte_of_it_is_read(
    client_for: Any, plan: Plan, register: Register, tmp_path: Path
) -> None:
    client = client_for("programme_officer")
    body, content_type = hostile.sparse_upload(tmp_path / "upload.bin")
    size = body.stat().st_size
    assert size == 100 * hostile.MIB and size > settings.JOINEDUP_MAX_REQUEST_BYTES
    before = _written()

    for url in (
        reverse("programme_io:actions_import", args=["own", plan.slug]),
        reverse("risks:register_import", args=["own", register.slug]),
        f"/api/v1/partnerships/own/plans/{plan.slug}/actions/import",
    ):
        with body.open("rb") as stream:
            response = client.generic(
                "POST",
                url,
                content_type=content_type,
                **{"wsgi.input": stream, "CONTENT_LENGTH": str(size)},
            )
            assert stream.tell() == 0, url  # refused from the Content-Length alone
        assert response.status_code == 413, url
        assert "too large" in response.content.decode()
    assert _written() == before


def test_an_upload_over_the_import_limit_is_refused_with_the_limit(
    client_for: Any, plan: Plan, register: Register
) -> None:
    client = client_for("programme_officer")
    content = b"PK\x03\x04" + bytes(MAX_UPLOAD_BYTES)  # 10 MB and 4 bytes
    before = _written()

    actions = client.post(
        reverse("programme_io:actions_import", args=["own", plan.slug]),
        {"file": SimpleUploadedFile("actions.xlsx", content)},
    )
    risk_page = client.post(
        reverse("risks:register_import", args=["own", register.slug]),
        {"file": SimpleUploadedFile("risks.xlsx", content)},
    )

    assert actions.status_code == 422
    assert "The file is too large: the limit is 10 MB." in actions.content.decode()
    assert "The file is too large: the limit is 10 MB." in risk_page.content.decode()
    assert _written() == before


def test_the_command_line_refuses_a_100_mb_file(world: Any, plan: Plan, tmp_path: Path) -> None:
    path = hostile.sparse_file(tmp_path / "big.xlsx")

    result = CliRunner().invoke(app, ["import", "actions", str(path), "--plan", plan.slug])

    assert result.exit_code != 0
    assert "too large" in result.output


# ------------------------------------------------------------------ formulas


def _action_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ACTION_HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_formulas_in_actions_are_stored_as_text_and_neutralised_on_export(
    kind: str, world: Any, plan: Plan
) -> None:
    po = world["programme_officer"]
    rows = [[str(n), formula, formula] for n, formula in enumerate(FORMULAS, start=1)]
    data = _action_csv(rows) if kind == "csv" else hostile.xlsx(ACTION_HEADERS, rows)

    result = import_actions(actor=po, plan=plan, data=data, filename=f"a.{kind}")

    assert result.ok, result.errors
    stored = {a.reference: a.title for a in Action.objects.filter(plan=plan)}
    assert stored == {str(n): f for n, f in enumerate(FORMULAS, start=1)}
    narratives = set(ProgressUpdate.objects.values_list("narrative", flat=True))
    assert narratives == set(FORMULAS)

    exported_csv, _, _ = export_actions(user=po, plan=plan, fmt="csv")
    exported_xlsx, _, _ = export_actions(user=po, plan=plan, fmt="xlsx")
    csv_cells = {c for r in csv.reader(io.StringIO(exported_csv.decode("utf-8-sig"))) for c in r}
    sheet = load_workbook(io.BytesIO(exported_xlsx)).active
    xlsx_cells = [c for r in sheet.iter_rows() for c in r if c.value]
    for formula in FORMULAS:
        assert formula not in csv_cells and "'" + formula in csv_cells
    assert not [c.coordinate for c in xlsx_cells if c.data_type == "f"]
    assert {"'" + f for f in FORMULAS} <= {c.value for c in xlsx_cells}

    again = import_actions(actor=po, plan=plan, data=exported_csv, filename="again.csv")

    assert again.ok and not again.created
    assert {a.reference: a.title for a in Action.objects.filter(plan=plan)} == stored


def test_formulas_in_risks_are_stored_as_text_and_neutralised_on_export(
    world: Any, register: Register
) -> None:
    po = world["programme_officer"]
    content = _risk_sheet([_risk_row(Title=f, Cause=f) for f in FORMULAS])

    result = risk_io.import_xlsx(actor=po, register=register, content=content)

    assert result.problems == []
    assert set(Risk.objects.values_list("title", flat=True)) == set(FORMULAS)
    exported = risk_io.export_xlsx(user=po, register=register, today=dt.date(2026, 1, 15))
    cells = [c for r in load_workbook(io.BytesIO(exported)).active.iter_rows() for c in r]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert {"'" + f for f in FORMULAS} <= {c.value for c in cells}

    other = risks.register_create(actor=po, partnership=world.own, name="Copy of risks")
    again = risk_io.import_xlsx(actor=po, register=other, content=exported)

    assert again.problems == []
    assert set(Risk.objects.filter(register=other).values_list("title", flat=True)) == set(FORMULAS)


# ------------------------------------------------------------------ HTML in text


@pytest.fixture
def scripted(world: Any, plan: Plan, register: Register) -> dict[str, Any]:
    po = world["programme_officer"]
    import_actions(
        actor=po,
        plan=plan,
        data=_action_csv([["1", f"Consult {SCRIPT}", f"Progress {SCRIPT}"]]),
        filename="a.csv",
    )
    risk_io.import_xlsx(actor=po, register=register, content=_risk_sheet([_risk_row(Title=SCRIPT)]))
    action = Action.objects.get(plan=plan)
    assert action.title == f"Consult {SCRIPT}"  # stored as given: escaped when shown
    return {"plan": plan, "register": register, "action": action}


def test_html_in_text_is_escaped_on_every_page(client_for: Any, scripted: dict[str, Any]) -> None:
    client = client_for("programme_officer")
    plan, register = scripted["plan"], scripted["register"]
    raw: list[str] = []
    shown: list[str] = []

    def fetch(path: str) -> str | None:
        response = client.get(path)
        if not response["Content-Type"].startswith("text/html"):
            return None
        html = response.content.decode()
        if SCRIPT in html:
            raw.append(path)
        if ESCAPED in html:
            shown.append(path)
        return html

    start = [
        reverse("programme:plan_list", args=["own"]),
        reverse("risks:register_list", args=["own"]),
        reverse("programme_io:progress_report", args=["own", plan.slug]),
        f"/p/own/risks/{register.slug}/",
    ]
    visited = crawl(fetch, start, limit=60)

    assert not raw, f"unescaped on {raw}"
    assert len(shown) >= 3, (shown, visited)


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_html_in_text_is_text_in_every_report_format(
    fmt: str, client_for: Any, scripted: dict[str, Any]
) -> None:
    client = client_for("programme_officer")
    plan, register = scripted["plan"], scripted["register"]

    progress = client.get(
        reverse("programme_io:progress_report_download", args=["own", plan.slug, fmt])
    )
    board = client.get(reverse("risks:register_report", args=["own", register.slug, fmt]))

    for response in (progress, board):
        assert response.status_code == 200
        text = _report_text(response.content, fmt)
        assert SCRIPT in text  # shown, as text
        if fmt == "html":
            assert SCRIPT not in response.content.decode()
            assert ESCAPED in response.content.decode()


def _report_text(content: bytes, fmt: str) -> str:
    if fmt == "pdf":
        from pypdf import PdfReader

        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if fmt == "docx":
        from docx import Document

        document = Document(io.BytesIO(content))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    from html import unescape

    return unescape(content.decode())
