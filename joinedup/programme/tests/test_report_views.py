"""The report, import and export pages: what each persona gets."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path
from docx import Document as read_docx

from config.urls import urlpatterns as site_urls
from joinedup.programme import services
from joinedup.programme.models import Action, Plan
from joinedup.programme.tests import test_import

# This module is also the URL configuration of its tests, until config/urls.py includes
# joinedup.programme.urls_io itself.
urlpatterns = [*site_urls, path("", include("joinedup.programme.urls_io"))]
pytestmark = pytest.mark.urls(__name__)
own_plan = test_import.own_plan
AGREED = dt.datetime(2007, 10, 1, 12, tzinfo=dt.UTC)


def base(plan: Plan) -> str:
    return f"/p/{plan.partnership.slug}/programme/{plan.slug}/"


@pytest.fixture
def with_actions(world: Any, own_plan: Plan) -> Plan:
    officer = world["programme_officer"]
    services.action_create(actor=officer, plan=own_plan, reference="1", title="Open action")
    services.action_create(
        actor=officer,
        plan=own_plan,
        reference="2",
        title="Exempt action",
        confidentiality="exempt",
        exempt_paragraph=4,
    )
    # Both were added when the plan was agreed, before the reports these tests make.
    Action.objects.filter(plan=own_plan).update(created_at=AGREED)
    return own_plan


@pytest.mark.parametrize("persona", ["outsider"])
def test_it_hides_every_page_from_an_outsider(
    client_for: Any, with_actions: Plan, persona: str
) -> None:
    client = client_for(persona)
    for suffix in ("report/", "report.docx", "report.pdf", "import/", "export.xlsx", "export.csv"):
        assert client.get(base(with_actions) + suffix).status_code == 404, suffix


def test_it_sends_anonymous_people_to_sign_in(client_for: Any, with_actions: Plan) -> None:
    response = client_for("anonymous").get(base(with_actions) + "report/")
    assert response.status_code == 302


def test_it_shows_the_report_page_with_only_visible_rows(
    client_for: Any, with_actions: Plan
) -> None:
    response = client_for("viewer").get(base(with_actions) + "report/?as_of=2008-10-02")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open action" in html
    assert "Exempt action" not in html
    assert "Proposed Activity: Oct 07 to Aug 08" in html
    assert "report.docx?as_of=2008-10-02" in html


def test_it_says_when_the_report_date_is_wrong(client_for: Any, with_actions: Plan) -> None:
    response = client_for("viewer").get(base(with_actions) + "report/?as_of=yesterday")
    assert "Enter the report date as a date" in response.content.decode()


def test_it_downloads_the_report_as_docx_for_the_board(client_for: Any, with_actions: Plan) -> None:
    response = client_for("board_member").get(base(with_actions) + "report.docx?as_of=2008-10-02")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    table = read_docx(io.BytesIO(response.content)).tables[0]
    assert [r.cells[0].text for r in table.rows[1:]] == ["Open action", "Exempt action"]
    assert client_for("board_member").get(base(with_actions) + "report.exe").status_code == 404


def test_it_exports_for_a_viewer(client_for: Any, with_actions: Plan) -> None:
    response = client_for("viewer").get(base(with_actions) + "export.csv")
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Open action" in body and "Exempt action" not in body


def test_it_refuses_the_import_page_to_a_viewer(client_for: Any, with_actions: Plan) -> None:
    assert client_for("viewer").get(base(with_actions) + "import/").status_code == 403


def upload(client: Any, plan: Plan, data: bytes, name: str, dry_run: bool) -> Any:
    payload: dict[str, Any] = {"file": SimpleUploadedFile(name, data)}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(base(plan) + "import/", payload)


def test_it_checks_then_imports_a_file(client_for: Any, own_plan: Plan) -> None:
    client = client_for("programme_officer")
    assert client.get(base(own_plan) + "import/").status_code == 200
    data = test_import.csv_bytes(test_import.GOOD)
    checked = upload(client, own_plan, data, "a.csv", dry_run=True)
    assert "Would import 2 row(s)" in checked.content.decode()
    assert not Action.objects.filter(plan=own_plan).exists()
    done = upload(client, own_plan, data, "a.csv", dry_run=False)
    assert "Imported 2 row(s)" in done.content.decode()
    assert Action.objects.filter(plan=own_plan).count() == 2


def test_it_lists_every_error_by_row_and_column(client_for: Any, own_plan: Plan) -> None:
    client = client_for("programme_officer")
    bad = test_import.csv_bytes([["1", "Title", "nobody", "31/02/2008", "Done-ish", ""]])
    response = upload(client, own_plan, bad, "a.csv", dry_run=False)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nothing was imported" in html
    for text in ("nobody", "31/02/2008", "Done-ish", "Owner", "Due date", "Status"):
        assert text in html


def test_it_refuses_a_file_that_is_not_a_spreadsheet(client_for: Any, own_plan: Plan) -> None:
    client = client_for("programme_officer")
    response = upload(client, own_plan, b"MZ\x90\x00binary", "a.xlsx", dry_run=True)
    assert response.status_code == 422
    assert "not a real Excel workbook" in response.content.decode()
