"""DOCX renderer: a council committee report an officer can edit and paste into the agenda
system. Arial throughout, the header block of a committee paper, paragraph numbers typed as
text (they survive copy and paste into any agenda system, unlike Word list numbering), tables
with a repeating header row, and charts as pictures (see `joinedup.reports.chart`)."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Row

from joinedup.reports.chart import to_png
from joinedup.reports.document import Bullets, Document, Figure, Paragraph, Table

FONT = "Arial"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_WIDTH_CM = 16.0
GROUP_SHADE = "E8E8E8"


def render_docx(document: Document) -> bytes:
    """The report as DOCX bytes."""
    docx = new_docx()
    _set_up(docx, document)
    _header(docx, document)
    for section, block, number in document.numbered_blocks():
        if block is section.blocks[0] and section.heading:
            docx.add_heading(section.heading, level=2)
        _block(docx, block, number)
    if document.footer_note:
        note = docx.add_paragraph(document.footer_note)
        note.runs[0].font.size = Pt(9)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _set_up(docx: DocxDocument, document: Document) -> None:
    for name in ("Normal", "Heading 1", "Heading 2", "List Bullet", "Title"):
        style = docx.styles[name]
        style.font.name = FONT
        # East Asian and complex-script fonts too, or Word falls back to its theme font.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
    docx.styles["Normal"].font.size = Pt(11)
    docx.styles["Heading 1"].font.size = Pt(14)
    docx.styles["Heading 2"].font.size = Pt(12)
    for section in docx.sections:
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.0)
    props = docx.core_properties
    props.title = document.header.title
    props.author = "Joined-Up"
    props.subject = document.header.committee


def _header(docx: DocxDocument, document: Document) -> None:
    header = document.header
    lines = [header.organisation.upper()]
    if header.portfolio:
        lines.append(f"PORTFOLIO RESPONSIBILITY: {header.portfolio.upper()}")
    lines += [header.committee.upper(), _long_date(header).upper()]
    for line in lines:
        paragraph = docx.add_paragraph()
        paragraph.add_run(line).bold = True
    docx.add_heading(header.title, level=1)
    if header.purpose:
        docx.add_heading("Purpose", level=2)
        docx.add_paragraph(header.purpose)


def _long_date(header: object) -> str:
    date = header.date  # type: ignore[attr-defined]
    return f"{date.day} {date:%B %Y}"


def _block(docx: DocxDocument, block: object, number: int | None) -> None:
    if isinstance(block, Paragraph):
        _paragraph(docx, block, number)
    elif isinstance(block, Bullets):
        for item in block.items:
            docx.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        _table(docx, block)
    elif isinstance(block, Figure):
        docx.add_picture(io.BytesIO(to_png(block.chart)), width=Cm(TEXT_WIDTH_CM))
        docx.add_paragraph(block.caption).runs[0].italic = True


def _paragraph(docx: DocxDocument, block: Paragraph, number: int | None) -> None:
    if number is None:
        docx.add_paragraph(block.text)
        return
    paragraph = docx.add_paragraph(f"{number}.\t{block.text}")
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(1)
    fmt.first_line_indent = Cm(-1)
    fmt.tab_stops.add_tab_stop(Cm(1))


def _table(docx: DocxDocument, block: Table) -> None:
    columns = len(block.headers)
    table = docx.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_as_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        if row.group:
            merged = cells[0].merge(cells[-1]) if columns > 1 else cells[0]
            merged.text = ""
            merged.paragraphs[0].add_run(row.cells[0]).bold = True
            _shade(merged, GROUP_SHADE)
            continue
        for cell, text in zip(cells, row.cells, strict=True):
            cell.text = text
    _widths(table, block.widths or (1,) * columns)
    if block.caption:
        docx.add_paragraph(block.caption).runs[0].italic = True


def _widths(table: DocxTable, widths: tuple[int, ...]) -> None:
    total = sum(widths)
    for row in table.rows:
        for cell, share in zip(row.cells, widths, strict=False):
            cell.width = Cm(TEXT_WIDTH_CM * share / total)


def _repeat_as_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _shade(cell: object, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)
