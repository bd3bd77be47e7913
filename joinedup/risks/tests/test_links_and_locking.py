"""Risks linked to work-programme actions, and optimistic locking of risks and registers."""

from __future__ import annotations

import datetime as dt
import io as stdlib_io
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import ApiClient
from joinedup.core.audit import history_for
from joinedup.programme.tests.factories import ActionFactory, PlanFactory, word
from joinedup.risks import io, report, services
from joinedup.risks.models import Register, Risk

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def plan(world: Any) -> Any:
    return PlanFactory(partnership=world.own, slug="own-plan", name="Own development plan")


@pytest.fixture
def actions(plan: Any, world: Any) -> dict[str, Any]:
    """Two actions everyone sees, and one restricted to the council."""
    seen = ActionFactory(
        plan=plan,
        reference="1.1",
        title="Agree the consultation plan",
        status=word("Underway"),
        due_date=dt.date(2026, 4, 30),
    )
    other = ActionFactory(plan=plan, reference="1.2", title="Brief the scrutiny committee")
    hidden = ActionFactory(
        plan=plan,
        reference="9.9",
        title="Council-only budget action",
        lead_organisation=world.council,
        confidentiality="restricted",
    )
    hidden.restricted_to.set([world.council])
    return {"seen": seen, "other": other, "hidden": hidden}


@pytest.fixture
def risk(world: Any, registers: Any) -> Risk:
    made = services.risk_create(
        actor=world["programme_officer"],
        register=registers.joint,
        title="Consultation timing",
        category="governance",
        lead_organisation=world.nhs,
        owner=world["partner_lead"],
    )
    services.risk_assess(
        actor=world["programme_officer"], risk=made, inherent=(4, 4), current=(3, 4)
    )
    made.refresh_from_db()
    return made


@pytest.fixture
def api_for(world: Any) -> Any:
    def make(persona: str) -> ApiClient:
        _, raw = ApiToken.issue(user=world[persona], name="test")
        return ApiClient(raw)

    return make


# ---------------------------------------------------------------- links to actions


def test_it_links_actions_with_a_history_entry(world: Any, risk: Risk, actions: Any) -> None:
    po = world["programme_officer"]

    services.risk_update(actor=po, risk=risk, work_actions=[actions["seen"]], reason="Treats it")

    assert list(risk.work_actions.all()) == [actions["seen"]]
    entry = history_for(risk).filter(changes__has_key="work_actions").first()
    assert entry is not None and entry.actor == po and entry.reason == "Treats it"


def test_it_refuses_an_action_the_editor_cannot_see_and_keeps_hidden_links(
    world: Any, risk: Risk, actions: Any
) -> None:
    po, lead = world["programme_officer"], world["partner_lead"]
    services.risk_update(actor=po, risk=risk, work_actions=[actions["hidden"]])

    with pytest.raises(ValidationError) as caught:
        services.risk_update(actor=lead, risk=risk, work_actions=[actions["hidden"]])
    assert "work_actions" in caught.value.message_dict

    # The partner lead (trust) cannot see the council's action: saving their choice keeps it.
    services.risk_update(actor=lead, risk=risk, work_actions=[actions["other"]])
    linked = set(Risk.objects.get(pk=risk.pk).work_actions.all())
    assert linked == {actions["other"], actions["hidden"]}


def test_it_lists_linked_actions_on_the_risk_page_and_edits_them(
    world: Any, risk: Risk, actions: Any, client_for: Any
) -> None:
    client = client_for("partner_lead")
    url = reverse("risks:risk_actions", args=[world.own.slug, risk.pk])
    form = client.get(url).content.decode()
    assert "Agree the consultation plan" in form and "Council-only budget action" not in form

    response = client.post(url, {"work_actions": [actions["seen"].pk], "version": risk.version})

    assert response.status_code == 302
    page = client.get(reverse("risks:risk_detail", args=[world.own.slug, risk.pk])).content
    action_url = reverse("programme:action_detail", args=[world.own.slug, actions["seen"].pk])
    assert action_url.encode() in page and b"Underway" in page


