"""A meeting attachment is checked by its content: a real, readable, unencrypted PDF within the
size and page limits. Anything else is refused with a message that names the problem, and
nothing is stored."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.meetings import services
from joinedup.meetings.models import Attachment
from tests.security import hostile_files as hostile

NOT_PDF = "The file is not a PDF, whatever its name says"
HOSTILE = {
    "an HTML page named .pdf": (lambda: hostile.HTML_AS_PDF, NOT_PDF),
    "a PNG named .pdf": (hostile.png, NOT_PDF),
    "a spreadsheet named .pdf": (lambda: hostile.xlsx(["A"], [["1"]]), NOT_PDF),
    "an HTML page headed as a PDF": (lambda: hostile.PDF_HEADED_HTML, "could not be read"),
    "a PDF cut off half way": (hostile.truncated_pdf, "could not be read"),
    "a PDF with no pages": (lambda: hostile.pdf(0), "The PDF has no pages."),
    "a PDF with no cross-reference table": (lambda: hostile.PDF, "could not be read"),
    "a PDF page with no size": (hostile.sizeless_page_pdf, "a page with no size"),
    "a password-protected PDF": (
        lambda: hostile.pdf(2, password="secret"),
        "The PDF is encrypted or password-protected",
    ),
}


@pytest.fixture
def report(world: Any, item: Any) -> Any:
    return services.report_create(
        actor=world["programme_officer"], item=item, title="Shared services report"
    )


def _upload(content: bytes, name: str = "appendix.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _attach(world: Any, report: Any, content: bytes, name: str = "appendix.pdf") -> Attachment:
    return services.attachment_add(
        actor=world["programme_officer"],
        report=report,
        title="Appendix A",
        file=_upload(content, name),
    )


@pytest.mark.parametrize("case", list(HOSTILE))
def test_it_refuses_a_hostile_file_and_stores_nothing(case: str, world: Any, report: Any) -> None:
    make, message = HOSTILE[case]

    with pytest.raises(ValidationError) as refused:
        _attach(world, report, make())

    (problem,) = refused.value.message_dict["file"]
    assert message in problem
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_upload_page_names_the_problem(
    case: str, client_for: Any, world: Any, meeting: Any, item: Any, report: Any
) -> None:
    make, message = HOSTILE[case]
    url = reverse("meetings:attachment_add", args=["own", meeting.pk, item.pk, report.pk])

    page = client_for("programme_officer").post(
        url, {"title": "Appendix A", "file": _upload(make())}
    )

    assert page.status_code == 200
    body = page.content.decode()
    assert "govuk-error-summary" in body and message in body.replace("&#x27;", "'")
    assert not Attachment.objects.exists()


def test_it_accepts_a_real_pdf_and_stores_it_as_a_pdf(world: Any, report: Any) -> None:
    attachment = _attach(world, report, hostile.pdf(2), name="site plan.html")

    assert re.fullmatch(r"meetings/\d{4}/site_plan[\w-]*\.pdf", attachment.file.name)
    with attachment.file.open("rb") as stored:
        assert stored.read() == hostile.pdf(2)


def test_it_refuses_a_pdf_over_the_size_limit(world: Any, report: Any, settings: Any) -> None:
    settings.JOINEDUP_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = hostile.pdf(1) + b"%" + b" " * (1024 * 1024) + b"\n"

    with pytest.raises(ValidationError, match="larger than 1 MB"):
        _attach(world, report, big)
    assert not Attachment.objects.exists()


def test_it_refuses_a_pdf_over_the_page_limit(world: Any, report: Any, settings: Any) -> None:
    settings.JOINEDUP_ATTACHMENT_MAX_PAGES = 3

    with pytest.raises(
        ValidationError, match="The PDF has 4 pages; an attachment may have at most 3"
    ):
        _attach(world, report, hostile.pdf(4))
    assert _attach(world, report, hostile.pdf(3)).file


def test_the_limits_default_to_20_mb_and_300_pages() -> None:
    from joinedup.core import pdf_files

    assert pdf_files.max_bytes() == 20 * 1024 * 1024
    assert pdf_files.max_pages() == 300


def test_it_serves_a_file_stored_before_the_check_only_as_a_download(
    client_for: Any, world: Any, meeting: Any, item: Any, report: Any
) -> None:
    from django.core.files.base import ContentFile

    older = Attachment(partnership=report.partnership, report=report, title="Old upload")
    older.file.save("old.html", ContentFile(hostile.HTML_AS_PDF), save=False)
    older.save()
    pdf = _attach(world, report, hostile.pdf(1))
    client = client_for("programme_officer")

    def fetch(attachment: Attachment) -> Any:
        args = ["own", meeting.pk, item.pk, attachment.pk]
        return client.get(reverse("meetings:attachment_file", args=args))

    old_response, pdf_response = fetch(older), fetch(pdf)
    assert old_response["Content-Type"] == "application/octet-stream"
    assert old_response["Content-Disposition"].startswith("attachment;")
    assert old_response["X-Content-Type-Options"] == "nosniff"
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response["Content-Disposition"].startswith("inline;")
