"""The pages of the forward plan, urgency report, dispensations, edit pages, casting vote and
decision links; and the public summary of an exempt item (never its exempt text)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from joinedup.core.audit import history_for
from joinedup.meetings import selectors, services
from joinedup.meetings.models import AgendaItem, KeyDecisionNotice, Meeting
from joinedup.meetings.tests.conftest import present
from joinedup.meetings.tests.test_views import SECRET, SECRET_REPORT, published  # noqa: F401

D = dt.date
SUMMARY = "The committee agreed a way forward on staffing; details are exempt."


@pytest.fixture
def notice(world, committee):
    return services.key_decision_notice_create(
        actor=world["programme_officer"],
        body=committee,
        matter="Close the day centre",
        expected_decision_on=D(2026, 2, 4),
        first_published_on=D(2026, 1, 2),
        documents="Report of the Director\nConsultation responses",
    )


@pytest.fixture
def dispensation(world):
    return services.dispensation_grant(
        actor=world["programme_officer"],
        partnership=world.own,
        person=world["contributor"],
        organisation=world.council,
        scope="Items about Acme Holdings",
        granted_on=D(2026, 1, 1),
        valid_from=D(2026, 1, 1),
        valid_to=D(2027, 1, 1),
        granted_by="Standards Committee",
    )


def _pages(notice):
    own = ["own"]
    return [
        reverse("meetings:notice_list", args=own),
        reverse("meetings:notice_detail", args=["own", notice.pk]),
        reverse("meetings:urgency_report", args=own),
        reverse("meetings:urgency_report", args=own)
        + f"?organisation={notice.body.owner_organisation_id}&year=2026&quarter=1",
        reverse("meetings:dispensation_list", args=own),
    ]


@pytest.mark.parametrize("persona", ["programme_officer", "board_member", "viewer"])
def test_it_shows_the_register_pages_to_members(client_for, notice, dispensation, persona):
    client = client_for(persona)
    for page in _pages(notice):
        assert client.get(page).status_code == 200, page


def test_it_gives_the_outsider_404_on_the_register_pages(client_for, notice, dispensation):
    client = client_for("outsider")
    for page in _pages(notice):
        assert client.get(page).status_code == 404, page


def test_it_shows_the_notice_with_its_due_days(client_for, notice):
    page = client_for("viewer").get(reverse("meetings:notice_detail", args=["own", notice.pk]))
    text = page.content.decode()
    assert "Tuesday 6 January 2026" in text and "Consultation responses" in text


def test_it_publishes_a_notice_from_the_page_and_refuses_a_late_one(client_for, committee):
    client = client_for("programme_officer")
    url = reverse("meetings:notice_create", args=["own"])
    data = {
        "body": committee.pk,
        "matter": "Sell the depot",
        "expected_decision_on": "2026-02-04",
        "first_published_on": "2026-01-20",
        "route": "forward_plan",
        "confidentiality": "partnership",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and "less than 28 clear days" in refused.content.decode()
    assert not KeyDecisionNotice.objects.exists()
    data["first_published_on"] = "2026-01-05"
    assert client.post(url, data).status_code == 302
    assert KeyDecisionNotice.objects.get().matter == "Sell the depot"


def test_it_downloads_the_urgency_report(client_for, notice, world):
    url = reverse("meetings:urgency_report", args=["own"])
    query = f"?organisation={world.council.pk}&year=2026&quarter=1&format="
    client = client_for("programme_officer")
    docx = client.get(url + query + "docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    html = client.get(url + query + "html").content.decode()
    assert "No key decision was taken under special urgency" in html


def test_it_grants_and_revokes_a_dispensation_on_the_pages(client_for, world):
    client = client_for("programme_officer")
    data = {
        "person": world["contributor"].pk,
        "organisation": world.council.pk,
        "scope": "Items about Acme Holdings",
        "granted_by": "Standards Committee",
        "grounds": "Quorum",
        "granted_on": "2026-01-01",
        "valid_from": "2026-01-01",
        "valid_to": "2031-01-01",
    }
    url = reverse("meetings:dispensation_grant", args=["own"])
    refused = client.post(url, data)
    assert refused.status_code == 200 and "at most four years" in refused.content.decode()
    data["valid_to"] = "2027-01-01"
    assert client.post(url, data).status_code == 302
    from joinedup.meetings.models import Dispensation

    made = Dispensation.objects.get()
    revoke = reverse("meetings:dispensation_revoke", args=["own", made.pk])
    assert (
        client.post(revoke, {"revoked_on": "2026-02-01", "revocation_reason": "Sold"}).status_code
        == 302
    )
    assert Dispensation.objects.get().revoked_on == D(2026, 2, 1)
    client.logout()
    assert client_for("viewer").get(revoke).status_code == 403


def test_it_edits_a_meeting_and_keeps_its_history(client_for, world, meeting):
    client = client_for("programme_officer")
    url = reverse("meetings:meeting_edit", args=["own", meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"date": "2026-01-06", "time": "14:00", "venue": "Brockington", "reason": "Moved"}
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).venue == "Brockington"
    assert history_for(meeting).first().reason == "Moved"
    blank = client.post(url, {"date": "", "time": "14:00"})
    assert blank.status_code == 200 and "govuk-error-summary" in blank.content.decode()
    client.logout()
    assert client_for("viewer").get(url).status_code == 403


def test_it_edits_an_item_and_refuses_an_exempt_one_without_a_paragraph(client_for, meeting, item):
    client = client_for("programme_officer")
    url = reverse("meetings:item_edit", args=["own", meeting.pk, item.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": "Shared services: final report",
        "decision_type": "for_decision",
        "confidentiality": "exempt",
        "public_interest_reasoning": "Commercial terms",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).title == "Shared services update"
    data["confidentiality"] = "partnership"
    assert client.post(url, data).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).title == "Shared services: final report"
    assert history_for(item).first().changes["title"][1] == "Shared services: final report"


def test_it_links_work_programme_actions_from_the_decision_page(client_for, world, meeting, item):
    from joinedup.programme import services as programme_services
    from joinedup.programme.tests.factories import vocabulary

    po = world["programme_officer"]
    present(world, meeting, "board_member", "contributor", "viewer")
    decision = services.decision_record(actor=po, item=item, title="Go", text="(a) go")
    plan = programme_services.plan_create(
        actor=po, partnership=world.own, slug="plan", name="Plan", vocabulary=vocabulary()
    )
    action = programme_services.action_create(actor=po, plan=plan, title="Set it up")
    url = reverse("meetings:decision_links", args=["own", decision.pk])
    client = client_for("programme_officer")
    assert client.post(url, {"programme_actions": [action.pk]}).status_code == 302
    page = client.get(reverse("meetings:decision_detail", args=["own", decision.pk]))
    assert "Set it up" in page.content.decode()
    client.logout()
    assert client_for("viewer").get(url).status_code == 403


def test_it_shows_only_the_public_summary_of_an_exempt_item(client, world, published):  # noqa: F811
    exempt = AgendaItem.objects.get(meeting=published, title=SECRET)
    from joinedup.meetings.models import MinuteItem, Minutes

    # The minutes are approved (read-only): the summary stands in for one written before.
    entry = MinuteItem.objects.get(item=exempt)
    MinuteItem.objects.filter(pk=entry.pk).update(public_summary=SUMMARY)
    assert Minutes.objects.get(meeting=published).approved
    page = client.get(reverse("meetings:public_meeting", args=["own", published.pk]))
    body = page.content.decode()
    assert SUMMARY in body and "paragraph 4" in body
    assert SECRET not in body and "secret plan" not in body and SECRET_REPORT not in body
    from joinedup.meetings import pack

    html = pack.render_html(pack.pack_build(meeting=published, user=None))
    assert SECRET not in html and SECRET_REPORT not in html and SUMMARY not in html


def test_it_writes_the_public_summary_in_the_minute_form(client_for, meeting, exempt_item):
    client = client_for("programme_officer")
    url = reverse("meetings:minute_edit", args=["own", meeting.pk, exempt_item.pk])
    assert (
        client.post(url, {"resolutions": "(a) agreed", "public_summary": SUMMARY}).status_code
        == 302
    )
    from joinedup.meetings.models import MinuteItem

    assert MinuteItem.objects.get(item=exempt_item).public_summary == SUMMARY


def test_it_records_a_casting_vote_from_the_page(client_for, world, committee, meeting, item):
    from joinedup.partnerships import services as partnership_services

    po = world["programme_officer"]
    tor = partnership_services.tor_version_create(actor=po, body=committee)
    partnership_services.tor_version_approve(
        actor=po, tor=tor, approved_on=D(2025, 1, 1), approved_by=committee
    )
    services.procedure_rules_set(actor=po, terms=tor, chair_casting_vote=True, quorum={})
    present(world, meeting, "board_member", "contributor", "viewer")
    services.vote_record(actor=po, item=item, person=world["contributor"], choice="for")
    services.vote_record(actor=po, item=item, person=world["viewer"], choice="against")
    client = client_for("programme_officer")
    item_page = client.get(reverse("meetings:item_detail", args=["own", meeting.pk, item.pk]))
    assert "Record the chair's casting vote" in item_page.content.decode()
    url = reverse("meetings:casting_vote", args=["own", meeting.pk, item.pk])
    refused = client.post(url, {"person": world["viewer"].pk, "choice": "for"})
    assert refused.status_code == 200 and "does not chair" in refused.content.decode()
    assert (
        client.post(url, {"person": world["board_member"].pk, "choice": "for"}).status_code == 302
    )
    assert selectors.vote_tally(item).carried


def test_it_sets_the_quorum_and_casting_vote_on_the_page(client_for, world, committee):
    from joinedup.meetings.models import ProcedureRules
    from joinedup.partnerships import services as partnership_services

    tor = partnership_services.tor_version_create(actor=world["programme_officer"], body=committee)
    url = reverse("meetings:procedure_edit", args=["own", tor.pk])
    client = client_for("programme_officer")
    assert "Voting members needed from Own NHS Trust" in client.get(url).content.decode()
    data = {"chair_casting_vote": "on", f"org_{world.council.pk}": "1", f"org_{world.nhs.pk}": "1"}
    refused = client.post(url, data)
    # The committee has no NHS seat: the quorum cannot ask for more members than have a vote.
    assert (
        refused.status_code == 200
        and "than have a vote (0 voting seats)" in refused.content.decode()
    )
    del data[f"org_{world.nhs.pk}"]
    assert client.post(url, data).status_code == 302
    rules = ProcedureRules.objects.get(terms=tor)
    assert rules.chair_casting_vote and [q.organisation for q in rules.quorum.all()] == [
        world.council
    ]
    client.logout()
    assert client_for("viewer").get(url).status_code == 403