def test_it_takes_and_shows_linked_actions_in_the_api(
    world: Any, registers: Any, actions: Any, api_for: Any
) -> None:
    api = api_for("programme_officer")
    made = api.post(
        f"/partnerships/own/risk-registers/{registers.joint.slug}/risks",
        {
            "title": "Scrutiny delay",
            "category": "governance",
            "lead_organisation": "own-council",
            "work_actions": [actions["seen"].pk],
        },
    )
    assert made.status_code == 201, made.json()
    linked = made.json()["work_actions"]
    assert linked == [
        {
            "id": actions["seen"].pk,
            "reference": "1.1",
            "plan": "own-plan",
            "title": "Agree the consultation plan",
            "status": "Underway",
        }
    ]
    missing = api.post(
        f"/partnerships/own/risk-registers/{registers.joint.slug}/risks",
        {"title": "Bad link", "category": "governance", "work_actions": [999999]},
    )
    assert missing.status_code == 422
    assert not Risk.objects.filter(title="Bad link").exists()


def test_it_reports_linked_actions_with_their_status(
    world: Any, registers: Any, risk: Risk, actions: Any
) -> None:
    services.risk_update(
        actor=world["programme_officer"], risk=risk, work_actions=[actions["seen"]]
    )

    context = report.build_context(user=world["viewer"], register=registers.joint, today=TODAY)
    item = next(i for i in context.items if i.reference == risk.reference)
    assert item.work_actions == (
        "1.1 Agree the consultation plan (Own development plan): Underway, due 30 April 2026",
    )
    html, _ = report.render(context, "html")
    assert b"Work-programme actions and their status" in html


def test_it_exports_and_imports_linked_actions_as_references(
    world: Any, registers: Any, risk: Risk, actions: Any
) -> None:
    po = world["programme_officer"]
    services.risk_update(actor=po, risk=risk, work_actions=[actions["seen"], actions["other"]])

    content = io.export_xlsx(user=po, register=registers.joint, today=TODAY)
    rows = list(load_workbook(stdlib_io.BytesIO(content)).active.iter_rows(values_only=True))
    column = rows[0].index(io.LINKS)
    assert rows[1][column] == "own-plan:1.1; own-plan:1.2"

    result = io.import_xlsx(actor=po, register=registers.council, content=content)

    assert result.problems == [] and result.count == 1
    copy = Risk.objects.get(register=registers.council, title="Consultation timing")
    assert set(copy.work_actions.all()) == {actions["seen"], actions["other"]}


# ---------------------------------------------------------------- optimistic locking


def test_it_numbers_every_saved_change_as_a_new_version(world: Any, risk: Risk) -> None:
    po = world["programme_officer"]
    before = risk.version

    services.risk_update(actor=po, risk=risk, title="Consultation timing (revised)")
    services.risk_review_record(actor=po, risk=risk, reviewer=po, reviewed_on=TODAY)

    assert Risk.objects.get(pk=risk.pk).version == before + 2


def test_it_refuses_the_second_of_two_edits_from_the_same_version(world: Any, risk: Risk) -> None:
    po = world["programme_officer"]
    start = risk.version
    first = Risk.objects.get(pk=risk.pk)
    second = Risk.objects.get(pk=risk.pk)
    services.risk_update(actor=po, risk=first, expected_version=start, title="First edit")

    with pytest.raises(services.StaleVersionError) as caught:
        services.risk_update(actor=po, risk=second, expected_version=start, title="Second edit")

    assert caught.value.current == start + 1
    assert "Someone else changed this risk" in caught.value.messages[0]
    assert Risk.objects.get(pk=risk.pk).title == "First edit"


def test_it_refuses_a_stale_edit_through_the_page(world: Any, risk: Risk, client_for: Any) -> None:
    client = client_for("programme_officer")
    url = reverse("risks:risk_edit", args=[world.own.slug, risk.pk])
    hidden = re.search(r'name="version"[^>]*value="(\d+)"', client.get(url).content.decode())
    assert hidden is not None and int(hidden.group(1)) == risk.version
    data = {
        "title": "First edit",
        "category": "governance",
        "treatment": "treat",
        "review_frequency": "quarterly",
        "confidentiality": "partnership",
        "version": risk.version,
    }
    assert client.post(url, data).status_code == 302

    refused = client.post(url, {**data, "title": "Second edit"})

    assert refused.status_code == 200
    assert "Someone else changed this risk while you were editing it" in refused.content.decode()
    assert Risk.objects.get(pk=risk.pk).title == "First edit"


