"""Links from actions to decisions and risks: shown only when visible, linked and unlinked by
editors with history on the decision or risk, and carried by the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.core.audit import history_for
from joinedup.links import selectors as links
from joinedup.links import services
from joinedup.meetings.models import (
    ActionArising,
    AgendaItem,
    Decision,
    Meeting,
    MinuteItem,
    Minutes,
)
from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.programme.tests.test_queries import _grow
from joinedup.risks.tests.factories import RegisterFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(world: Any) -> Any:
    return BodyFactory(partnership=world.own, slug="cabinet", name="Cabinet")


def _decision(body: Any, title: str, **kwargs: Any) -> Decision:
    return Decision.objects.create(
        partnership=body.partnership,
        body=body,
        decided_on=kwargs.pop("decided_on", dt.date(2008, 10, 2)),
        title=title,
        text="RESOLVED that the plan be noted.",
        **kwargs,
    )


@pytest.fixture
def register(world: Any) -> Any:
    return RegisterFactory(partnership=world.own, slug="own-register", name="Own register")


def _risk(register: Any, world: Any, reference: str, **kwargs: Any) -> Any:
    return RiskFactory(
        register=register, reference=reference, lead_organisation=world.council, **kwargs
    )


def _arising(body: Any, action: Any) -> tuple[AgendaItem, ActionArising]:
    """A meeting whose minutes record an action arising that became `action`."""
    meeting = Meeting.objects.create(partnership=body.partnership, body=body, start=timezone.now())
    item = AgendaItem.objects.create(
        partnership=body.partnership, meeting=meeting, order=1, title="Development plan"
    )
    minutes = Minutes.objects.create(partnership=body.partnership, meeting=meeting)
    entry = MinuteItem.objects.create(partnership=body.partnership, minutes=minutes, item=item)
    arising = ActionArising.objects.create(
        partnership=body.partnership, minute=entry, description="Appoint", programme_action=action
    )
    return item, arising


def test_it_shows_visible_linked_decisions_and_risks_with_links(
    nhs_action, body, register, world, client_for
):
    decision = _decision(body, "Single Chief Executive")
    decision.programme_actions.add(nhs_action)
    risk = _risk(register, world, "R-1", title="Recruitment fails")
    risk.work_actions.add(nhs_action)
    page = client_for("viewer").get(f"/p/own/programme/actions/{nhs_action.pk}/")
    html = page.content.decode()
    assert f"/p/own/decisions/{decision.pk}/" in html
    assert "Single Chief Executive" in html
    assert f"/p/own/risks/risk/{risk.pk}/" in html
    assert "Recruitment fails" in html


def test_it_never_leaks_a_hidden_risk_or_decision_not_even_its_count(
    nhs_action, body, register, world, client_for
):
    secret = BodyFactory(
        partnership=world.own, slug="secret", confidentiality="exempt", exempt_paragraph=3
    )
    hidden_decision = _decision(secret, "Confidential settlement")
    hidden_decision.programme_actions.add(nhs_action)
    hidden_risk = _risk(
        register,
        world,
        "R-9",
        title="Hidden exposure",
        confidentiality="exempt",
        exempt_paragraph=3,
    )
    hidden_risk.work_actions.add(nhs_action)
    viewer = world["viewer"]
    assert links.linked_decisions(nhs_action, viewer) == []
    assert links.linked_risks(nhs_action, viewer) == []
    html = client_for("viewer").get(f"/p/own/programme/actions/{nhs_action.pk}/").content.decode()
    assert "Confidential settlement" not in html and "Hidden exposure" not in html
    assert "No linked decisions." in html and "No linked risks." in html
    # The board member sees both.
    board = world["board_member"]
    assert [x["decision"] for x in links.linked_decisions(nhs_action, board)] == [hidden_decision]
    assert links.linked_risks(nhs_action, board) == [hidden_risk]


def test_it_shows_decisions_reached_through_the_minutes_actions_arising(nhs_action, body, world):
    item, arising = _arising(body, nhs_action)
    named = _decision(body, "Named the action arising")
    named.actions.add(arising)
    under_item = _decision(
        body, "Minuted under the same item", item=item, decided_on=dt.date(2008, 9, 1)
    )
    unrelated = _decision(body, "Something else")
    found = links.linked_decisions(nhs_action, world["viewer"])
    assert [x["decision"] for x in found] == [named, under_item]
    assert all(not x["direct"] for x in found)
    assert unrelated not in [x["decision"] for x in found]


def test_it_links_and_unlinks_a_decision_with_history_on_the_decision(
    nhs_action, body, world, client_for
):
    decision = _decision(body, "Single Chief Executive")
    client = client_for("programme_officer")
    url = f"/p/own/programme/actions/{nhs_action.pk}/decisions/link/"
    assert decision.title in client.get(url).content.decode()
    response = client.post(url, {"decision": decision.pk})
    assert response.status_code == 302
    assert list(decision.programme_actions.all()) == [nhs_action]
    entry = history_for(decision).first()
    assert entry.actor == world["programme_officer"]
    assert entry.changes["programme_actions"][1] == str(nhs_action)
    client.post(
        f"/p/own/programme/actions/{nhs_action.pk}/decisions/unlink/", {"decision": decision.pk}
    )
    assert not decision.programme_actions.exists()
    assert history_for(decision).count() == 2


def test_it_links_and_unlinks_a_risk_with_history_on_the_risk(
    nhs_action, register, world, client_for
):
    risk = _risk(register, world, "R-2")
    client = client_for("partner_lead")  # the NHS lead may change the NHS action
    url = f"/p/own/programme/actions/{nhs_action.pk}/risks/link/"
    assert client.post(url, {"risk": risk.pk}).status_code == 302
    assert list(risk.work_actions.all()) == [nhs_action]
    assert history_for(risk).first().actor == world["partner_lead"]
    client.post(f"/p/own/programme/actions/{nhs_action.pk}/risks/unlink/", {"risk": risk.pk})
    assert not risk.work_actions.exists()


def test_it_refuses_to_link_a_risk_the_editor_cannot_see(nhs_action, register, world, client_for):
    hidden = _risk(register, world, "R-3", confidentiality="exempt", exempt_paragraph=3)
    with pytest.raises(PermissionDenied):
        services.action_risk_link(actor=world["partner_lead"], action=nhs_action, risk=hidden)
    client = client_for("partner_lead")
    url = f"/p/own/programme/actions/{nhs_action.pk}/risks/link/"
    response = client.post(url, {"risk": hidden.pk})
    assert response.status_code == 200  # not a choice: the form says so, nothing linked
    assert "R-3" not in response.content.decode()
    unlink = client.post(
        f"/p/own/programme/actions/{nhs_action.pk}/risks/unlink/", {"risk": hidden.pk}
    )
    assert unlink.status_code == 404
    assert not hidden.work_actions.exists()


def test_it_refuses_links_to_those_who_may_not_change_the_action(
    council_action, body, world, client_for
):
    decision = _decision(body, "Noted")
    with pytest.raises(PermissionDenied):
        services.action_decision_link(
            actor=world["viewer"], action=council_action, decision=decision
        )
    url = f"/p/own/programme/actions/{council_action.pk}/decisions/link/"
    assert client_for("viewer").post(url, {"decision": decision.pk}).status_code == 403
    assert client_for("outsider").get(url).status_code == 404


def test_it_refuses_a_decision_of_another_partnership(nhs_action, world):
    elsewhere = _decision(BodyFactory(partnership=world.other, slug="elsewhere"), "Not ours")
    superuser = type(world["programme_officer"]).objects.create_superuser("root", "r@x", "pw")
    with pytest.raises(Exception, match="same partnership"):
        services.action_decision_link(actor=superuser, action=nhs_action, decision=elsewhere)


def test_the_api_gives_the_visible_linked_ids(plan, nhs_action, body, register, world, api_for):
    shown = _decision(body, "Shown")
    shown.programme_actions.add(nhs_action)
    secret = BodyFactory(
        partnership=world.own, slug="secret", confidentiality="exempt", exempt_paragraph=3
    )
    _decision(secret, "Hidden").programme_actions.add(nhs_action)
    risk = _risk(register, world, "R-4")
    risk.work_actions.add(nhs_action)
    _risk(register, world, "R-5", confidentiality="exempt", exempt_paragraph=3).work_actions.add(
        nhs_action
    )
    client = api_for("viewer")
    detail = client.get(f"/partnerships/own/actions/{nhs_action.pk}").json()
    assert detail["decisions"] == [shown.pk] and detail["risks"] == [risk.pk]
    listed = client.get("/partnerships/own/plans/dev-plan/actions").json()["items"]
    row = next(a for a in listed if a["id"] == nhs_action.pk)
    assert row["decisions"] == [shown.pk] and row["risks"] == [risk.pk]


def test_the_api_list_with_links_costs_the_same_queries_at_10_and_200(
    plan, body, register, world, api_for
):
    _grow(plan, world, 10)
    decision, risk = _decision(body, "Linked"), _risk(register, world, "R-6")

    def link_all() -> None:
        decision.programme_actions.set(plan.actions.all())
        risk.work_actions.set(plan.actions.all())

    client = api_for("viewer")
    url = "/partnerships/own/plans/dev-plan/actions"
    link_all()
    client.get(url, page_size=100)
    with CaptureQueriesContext(connection) as small:
        client.get(url, page_size=100)
    _grow(plan, world, 200)
    link_all()
    client.get(url, page_size=100)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url, page_size=100).json()["items"][0]["decisions"] == [decision.pk]
    assert len(large) == len(small)


def test_the_action_page_costs_the_same_queries_with_many_links(
    nhs_action, body, register, world, client_for
):
    client = client_for("viewer")
    url = f"/p/own/programme/actions/{nhs_action.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        _decision(body, f"Decision {n}").programme_actions.add(nhs_action)
        _risk(register, world, f"R-1{n}").work_actions.add(nhs_action)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "Decision 11" in html
    assert len(many) == len(few)


def test_it_gives_risks_and_meetings_the_actions_they_may_name(nhs_action, world):
    """Risks and meetings never import programme: their action pickers, imports and API ids
    ask joinedup.links through core.extensions, for the actions the user may see."""
    from joinedup.meetings.selectors import visible_programme_actions
    from joinedup.risks.selectors import action_choices, actions_named, visible_actions

    user = world["partner_lead"]
    for found in (
        visible_actions(user=user, partnership=nhs_action.partnership_id),
        visible_programme_actions(user=user, partnership=nhs_action.partnership),
        action_choices(user=user, partnership=nhs_action.partnership),
    ):
        assert nhs_action in found
    name = f"{nhs_action.plan.slug}:{nhs_action.reference}"
    assert actions_named([name, "no-such-plan:A1"]) == [nhs_action]
