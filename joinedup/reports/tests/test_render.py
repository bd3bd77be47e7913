"""The renderers draw one Document three ways; the rows and numbers must agree."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from joinedup.reports.chart import Series, StackedBarChart, to_png, to_svg
from joinedup.reports.document import (
    Bullets,
    Document,
    Figure,
    Header,
    Paragraph,
    Section,
    Table,
    TableRow,
)
from joinedup.reports.render import Format, render

CHART = StackedBarChart(
    title="Actions by status",
    categories=("Governance", "Shared services <&>"),
    series=(
        Series("Achieved", "#1d70b8", (3, 1)),
        Series("Underway", "#00703c", (0, 2)),
    ),
)


def a_document() -> Document:
    table = Table(
        headers=("Proposed Activity: Oct 07 to Aug 08", "Progress to Date"),
        rows=(
            TableRow(("Governance",), group=True),
            TableRow(("A single Chief Executive will be appointed.", "Achieved. Took up post")),
            TableRow(("Interim governance arrangements <b>will</b> be implemented.", "See above")),
        ),
    )
    return Document(
        header=Header(
            organisation="Herefordshire Public Services",
            committee="Cabinet",
            date=dt.date(2008, 10, 2),
            title="Progress against the development plan",
            purpose="To note progress.",
        ),
        sections=(
            Section("Progress", (Paragraph("The plan identified actions."), table)),
            Section(
                "Priorities",
                (Paragraph("Priority activity includes:"), Bullets(("Benefits framework",))),
            ),
            Section("Summary", (Figure(CHART, "Actions by status"),)),
        ),
        footer_note="Prepared for a test.",
        filename="test-report",
    )


def docx_table_text(content: bytes) -> list[list[str]]:
    docx = read_docx(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for row in docx.tables[0].rows]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_it_numbers_paragraphs_through_the_whole_document() -> None:
    numbers = [n for _, _, n in a_document().numbered_blocks() if n is not None]
    assert numbers == [1, 2]


def test_it_renders_the_two_column_table_in_docx() -> None:
    rendered = render(a_document(), Format.DOCX)
    rows = docx_table_text(rendered.content)
    assert rows[0] == ["Proposed Activity: Oct 07 to Aug 08", "Progress to Date"]
    assert rows[1] == ["Governance", "Governance"]  # a merged sub-heading row
    assert rows[2] == ["A single Chief Executive will be appointed.", "Achieved. Took up post"]
    assert rows[3][1] == "See above"
    assert rendered.filename == "test-report.docx"


def test_it_uses_arial_and_numbered_paragraphs_in_docx() -> None:
    docx = read_docx(io.BytesIO(render(a_document(), Format.DOCX).content))
    assert docx.styles["Normal"].font.name == "Arial"
    texts = [p.text for p in docx.paragraphs]
    assert "1.\tThe plan identified actions." in texts
    assert "2.\tPriority activity includes:" in texts
    assert len(docx.inline_shapes) == 1  # the chart, as a picture


def test_it_escapes_text_in_html_and_svg() -> None:
    html = render(a_document(), Format.HTML).content.decode()
    assert "&lt;b&gt;will&lt;/b&gt;" in html
    assert "<b>will" not in html
    assert "Shared services &lt;&amp;&gt;" in html
    assert "<svg" in html


def test_it_puts_the_same_rows_in_the_pdf() -> None:
    text = pdf_text(render(a_document(), Format.PDF).content)
    flat = " ".join(text.split())
    for row in a_document().sections[0].blocks[1].body_rows:  # type: ignore[union-attr]
        for cell in row.cells:
            assert " ".join(cell.split()) in flat


def test_it_draws_the_chart_as_svg_and_png() -> None:
    svg = to_svg(CHART)
    assert svg.count("<rect") == 3 + 2  # three non-empty segments, two legend keys
    assert to_png(CHART).startswith(b"\x89PNG")


def test_it_never_fetches_external_resources_for_the_pdf() -> None:
    from joinedup.reports.pdf import html_to_pdf

    # A remote image is refused by the fetcher; WeasyPrint logs it and draws no image.
    pdf = html_to_pdf('<p>x</p><img src="http://169.254.169.254/latest/meta-data">')
    assert pdf.startswith(b"%PDF")


def soffice_or_skip() -> str:
    found = shutil.which("soffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required in CI")
    pytest.skip("LibreOffice (soffice) is not installed")


def convert_with_libreoffice(docx_bytes: bytes, tmp_path: Path) -> Path:
    soffice = soffice_or_skip()
    source = tmp_path / "report.docx"
    source.write_bytes(docx_bytes)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "report.pdf"
    assert result.returncode == 0, result.stderr
    assert converted.exists(), result.stdout + result.stderr
    return converted


def test_it_makes_a_docx_libreoffice_converts(tmp_path: Path) -> None:
    converted = convert_with_libreoffice(render(a_document(), Format.DOCX).content, tmp_path)
    assert "A single Chief Executive" in pdf_text(converted.read_bytes())
