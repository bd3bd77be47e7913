"""T10 and T11 of 05-governance-rules.md, through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.risks import selectors, services
from joinedup.risks.models import Risk, Status
from joinedup.risks.scoring import RESIDUAL_ABOVE_INHERENT, TARGET_ABOVE_CURRENT

JAN_15 = dt.date(2026, 1, 15)


def _risk(world: Any, register: Any, **kwargs: Any) -> Risk:
    values = {
        "title": "Loss of local accountability",
        "category": "governance",
        "owner": world["programme_officer"],
        "review_frequency": "monthly",
        "lead_organisation": world.council,
    }
    values.update(kwargs)
    return services.risk_create(actor=world["programme_officer"], register=register, **values)


def _row(world: Any, register: Any, risk: Risk, today: dt.date) -> selectors.Row:
    qs = selectors.register_rows(user=world["programme_officer"], register=register, today=today)
    rows = selectors.rows_for(
        qs.filter(pk=risk.pk), register=register, today=today, user=world["programme_officer"]
    )
    return rows[0]


def test_it_refuses_residual_above_inherent_and_changes_nothing(world: Any, registers: Any) -> None:
    risk = _risk(world, registers.joint)

    with pytest.raises(ValidationError) as caught:
        services.risk_assess(
            actor=world["programme_officer"], risk=risk, inherent=(3, 4), current=(4, 4)
        )

    assert RESIDUAL_ABOVE_INHERENT in caught.value.message_dict["current"]
    stored = Risk.objects.get(pk=risk.pk)
    assert stored.status == Status.DRAFT and stored.current_likelihood is None


def test_it_refuses_an_impossible_score(world: Any, registers: Any) -> None:
    risk = _risk(world, registers.joint)

    with pytest.raises(ValidationError) as caught:
        services.risk_assess(
            actor=world["programme_officer"], risk=risk, inherent=(6, 4), current=(1, 1)
        )

    message = "Likelihood 6 is not on the NPSA 5x5 risk matrix."
    assert message in caught.value.message_dict["inherent"]


def test_it_warns_but_saves_when_the_target_is_above_current(world: Any, registers: Any) -> None:
    risk = _risk(world, registers.joint)

    result = services.risk_assess(
        actor=world["programme_officer"], risk=risk, inherent=(3, 4), current=(2, 3), target=(3, 3)
    )

    assert result.warnings == [TARGET_ABOVE_CURRENT]
    assert Risk.objects.get(pk=risk.pk).target_likelihood == 3


def test_it_escalates_above_appetite_to_the_governing_body(world: Any, registers: Any) -> None:
    po = world["programme_officer"]
    services.appetite_set(
        actor=po, register=registers.joint, category="financial", level="cautious", max_residual=12
    )
    registers.joint.escalation_threshold = 25
    registers.joint.save()
    risk = _risk(world, registers.joint, category="financial")

    services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=(4, 4), today=JAN_15)

    risk.refresh_from_db()
    assert risk.status == Status.ESCALATED
    assert risk.escalated_to == registers.board
    report = selectors.exceptions(user=po, register=registers.joint, today=JAN_15)
    assert [r.risk for r in report["escalated"]] == [risk]


def test_it_sets_the_next_review_and_flags_it_overdue(world: Any, registers: Any) -> None:
    po = world["programme_officer"]
    risk = _risk(world, registers.joint)
    services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=(4, 5), today=JAN_15)

    services.risk_review_record(actor=po, risk=risk, reviewer=po, reviewed_on=JAN_15)

    risk.refresh_from_db()
    assert risk.next_review_due == dt.date(2026, 2, 15)
    assert not _row(world, registers.joint, risk, dt.date(2026, 2, 15)).overdue
    assert _row(world, registers.joint, risk, dt.date(2026, 2, 16)).overdue


def test_it_tolerates_until_expiry_then_returns_to_assessed(world: Any, registers: Any) -> None:
    po = world["programme_officer"]
    risk = _risk(world, registers.joint)
    services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=(4, 5), today=JAN_15)

    services.risk_accept(
        actor=po,
        risk=risk,
        approver=world["board_member"],
        justification="Accepted by the Board pending the consultation",
        expires_on=dt.date(2026, 6, 30),
        accepted_on=JAN_15,
    )

    assert _row(world, registers.joint, risk, dt.date(2026, 6, 30)).status == Status.TOLERATED
    assert _row(world, registers.joint, risk, dt.date(2026, 7, 1)).status == Status.ASSESSED
    services.risk_acceptances_expire(today=dt.date(2026, 7, 1))
    assert Risk.objects.get(pk=risk.pk).status == Status.ASSESSED


def test_it_refuses_an_acceptance_without_approver_or_expiry(world: Any, registers: Any) -> None:
    po = world["programme_officer"]
    risk = _risk(world, registers.joint)
    services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=(4, 5), today=JAN_15)

    with pytest.raises(ValidationError) as caught:
        services.risk_accept(
            actor=po,
            risk=risk,
            approver=None,
            justification="",
            expires_on=None,
            accepted_on=JAN_15,
        )

    assert set(caught.value.message_dict) == {"approver", "justification", "expires_on"}
    assert Risk.objects.get(pk=risk.pk).status == Status.ESCALATED


def test_it_refuses_a_review_without_a_reviewer(world: Any, registers: Any) -> None:
    po = world["programme_officer"]
    risk = _risk(world, registers.joint)
    services.risk_assess(actor=po, risk=risk, inherent=(2, 2), current=(2, 2), today=JAN_15)

    with pytest.raises(ValidationError) as caught:
        services.risk_review_record(actor=po, risk=risk, reviewer=None, reviewed_on=JAN_15)

    assert caught.value.message_dict["reviewer"] == ["Say who reviewed the risk."]
    assert not risk.reviews.exists()


# ---------------------------------------------------------------- T11


def joint_risk(world: Any, registers: Any) -> Risk:
    """Delayed hospital discharge: lead the trust (12), contributor the council (16)."""
    po = world["programme_officer"]
    risk = _risk(
        world,
        registers.joint,
        title="Delayed hospital discharge",
        category="operations",
        lead_organisation=world.nhs,
    )
    services.contribution_set(
        actor=world["partner_lead"],
        risk=risk,
        organisation=world.nhs,
        owner=world["partner_lead"],
        likelihood=3,
        consequence=4,
        today=JAN_15,
    )
    services.contribution_set(
        actor=po,
        risk=risk,
        organisation=world.council,
        owner=world["board_member"],
        likelihood=4,
        consequence=4,
        today=JAN_15,
    )
    services.risk_assess(actor=po, risk=risk, inherent=(4, 5), current=None, today=JAN_15)
    risk.refresh_from_db()
    return risk


def test_it_shows_the_highest_partner_score_and_flags_divergence(
    world: Any, registers: Any
) -> None:
    risk = joint_risk(world, registers)

    row = _row(world, registers.joint, risk, JAN_15)

    assert row.shown == 16 and row.divergent


def test_it_escalates_to_the_councils_body_only(world: Any, registers: Any) -> None:
    risk = joint_risk(world, registers)

    row = _row(world, registers.joint, risk, JAN_15)

    assert row.escalations == [registers.council_body]
    assert risk.status == Status.ESCALATED


def test_it_shows_a_mirror_entry_on_each_partners_register(world: Any, registers: Any) -> None:
    risk = joint_risk(world, registers)
    po = world["programme_officer"]

    for register in (registers.council, registers.nhs):
        rows = selectors.register_rows(user=po, register=register, today=JAN_15)
        assert list(rows) == [risk]


def test_it_refuses_to_close_without_every_contributor(world: Any, registers: Any) -> None:
    risk = joint_risk(world, registers)
    po = world["programme_officer"]
    nhs_part = risk.contributions.get(organisation=world.nhs)
    services.contribution_confirm_closure(actor=world["partner_lead"], contribution=nhs_part)

    with pytest.raises(ValidationError) as caught:
        services.risk_transition(actor=po, risk=risk, status="closed")

    assert "waiting for Own Council" in caught.value.message_dict["status"][0]
    assert Risk.objects.get(pk=risk.pk).status == Status.ESCALATED
    council_part = risk.contributions.get(organisation=world.council)
    services.contribution_confirm_closure(actor=world["board_member"], contribution=council_part)
    services.risk_transition(actor=po, risk=risk, status="closed")
    assert Risk.objects.get(pk=risk.pk).status == Status.CLOSED


def test_it_clears_divergence_then_escalation_at_the_next_review(
    world: Any, registers: Any
) -> None:
    risk = joint_risk(world, registers)
    po = world["programme_officer"]

    services.risk_agree_joint_score(actor=po, risk=risk, likelihood=3, consequence=4)
    row = _row(world, registers.joint, risk, JAN_15)
    assert row.shown == 12 and not row.divergent
    assert row.escalations == [registers.council_body]

    services.risk_review_record(actor=po, risk=risk, reviewer=po, reviewed_on=dt.date(2026, 2, 12))
    row = _row(world, registers.joint, risk, dt.date(2026, 2, 12))
    assert row.escalations == []
    assert row.status == Status.DE_ESCALATED
