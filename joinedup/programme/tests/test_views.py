"""The programme pages: who gets 200, 403 and 404, and that a refused form writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.core.models import AuditEntry
from joinedup.programme.models import Action, Plan, ProgressUpdate
from joinedup.programme.tests.factories import ActionFactory, ProgressUpdateFactory, word

pytestmark = pytest.mark.django_db

P = "/p/own/programme/"
MEMBERS = ["programme_officer", "board_member", "partner_lead", "contributor", "viewer"]


def _pages(plan, action):
    return [
        P,
        f"{P}{plan.slug}/",
        f"{P}{plan.slug}/dashboard/",
        f"{P}{plan.slug}/updates-due/",
        f"{P}actions/{action.pk}/",
    ]


@pytest.mark.parametrize("persona", MEMBERS)
def test_it_shows_the_programme_pages_to_every_member(persona, client_for, plan, nhs_action):
    ProgressUpdateFactory(action=nhs_action, narrative="Achieved. Took up post.")
    client = client_for(persona)
    for url in _pages(plan, nhs_action):
        assert client.get(url).status_code == 200, url


def test_it_hides_everything_from_an_outsider(client_for, plan, nhs_action):
    client = client_for("outsider")
    edit_pages = [
        f"{P}new/",
        f"{P}{plan.slug}/edit/",
        f"{P}{plan.slug}/refresh/",
        f"{P}{plan.slug}/actions/new/",
        f"{P}actions/{nhs_action.pk}/edit/",
        f"{P}actions/{nhs_action.pk}/progress/",
    ]
    for url in _pages(plan, nhs_action) + edit_pages:
        assert client.get(url).status_code == 404, url


def test_it_sends_an_anonymous_visitor_to_sign_in(client_for, plan):
    response = client_for("anonymous").get(f"{P}{plan.slug}/")
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_it_hides_a_restricted_action_from_those_it_is_not_restricted_to(client_for, plan, world):
    hidden = ActionFactory(plan=plan, confidentiality="restricted")
    hidden.restricted_to.set([world.nhs])
    assert client_for("viewer").get(f"{P}actions/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["viewer", "contributor", "board_member"])
def test_it_refuses_edit_pages_to_members_who_may_not_edit(persona, client_for, plan, nhs_action):
    client = client_for(persona)
    for url in [f"{P}{plan.slug}/edit/", f"{P}actions/{nhs_action.pk}/edit/", f"{P}new/"]:
        assert client.get(url).status_code == 403, url


def test_it_lets_a_partner_lead_edit_their_own_organisations_action_only(
    client_for, nhs_action, council_action
):
    client = client_for("partner_lead")
    assert client.get(f"{P}actions/{nhs_action.pk}/edit/").status_code == 200
    assert client.get(f"{P}actions/{council_action.pk}/edit/").status_code == 403


def _action_post(action, **changes):
    data = {
        "reference": action.reference,
        "title": action.title,
        "confidentiality": "partnership",
        "version": str(action.version),
        "lead_organisation": action.lead_organisation_id or "",
        **changes,
    }
    return data


def test_it_saves_an_action_edit(client_for, nhs_action):
    response = client_for("partner_lead").post(
        f"{P}actions/{nhs_action.pk}/edit/", _action_post(nhs_action, title="New title")
    )
    assert response.status_code == 302
    nhs_action.refresh_from_db()
    assert (nhs_action.title, nhs_action.version) == ("New title", 2)


def test_it_refuses_a_stale_edit_with_a_message_and_writes_nothing(client_for, nhs_action):
    client = client_for("programme_officer")
    stale = _action_post(nhs_action, title="Second")
    client.post(f"{P}actions/{nhs_action.pk}/edit/", _action_post(nhs_action, title="First"))
    before = AuditEntry.objects.count()
    response = client.post(f"{P}actions/{nhs_action.pk}/edit/", stale)
    assert response.status_code == 200
    assert "Someone else changed this action" in response.content.decode()
    assert AuditEntry.objects.count() == before
    assert Action.objects.get(pk=nhs_action.pk).title == "First"


def test_it_shows_form_errors_and_writes_nothing(client_for, plan):
    before = AuditEntry.objects.count()
    response = client_for("programme_officer").post(
        f"{P}{plan.slug}/actions/new/",
        {"title": "", "confidentiality": "exempt", "start_date": "2008-13-45"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert AuditEntry.objects.count() == before and not plan.actions.exists()


def test_it_adds_an_action(client_for, plan, world):
    response = client_for("programme_officer").post(
        f"{P}{plan.slug}/actions/new/",
        {
            "title": "A single Chief Executive will be appointed.",
            "confidentiality": "partnership",
            "lead_organisation": world.council.pk,
            "due_date": "2008-08-31",
        },
    )
    assert response.status_code == 302
    action = plan.actions.get()
    assert (action.reference, action.due_date) == ("1", dt.date(2008, 8, 31))


def test_it_adds_a_progress_update_inline_with_htmx(client_for, nhs_action):
    response = client_for("partner_lead").post(
        f"{P}actions/{nhs_action.pk}/progress/",
        {
            "date": "2008-10-02",
            "narrative": "Underway. Mapping done.",
            "status": word("Underway").pk,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Progress update added" in body and "Underway. Mapping done." in body
    assert "<html" not in body
    assert ProgressUpdate.objects.get().action == nhs_action


def test_it_refuses_progress_from_a_viewer(client_for, nhs_action):
    response = client_for("viewer").post(
        f"{P}actions/{nhs_action.pk}/progress/", {"date": "2008-10-02", "narrative": "X"}
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_it_renders_as_above_as_a_link_to_the_action_above(client_for, plan):
    above = ActionFactory(plan=plan, reference="13")
    below = ActionFactory(plan=plan, reference="14")
    ProgressUpdateFactory(action=below, narrative="As above.", see_action=above)
    body = client_for("viewer").get(f"{P}{plan.slug}/").content.decode()
    assert "As above." in body and "see action 13" in body


def test_it_refreshes_a_plan_from_the_form(client_for, plan):
    kept = ActionFactory(plan=plan, reference="2", status=word("Underway"))
    dropped = ActionFactory(plan=plan, reference="33", status=word("Underway"))
    response = client_for("programme_officer").post(
        f"{P}{plan.slug}/refresh/",
        {
            "name": "Refreshed Development Plan",
            "slug": "refreshed",
            "drop": [dropped.pk],
            "drop_reason": "To be deleted – no longer relevant to this period.",
        },
    )
    assert response.status_code == 302
    new = Plan.objects.get(slug="refreshed")
    assert new.actions.get().previous_action == kept


def test_it_asks_why_actions_are_dropped(client_for, plan):
    dropped = ActionFactory(plan=plan, status=word("Underway"))
    response = client_for("programme_officer").post(
        f"{P}{plan.slug}/refresh/", {"name": "R", "slug": "r", "drop": [dropped.pk]}
    )
    assert response.status_code == 200
    assert not Plan.objects.filter(slug="r").exists()


def test_it_sends_reminders_from_the_updates_due_page(client_for, plan, world):
    from django.core import mail

    owner = world["contributor"]
    owner.email = "po@example.org"
    owner.save()
    ActionFactory(plan=plan, owner=owner)
    assert client_for("viewer").post(f"{P}{plan.slug}/updates-due/").status_code == 403
    response = client_for("programme_officer").post(f"{P}{plan.slug}/updates-due/")
    assert response.status_code == 302
    assert mail.outbox[0].to == ["po@example.org"]


def test_it_filters_the_actions_of_a_plan(client_for, plan):
    ActionFactory(plan=plan, title="Appoint a single Chief Executive", status=word("Achieved"))
    ActionFactory(plan=plan, title="Agree a code of conduct", status=word("Underway"))
    client = client_for("viewer")
    body = client.get(f"{P}{plan.slug}/", {"state": "complete"}).content.decode()
    assert "single Chief Executive" in body and "code of conduct" not in body
    body = client.get(f"{P}{plan.slug}/", {"q": "conduct"}, HTTP_HX_REQUEST="true").content.decode()
    assert "code of conduct" in body and "Chief Executive" not in body


def test_it_shows_the_dashboard_with_overdue_and_the_chart_table(client_for, plan, world):
    ActionFactory(
        plan=plan,
        title="Late one",
        due_date=dt.date(2008, 1, 1),
        lead_organisation=world.nhs,
        status=word("Underway"),
    )
    body = client_for("board_member").get(f"{P}{plan.slug}/dashboard/").content.decode()
    assert "Late one" in body and "Overdue (1)" in body
    assert "Actions by lead partner and status" in body and world.nhs.name in body


def test_it_asks_a_partner_lead_for_the_lead_partner_of_a_new_action(client_for, plan):
    response = client_for("partner_lead").post(
        f"{P}{plan.slug}/actions/new/", {"title": "Joint work", "confidentiality": "partnership"}
    )
    assert response.status_code == 200
    assert not plan.actions.exists()
