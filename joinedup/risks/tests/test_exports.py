"""The register as XLSX (and back, all or nothing), the board report and the CLI."""

from __future__ import annotations

import datetime as dt
import io as stdlib_io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as DocxDocument
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from joinedup.cli.main import _register_commands, app
from joinedup.risks import io, report, services
from joinedup.risks.models import Risk

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def risk(world: Any, registers: Any) -> Risk:
    po = world["programme_officer"]
    made = services.risk_create(
        actor=po,
        register=registers.joint,
        title="Consultation timing",
        category="governance",
        lead_organisation=world.council,
        owner=po,
        cause="the consultation date is not agreed",
        event="consultation slips",
        effect="the decision is delayed",
        actions="Agree the timetable",
    )
    services.risk_assess(actor=po, risk=made, inherent=(4, 4), current=(3, 4))
    services.control_add(
        actor=po, risk=made, description="Consultation plan", owner_organisation=world.council
    )
    return made


def _sheet(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([heading for heading, _ in io.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = stdlib_io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(**values: Any) -> list[Any]:
    base = {h: "" for h, _ in io.COLUMNS}
    base.update(
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
    base.update(values)
    return [base[h] for h, _ in io.COLUMNS]


def test_it_exports_the_register_and_imports_it_back(
    world: Any, registers: Any, risk: Risk
) -> None:
    content = io.export_xlsx(user=world["viewer"], register=registers.joint, today=TODAY)
    sheet = load_workbook(stdlib_io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Consultation timing" and "High" in rows[1]

    result = io.import_xlsx(
        actor=world["programme_officer"], register=registers.council, content=content
    )

    assert result.problems == [] and result.count == 1
    assert Risk.objects.filter(register=registers.council, title="Consultation timing").exists()


def test_it_imports_nothing_when_one_row_is_wrong(world: Any, registers: Any) -> None:
    content = _sheet(
        [
            _row(Title="Good row"),
            _row(Title="Bad score", **{"Current likelihood": 5}),
            _row(Title="Bad category", Category="Weather"),
        ]
    )

    result = io.import_xlsx(
        actor=world["programme_officer"], register=registers.joint, content=content
    )

    assert result.count == 0
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "Current likelihood"),
        (4, "Category"),
    ]
    assert "exceeds the inherent score" in result.problems[0].message
    assert not Risk.objects.filter(register=registers.joint).exists()


def test_it_names_a_missing_column(world: Any, registers: Any) -> None:
    book = Workbook()
    book.active.append(["Title"])
    buffer = stdlib_io.BytesIO()
    book.save(buffer)

    result = io.import_xlsx(
        actor=world["programme_officer"], register=registers.joint, content=buffer.getvalue()
    )

    assert any(p.column == "Category" and "missing" in p.message for p in result.problems)


def test_it_writes_a_board_report_with_the_narrative(
    world: Any, registers: Any, risk: Risk, tmp_path: Path
) -> None:
    context = report.build_context(user=world["viewer"], register=registers.joint, today=TODAY)
    assert context.items[0].controls == ("Consultation plan (Own Council)",)

    content, _ = report.render(context, "docx")
    text = "\n".join(p.text for p in DocxDocument(stdlib_io.BytesIO(content)).paragraphs)
    assert "consultation slips" in text and "Agree the timetable" in text
    pdf, media = report.render(context, "pdf")
    assert pdf.startswith(b"%PDF") and media == "application/pdf"

    soffice = shutil.which("soffice")
    if soffice:
        path = tmp_path / "report.docx"
        path.write_bytes(content)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_it_scores_and_reports_from_the_command_line(
    world: Any, registers: Any, risk: Risk, tmp_path: Path
) -> None:
    _register_commands()
    runner = CliRunner()
    assert runner.invoke(app, ["risk", "score", "4", "5"]).output.strip() == "20 extreme"
    refused = runner.invoke(app, ["risk", "score", "6", "1"])
    assert refused.exit_code == 2 and "not on the NPSA" in refused.output
    out = tmp_path / "board.docx"

    result = runner.invoke(
        app,
        [
            "report",
            "risks",
            "--register",
            registers.joint.slug,
            "--format",
            "docx",
            "--out",
            str(out),
            "--as",
            "viewer",
        ],
    )

    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


def test_it_expires_acceptances_from_the_command_line(
    world: Any, registers: Any, risk: Risk
) -> None:
    services.risk_accept(
        actor=world["programme_officer"],
        risk=risk,
        approver=world["board_member"],
        justification="Board accepts",
        expires_on=dt.date(2026, 6, 30),
        accepted_on=TODAY,
    )
    _register_commands()

    result = CliRunner().invoke(app, ["risk", "expire-acceptances", "--date", "2026-07-01"])

    assert result.exit_code == 0, result.output
    assert "1 risk returned to assessed." in result.output
    assert Risk.objects.get(pk=risk.pk).status == "assessed"


def test_it_neutralises_formulas_in_the_export_and_refuses_a_non_workbook(
    world: Any, registers: Any, risk: Risk
) -> None:
    risk.title = '=HYPERLINK("http://evil.example","click")'
    risk.save(update_fields=["title"])
    content = io.export_xlsx(user=world["programme_officer"], register=registers.joint, today=TODAY)
    rows = list(load_workbook(stdlib_io.BytesIO(content)).active.iter_rows(values_only=True))
    titles = [row[rows[0].index("Title")] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","click")' in titles
    result = io.import_xlsx(
        actor=world["programme_officer"], register=registers.joint, content=b"not a workbook"
    )
    assert result.count == 0
    assert result.problems and result.problems[0].column == "file"
