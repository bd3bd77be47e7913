"""Meetings in a real browser: the programme officer's meeting, agenda item, minutes and decision
pages and the public meeting pages of the demo, each with no axe-core violation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.e2e.browser import sign_in, visit

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(chromium: Any) -> Any:
    """A browser page that lets axe-core be injected: it goes in as an inline script, which the
    site's Content Security Policy (script-src 'self') would otherwise block."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _cabinet_2008() -> Any:
    from joinedup.demo.loader import DEMO_PASSWORD, demo_load
    from joinedup.meetings.models import Meeting

    demo_load(password=DEMO_PASSWORD)
    return next(
        m
        for m in Meeting.objects.filter(body__slug="herefordshire-cabinet")
        if m.date == dt.date(2008, 10, 2)
    )


def _workspace_pages(meeting: Any) -> list[tuple[str, str]]:
    slug = meeting.partnership.slug
    item = meeting.items.get()
    decision = item.decisions.get()
    return [
        ("meetings", reverse("meetings:meeting_list", args=[slug])),
        ("meeting", reverse("meetings:meeting_detail", args=[slug, meeting.pk])),
        ("agenda item", reverse("meetings:item_detail", args=[slug, meeting.pk, item.pk])),
        ("minutes", reverse("meetings:minutes_detail", args=[slug, meeting.pk])),
        ("decision register", reverse("meetings:decision_list", args=[slug])),
        ("decision", reverse("meetings:decision_detail", args=[slug, decision.pk])),
        ("new item form", reverse("meetings:item_create", args=[slug, meeting.pk])),
        ("meeting edit form", reverse("meetings:meeting_edit", args=[slug, meeting.pk])),
        ("item edit form", reverse("meetings:item_edit", args=[slug, meeting.pk, item.pk])),
        ("decision links form", reverse("meetings:decision_links", args=[slug, decision.pk])),
    ]


def _register_pages(meeting: Any) -> list[tuple[str, str]]:
    """The forward plan, urgency report and dispensations, with a notice and a dispensation."""
    from joinedup.accounts.models import User
    from joinedup.meetings import services
    from joinedup.partnerships.models import TermsOfReference

    officer = User.objects.get(username="pst-project-director")
    cabinet = meeting.body
    notice = services.key_decision_notice_create(
        actor=officer,
        body=cabinet,
        matter="Shared services delivery model",
        expected_decision_on=dt.date(2010, 10, 21),
        first_published_on=dt.date(2010, 9, 1),
        documents="Report of the Interim Assistant Chief Executive",
    )
    slug = meeting.partnership.slug
    org = cabinet.owner_organisation_id
    terms = TermsOfReference.objects.get(body__slug="herefordshire-hps-steering-group", version=2)
    report = reverse("meetings:urgency_report", args=[slug])
    return [
        ("forward plan", reverse("meetings:notice_list", args=[slug])),
        ("key decision notice", reverse("meetings:notice_detail", args=[slug, notice.pk])),
        ("new notice form", reverse("meetings:notice_create", args=[slug])),
        ("urgency report", f"{report}?organisation={org}&year=2010&quarter=4"),
        ("dispensations", reverse("meetings:dispensation_list", args=[slug])),
        ("new dispensation form", reverse("meetings:dispensation_grant", args=[slug])),
        ("quorum and voting form", reverse("meetings:procedure_edit", args=[slug, terms.pk])),
    ]


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_the_meeting_pages(live_server: Any, page: Any, axe_source: Path) -> None:
    from joinedup.demo.loader import DEMO_PASSWORD

    meeting = _cabinet_2008()
    base = live_server.url
    sign_in(page, base, "pst-project-director", DEMO_PASSWORD)
    problems: list[str] = []
    for what, path in _workspace_pages(meeting) + _register_pages(meeting):
        problems += visit(page, base, what, path, axe_source, meeting.partnership.name)
    assert not problems, "\n".join(problems)

    page.goto(base + reverse("meetings:meeting_detail", args=["herefordshire", meeting.pk]))
    assert "Herefordshire Public Services" in page.locator("main").inner_text()
    page.get_by_role("link", name="1. Herefordshire Public Services").click()
    page.wait_for_load_state()
    assert "RESOLVED that" in page.locator("main").inner_text()


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_the_public_meeting_pages(
    live_server: Any, page: Any, axe_source: Path
) -> None:
    meeting = _cabinet_2008()
    item = meeting.items.get()
    pages = [
        ("public meetings", reverse("meetings:public_meetings", args=["herefordshire"])),
        ("public meeting", reverse("meetings:public_meeting", args=["herefordshire", meeting.pk])),
        (
            "public item",
            reverse("meetings:public_item", args=["herefordshire", meeting.pk, item.pk]),
        ),
        ("public decisions", reverse("meetings:public_decisions", args=["herefordshire"])),
    ]
    problems: list[str] = []
    for what, path in pages:
        problems += visit(page, live_server.url, what, path, axe_source, None)
    assert not problems, "\n".join(problems)
    assert "Herefordshire Public Services" in page.locator("main").inner_text()