def test_it_answers_409_to_a_stale_patch(world: Any, risk: Risk, api_for: Any) -> None:
    api = api_for("programme_officer")
    path = f"/partnerships/own/risks/{risk.pk}"
    version = api.get(path).json()["version"]

    ok = api.patch(path, {"version": version, "title": "First", "owner": None})
    assert ok.status_code == 200, ok.json()
    assert ok.json()["version"] == version + 1 and ok.json()["owner"] is None

    stale = api.patch(path, {"version": version, "title": "Second"})

    assert stale.status_code == 409
    assert stale.json() == {
        "detail": stale.json()["detail"],
        "current_version": version + 1,
    }
    assert "Someone else changed this risk" in stale.json()["detail"]
    assert Risk.objects.get(pk=risk.pk).title == "First"
    assert api_for("viewer").patch(path, {"version": version + 1, "title": "X"}).status_code == 403
    assert api_for("outsider").patch(path, {"version": version + 1}).status_code == 404


def test_it_changes_a_register_and_its_appetites_with_a_version(
    world: Any, registers: Any, api_for: Any
) -> None:
    api = api_for("programme_officer")
    path = f"/partnerships/own/risk-registers/{registers.joint.slug}"
    version = api.get(path).json()["version"]
    payload = {
        "version": version,
        "name": "Partnership programme risks",
        "governing_body": registers.council_body.slug,
        "appetites": [
            {
                "category": "financial",
                "level": "cautious",
                "max_residual": 12,
                "approved_on": "2026-01-10",
                "approved_by": world["board_member"].pk,
                "review_due": "2027-01-10",
            }
        ],
    }

    changed = api.patch(path, payload)

    assert changed.status_code == 200, changed.json()
    body = changed.json()
    assert body["name"] == "Partnership programme risks" and body["version"] > version
    assert body["governing_body"] == registers.council_body.slug
    assert body["appetites"][0]["approved_by"] == "Leader of the Council"
    assert body["appetites"][0]["review_due"] == "2027-01-10"
    stale = api.patch(path, {**payload, "name": "Stale"})
    assert stale.status_code == 409 and stale.json()["current_version"] == body["version"]
    assert Register.objects.get(pk=registers.joint.pk).name == "Partnership programme risks"


def test_it_refuses_a_stale_register_edit_through_the_page(
    world: Any, registers: Any, client_for: Any
) -> None:
    client = client_for("programme_officer")
    register = registers.joint
    url = reverse("risks:register_edit", args=[world.own.slug, register.slug])
    data = {
        "name": "Renamed",
        "governing_body": registers.board.pk,
        "escalation_threshold": 15,
        "confidentiality": "partnership",
        "version": register.version,
    }
    assert client.post(url, data).status_code == 302

    refused = client.post(url, {**data, "name": "Renamed again"})

    assert "Someone else changed this register" in refused.content.decode()
    assert Register.objects.get(pk=register.pk).name == "Renamed"


def test_it_sets_an_appetite_with_approver_and_review_date_through_the_page(
    world: Any, registers: Any, client_for: Any
) -> None:
    client = client_for("programme_officer")
    register = registers.joint
    url = reverse("risks:appetite_edit", args=[world.own.slug, register.slug])
    data = {
        "category": "financial",
        "level": "cautious",
        "max_residual": "12",
        "approved_on": "2026-01-10",
        "review_due": "2027-01-10",
        "version": register.version,
    }
    missing = client.post(url, data)
    assert "Name who approved the appetite statement." in missing.content.decode()
    assert not register.appetites.exists()

    saved = client.post(url, {**data, "approved_by": world["board_member"].pk})

    assert saved.status_code == 302
    appetite = register.appetites.get()
    assert appetite.approved_by == world["board_member"]
    assert appetite.review_due == dt.date(2027, 1, 10)
    page = client.get(reverse("risks:register_detail", args=[world.own.slug, register.slug]))
    assert b"Leader of the Council" in page.content


def test_it_refuses_a_register_patch_to_viewers_outsiders_and_bad_appetites(
    world: Any, registers: Any, api_for: Any
) -> None:
    path = f"/partnerships/own/risk-registers/{registers.joint.slug}"
    version = registers.joint.version

    assert api_for("viewer").patch(path, {"version": version, "name": "X"}).status_code == 403
    assert api_for("outsider").patch(path, {"version": version, "name": "X"}).status_code == 404
    bad = api_for("programme_officer").patch(
        path,
        {
            "version": version,
            "name": "Renamed",
            "appetites": [{"category": "financial", "level": "open", "max_residual": 7}],
        },
    )

    assert bad.status_code == 422
    stored = Register.objects.get(pk=registers.joint.pk)
    assert (stored.name, stored.version) == ("Partnership risks", version)
    assert not stored.appetites.exists()
