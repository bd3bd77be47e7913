"""Revoking an acceptance, withdrawing a shared risk, escalation emails, BAF links, control
ratings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import ApiClient
from joinedup.core.audit import history_for
from joinedup.partnerships.tests.factories import BodyMembershipFactory
from joinedup.risks import selectors, services
from joinedup.risks.models import RegisterEntry, Risk, Status

JAN_15 = dt.date(2026, 1, 15)


@pytest.fixture
def emails(world: Any) -> None:
    for name in ("programme_officer", "board_member", "partner_lead", "viewer"):
        person = world[name]
        person.email = f"{person.username}@example.org"
        person.save()


def _risk(world: Any, register: Any, **extra: Any) -> Risk:
    values = {
        "title": "Partner finances",
        "category": "financial",
        "lead_organisation": world.council,
        "owner": world["programme_officer"],
        "review_frequency": "monthly",
        **extra,
    }
    return services.risk_create(actor=world["programme_officer"], register=register, **values)


def _tolerated(world: Any, registers: Any) -> Risk:
    po = world["programme_officer"]
    risk = _risk(world, registers.joint)
    services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=(4, 4), today=JAN_15)
    services.risk_accept(
        actor=po,
        risk=risk,
        approver=world["board_member"],
        justification="Accepted until the audit reports",
        expires_on=dt.date(2026, 6, 30),
        accepted_on=JAN_15,
    )
    risk.refresh_from_db()
    return risk


# ---------------------------------------------------------------- acceptance revoked


def test_it_revokes_an_acceptance_with_a_reason_and_returns_the_risk_to_assessed(
    world: Any, registers: Any
) -> None:
    risk = _tolerated(world, registers)
    acceptance = risk.acceptances.get()
    po = world["programme_officer"]

    with pytest.raises(ValidationError) as caught:
        services.risk_acceptance_revoke(actor=po, acceptance=acceptance, reason=" ")
    assert caught.value.message_dict["reason"] == ["Say why the acceptance is revoked."]
    assert Risk.objects.get(pk=risk.pk).status == Status.TOLERATED

    services.risk_acceptance_revoke(
        actor=po,
        acceptance=acceptance,
        reason="Audit found the controls failing",
        on=dt.date(2026, 2, 1),
    )

    acceptance.refresh_from_db()
    assert acceptance.revoked_on == dt.date(2026, 2, 1) and acceptance.revoked_by == po
    stored = Risk.objects.get(pk=risk.pk)
    assert stored.status == Status.ASSESSED and stored.treatment == "treat"
    assert history_for(acceptance).first().reason == "Audit found the controls failing"
    with pytest.raises(ValidationError):
        services.risk_acceptance_revoke(actor=po, acceptance=acceptance, reason="Again")


def test_it_revokes_through_the_page_and_the_api(
    world: Any, registers: Any, client_for: Any
) -> None:
    risk = _tolerated(world, registers)
    acceptance = risk.acceptances.get()
    url = reverse("risks:acceptance_revoke", args=[world.own.slug, risk.pk, acceptance.pk])
    assert client_for("viewer").get(url).status_code == 403
    client = client_for("programme_officer")
    assert (
        "Revoke"
        in client.get(reverse("risks:risk_detail", args=[world.own.slug, risk.pk])).content.decode()
    )

    assert client.post(url, {"reason": "Board withdrew its acceptance"}).status_code == 302
    assert Risk.objects.get(pk=risk.pk).status == Status.ASSESSED

    again = _tolerated(world, registers)
    _, raw = ApiToken.issue(user=world["programme_officer"], name="t")
    api = ApiClient(raw)
    path = f"/partnerships/own/risks/{again.pk}/acceptances/{again.acceptances.get().pk}/revoke"
    assert api.post(path, {"reason": ""}).status_code == 422
    revoked = api.post(path, {"reason": "Controls failed"})
    assert revoked.status_code == 200 and revoked.json()["status"] == "assessed"


# ---------------------------------------------------------------- unsharing


def _shared(world: Any, registers: Any) -> RegisterEntry:
    risk = _risk(world, registers.nhs, lead_organisation=world.nhs, owner=world["partner_lead"])
    return services.risk_share(actor=world["partner_lead"], risk=risk, register=registers.joint)


def test_it_withdraws_a_shared_risk_and_the_partner_keeps_it(world: Any, registers: Any) -> None:
    entry = _shared(world, registers)
    risk = entry.risk

    with pytest.raises(PermissionDenied):
        services.risk_unshare(actor=world["board_member"], entry=entry, reason="Not ours")
    with pytest.raises(ValidationError):
        services.risk_unshare(actor=world["partner_lead"], entry=entry, reason="")

    services.risk_unshare(actor=world["partner_lead"], entry=entry, reason="Now managed in-house")

    assert not RegisterEntry.objects.filter(pk=entry.pk).exists()
    stored = Risk.objects.get(pk=risk.pk)
    assert stored.register == registers.nhs and stored.lead_organisation == world.nhs
    po = world["programme_officer"]
    assert list(selectors.register_rows(user=po, register=registers.joint, today=JAN_15)) == []
    assert "Now managed in-house" in history_for(stored).first().reason


def test_it_withdraws_through_the_page_only_for_the_owner(
    world: Any, registers: Any, client_for: Any
) -> None:
    entry = _shared(world, registers)
    url = reverse("risks:share_withdraw", args=[world.own.slug, entry.risk.pk, entry.pk])
    assert client_for("board_member").get(url).status_code == 403
    client = client_for("partner_lead")
    page = client.get(reverse("risks:risk_detail", args=[world.own.slug, entry.risk.pk]))
    assert url.encode() in page.content

    assert client.post(url, {"reason": "Now managed in-house"}).status_code == 302
    assert not RegisterEntry.objects.filter(pk=entry.pk).exists()


def test_it_keeps_a_joint_risks_mirror_entry(world: Any, registers: Any) -> None:
    risk = _risk(world, registers.joint)
    services.contribution_set(
        actor=world["partner_lead"],
        risk=risk,
        organisation=world.nhs,
        owner=world["partner_lead"],
        likelihood=2,
        consequence=2,
    )
    mirror = risk.entries.get(register=registers.nhs)

    with pytest.raises(ValidationError) as caught:
        services.risk_unshare(actor=world["programme_officer"], entry=mirror, reason="Tidy")

    assert "mirror" in caught.value.message_dict["entry"][0]


# ---------------------------------------------------------------- escalation emails (T11)


def test_it_emails_the_councils_body_only_when_the_joint_risk_crosses_its_threshold(
    world: Any, registers: Any, emails: None, django_capture_on_commit_callbacks: Any
) -> None:
    BodyMembershipFactory(body=registers.council_body, person=world["board_member"])
    BodyMembershipFactory(body=registers.nhs_body, person=world["partner_lead"])
    po = world["programme_officer"]
    risk = _risk(world, registers.joint, title="Delayed hospital discharge", category="operations")

    with django_capture_on_commit_callbacks(execute=True):
        for org, who, pair in (
            (world.nhs, "partner_lead", (3, 4)),
            (world.council, "programme_officer", (4, 4)),
        ):
            services.contribution_set(
                actor=world[who],
                risk=risk,
                organisation=org,
                owner=world[who],
                likelihood=pair[0],
                consequence=pair[1],
                today=JAN_15,
            )
        services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=None, today=JAN_15)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Council Cabinet" in message.subject and risk.reference in message.subject
    assert sorted(message.to) == ["board@example.org", "po@example.org"]
    assert "Own Council's escalation threshold" in message.body
    exceptions = selectors.exceptions(user=po, register=registers.joint, today=JAN_15)
    assert [r.notified_on for r in exceptions["escalated"]] == [JAN_15]


def test_it_emails_on_a_review_that_escalates_and_shows_it_in_the_exception_report(
    world: Any,
    registers: Any,
    emails: None,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    po = world["programme_officer"]
    services.appetite_set(
        actor=po, register=registers.joint, category="financial", level="cautious", max_residual=12
    )
    risk = _risk(world, registers.joint)
    services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=(3, 4), today=JAN_15)
    assert Risk.objects.get(pk=risk.pk).status == Status.ASSESSED
    Risk.objects.filter(pk=risk.pk).update(current_likelihood=4)  # worsened since, say by import
    risk.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.risk_review_record(
            actor=po, risk=risk, reviewer=po, reviewed_on=dt.date(2026, 2, 1)
        )

    assert [m.subject for m in mail.outbox] == [
        f"Risk escalated to Partnership Board: {risk.reference} Partner finances"
    ]
    assert mail.outbox[0].to == ["po@example.org"]  # the viewer is no member of the board
    page = client_for("viewer").get(
        reverse("risks:exceptions", args=[world.own.slug, registers.joint.slug])
    )
    assert b"Emailed 1 Feb 2026" in page.content


def test_it_sends_nothing_to_people_who_may_not_see_the_risk(
    world: Any, registers: Any, emails: None, django_capture_on_commit_callbacks: Any
) -> None:
    BodyMembershipFactory(body=registers.board, person=world["partner_lead"])
    po = world["programme_officer"]
    risk = _risk(
        world, registers.joint, confidentiality="restricted", restricted_to=[world.council]
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.risk_assess(actor=po, risk=risk, inherent=(5, 5), current=(4, 4), today=JAN_15)

    assert [m.to for m in mail.outbox] == [["po@example.org"]]


def test_it_emails_an_escalation_made_through_the_api(
    world: Any, registers: Any, emails: None, django_capture_on_commit_callbacks: Any
) -> None:
    _, raw = ApiToken.issue(user=world["programme_officer"], name="t")
    api = ApiClient(raw)
    risk = _risk(world, registers.joint)

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/partnerships/own/risks/{risk.pk}/assessment",
            {
                "inherent": {"likelihood": 4, "consequence": 5},
                "current": {"likelihood": 4, "consequence": 4},
            },
        )

    assert response.json()["risk"]["status"] == "escalated"
    assert len(mail.outbox) == 1 and "Partnership Board" in mail.outbox[0].subject


# ---------------------------------------------------------------- BAF links and controls


def test_it_links_a_partner_risk_to_the_partnership_risk_it_feeds(
    world: Any, registers: Any, client_for: Any
) -> None:
    po = world["programme_officer"]
    baf = _risk(world, registers.joint, title="Partnership finances")
    partner = _risk(world, registers.council, title="Council budget gap", parent=baf)

    with pytest.raises(ValidationError) as caught:
        _risk(world, registers.council, title="Nested", parent=partner)
    assert "one level" in caught.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        services.risk_update(actor=po, risk=baf, parent=baf)

    page = client_for("viewer").get(reverse("risks:risk_detail", args=[world.own.slug, baf.pk]))
    assert b"Council budget gap" in page.content
    child = client_for("viewer").get(
        reverse("risks:risk_detail", args=[world.own.slug, partner.pk])
    )
    assert b"Partnership finances" in child.content


def test_it_rates_a_control(world: Any, registers: Any, client_for: Any) -> None:
    risk = _risk(world, registers.joint)
    control = services.control_add(
        actor=world["programme_officer"],
        risk=risk,
        description="Monthly budget monitoring",
        owner_organisation=world.council,
    )
    url = reverse("risks:control_rate", args=[world.own.slug, risk.pk, control.pk])
    assert client_for("viewer").get(url).status_code == 403
    client = client_for("programme_officer")

    assert client.post(url, {"effectiveness": "partial"}).status_code == 302

    control.refresh_from_db()
    assert control.effectiveness == "partial"
    page = client.get(reverse("risks:risk_detail", args=[world.own.slug, risk.pk]))
    assert b"Partially effective" in page.content
    with pytest.raises(ValidationError):
        services.control_rate(
            actor=world["programme_officer"], control=control, effectiveness="great"
        )
