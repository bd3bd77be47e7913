"""The report, import and export operations of the API."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import path
from docx import Document as read_docx
from ninja import NinjaAPI

from joinedup.accounts.models import ApiToken
from joinedup.api.auth import api_auth
from joinedup.api.errors import install_exception_handlers
from joinedup.programme import services
from joinedup.programme.api import routes_reports
from joinedup.programme.models import Action, Plan
from joinedup.programme.tests import test_import

# These tests mount the report operations on an API of their own.
test_api = NinjaAPI(urls_namespace="api_reports_test", auth=api_auth(), docs_url=None)
install_exception_handlers(test_api)
test_api.add_router("/", routes_reports.router)
urlpatterns = [path("api/v1/", test_api.urls)]
pytestmark = pytest.mark.urls(__name__)
own_plan = test_import.own_plan
AGREED = dt.datetime(2007, 10, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def call(client: Any) -> Any:
    def make(user: Any, method: str, url: str, **kw: Any) -> Any:
        _, key = ApiToken.issue(user=user, name="test")
        headers = {"Authorization": f"Bearer {key}"}
        return getattr(client, method)(
            f"/api/v1/partnerships/own/plans/own-development-plan{url}", headers=headers, **kw
        )

    return make


@pytest.fixture
def filled(world: Any, own_plan: Plan) -> Plan:
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


def test_it_gives_the_report_content_as_json(world: Any, filled: Plan, call: Any) -> None:
    response = call(world["viewer"], "get", "/progress-report?as_of=2008-10-02")
    assert response.status_code == 200, response.content
    body = response.json()
    assert [r["activity"] for g in body["groups"] for r in g["rows"]] == ["Open action"]
    assert body["total"] == 1
    assert body["period_label"] == "Oct 07 to Aug 08"


def test_it_renders_the_report_file(world: Any, filled: Plan, call: Any) -> None:
    response = call(world["board_member"], "get", "/progress-report.docx?as_of=2008-10-02")
    assert response.status_code == 200
    rows = read_docx(io.BytesIO(response.content)).tables[0].rows
    assert len(rows) == 3
    assert call(world["board_member"], "get", "/progress-report.odt").status_code == 422


def test_it_is_404_for_an_outsider(world: Any, filled: Plan, call: Any) -> None:
    for url in ("/progress-report", "/progress-report.pdf", "/actions.xlsx"):
        assert call(world["outsider"], "get", url).status_code == 404, url


def upload(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_it_imports_all_or_nothing(world: Any, own_plan: Plan, call: Any) -> None:
    officer = world["programme_officer"]
    bad = test_import.csv_bytes([["1", "Title", "nobody", "", "", ""]])
    response = call(officer, "post", "/actions/import", data={"file": upload("a.csv", bad)})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file", 2, "Owner"]
    good = test_import.csv_bytes(test_import.GOOD)
    dry = call(
        officer, "post", "/actions/import?dry_run=true", data={"file": upload("a.csv", good)}
    )
    assert dry.status_code == 200 and dry.json()["created"] == ["1", "2"]
    assert not Action.objects.filter(plan=own_plan).exists()
    done = call(officer, "post", "/actions/import", data={"file": upload("a.csv", good)})
    assert done.status_code == 200
    assert Action.objects.filter(plan=own_plan).count() == 2
    exported = call(officer, "get", "/actions.csv")
    assert "A single Chief Executive" in exported.content.decode("utf-8-sig")
