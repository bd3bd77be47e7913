"""The agenda pack PDF (contents page numbers match where the items start), the CLI and iCal."""

from __future__ import annotations

import io

import pytest
from typer.testing import CliRunner

from joinedup.cli.main import _register_commands, app
from joinedup.meetings import pack, services
from joinedup.meetings.tests.test_views import SECRET, SECRET_REPORT

_register_commands()
runner = CliRunner()


def _anchor_pages(document):
    return {
        anchor: number
        for number, page in reversed(list(enumerate(document.pages, start=1)))
        for anchor in page.anchors
    }


@pytest.fixture
def long_meeting(world, meeting, item, exempt_item):
    po = world["programme_officer"]
    services.report_create(
        actor=po, item=item, title="Shared services report", considerations="Long text. " * 900
    )
    services.report_create(actor=po, item=exempt_item, title=SECRET_REPORT, purpose="Numbers")
    return meeting


def test_it_numbers_the_contents_with_the_pages_the_items_start_on(long_meeting, world):
    data = pack.pack_build(meeting=long_meeting, user=world["board_member"])
    document = pack.layout(data)
    pages = _anchor_pages(document)
    assert len(document.pages) >= 4
    assert [entry.page for entry in data.items] == [pages[e.anchor] for e in data.items]
    assert data.items[0].page == 2 and data.items[1].page > 3
    assert SECRET in pack.render_html(data)


def test_it_leaves_exempt_items_out_of_the_public_pack(long_meeting, world):
    public = pack.pack_build(meeting=long_meeting, user=None)
    html = pack.render_html(public)
    assert SECRET not in html and SECRET_REPORT not in html
    assert [e.item.title for e in public.items] == ["Shared services update"]
    viewer = pack.pack_build(meeting=long_meeting, user=world["viewer"])
    assert len(viewer.items) == 1


def test_it_writes_the_pack_from_the_command_line(long_meeting, tmp_path):
    out = tmp_path / "pack.pdf"
    args = ["meeting", "pack", "--body", long_meeting.body.slug, "--date", "2026-01-06"]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert "1 items" in result.output
    full = runner.invoke(app, [*args, "--out", str(out), "--full"])
    assert "2 items" in full.output and "page 2" in full.output


def test_it_names_the_problem_when_there_is_no_meeting(committee, tmp_path):
    result = runner.invoke(
        app,
        [
            "meeting",
            "pack",
            "--body",
            committee.slug,
            "--date",
            "2026-01-07",
            "--out",
            str(tmp_path / "x.pdf"),
        ],
    )
    assert result.exit_code == 2 and "has no meeting on 7 January 2026" in result.output


def test_it_writes_the_ical_feed_to_standard_output(meeting):
    result = runner.invoke(app, ["meetings", "ical", "--body", meeting.body.slug])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "SUMMARY:Health Committee" in lines
    begins = [n for n, line in enumerate(lines) if line == "BEGIN:VEVENT"]
    ends = [n for n, line in enumerate(lines) if line == "END:VEVENT"]
    assert len(begins) == len(ends) == 1 and begins[0] < ends[0]
    assert any(line.startswith("DTSTART:20260106T140000Z") for line in lines)


def test_it_writes_absolute_meeting_urls_in_the_feed_from_the_command(meeting, settings):
    settings.JOINEDUP_SITE_URL = "https://joinedup.example.gov.uk"
    result = runner.invoke(app, ["meetings", "ical", "--body", meeting.body.slug])
    unfolded = result.output.replace("\r\n ", "").splitlines()
    urls = [line for line in unfolded if line.startswith("URL:")]
    expected = f"URL:https://joinedup.example.gov.uk/public/own/meetings/{meeting.pk}/"
    assert urls == [expected]


@pytest.mark.django_db
def test_it_builds_the_pack_of_the_2_october_2008_cabinet(tmp_path):
    from joinedup.demo.loader import demo_load

    demo_load()
    out = tmp_path / "cabinet.pdf"
    result = runner.invoke(
        app,
        [
            "meeting",
            "pack",
            "--body",
            "herefordshire-cabinet",
            "--date",
            "2008-10-02",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1. Herefordshire Public Services .... page 2" in result.output
    assert out.stat().st_size > 1000


def _two_page_pdf() -> bytes:
    from joinedup.reports.pdf import html_to_pdf

    html = '<p>APPENDIX PAGE ONE</p><p style="page-break-before: always">APPENDIX PAGE TWO</p>'
    return html_to_pdf(html)


def test_it_merges_an_uploaded_pdf_with_the_contents_counting_its_pages(world, meeting, item):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader

    po = world["programme_officer"]
    report = services.report_create(actor=po, item=item, title="Shared services report")
    services.attachment_add(
        actor=po,
        report=report,
        title="Appendix A – site plan",
        file=SimpleUploadedFile("plan.pdf", _two_page_pdf(), content_type="application/pdf"),
    )
    second = services.agenda_item_create(actor=po, meeting=meeting, title="Any other business")
    services.report_create(actor=po, item=second, title="AOB note", purpose="None")
    data = pack.pack_build(meeting=meeting, user=world["board_member"])
    document = pack.layout(data)
    reader = PdfReader(io.BytesIO(pack.merge_attachments(data, document)))
    texts = [page.extract_text() for page in reader.pages]
    # Cover (1), item 1 (2), the two appendix pages (3, 4), item 2 (5).
    assert [entry.page for entry in data.items] == [2, 5]
    assert len(reader.pages) == 5
    assert "APPENDIX PAGE ONE" in texts[2] and "Page 3 of 5" in texts[2]
    assert "APPENDIX PAGE TWO" in texts[3] and "Page 4 of 5" in texts[3]
    assert "Any other business" in texts[4] and "Page 5 of 5" in texts[4]
    assert "2. Any other business" in texts[0] and "5" in texts[0].split("Any other business")[1]


def test_it_keeps_an_exempt_pdf_appendix_out_of_the_public_pack(world, meeting, item):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader

    po = world["programme_officer"]
    report = services.report_create(actor=po, item=item, title="Shared services report")
    services.attachment_add(
        actor=po,
        report=report,
        title="Exempt costings",
        file=SimpleUploadedFile("costs.pdf", _two_page_pdf(), content_type="application/pdf"),
        confidentiality="exempt",
        exempt_paragraph=3,
    )
    public = pack.pack_build(meeting=meeting, user=None)
    reader = PdfReader(io.BytesIO(pack.render_pdf(public)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "APPENDIX PAGE" not in text and "Exempt costings" not in text
    assert len(reader.pages) == 2
