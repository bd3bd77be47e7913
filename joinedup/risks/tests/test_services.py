"""Who may write what, sharing a partner's risk, and a register review at a meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.audit import history_for
from joinedup.core.models import AuditEntry
from joinedup.risks import selectors, services
from joinedup.risks.models import Review, Risk
from joinedup.risks.references import next_reference

DAY = dt.date(2026, 3, 3)


def _nhs_risk(world: Any, registers: Any, **extra: Any) -> Risk:
    return services.risk_create(
        actor=world["partner_lead"],
        register=registers.nhs,
        title="Trust deficit",
        category="financial",
        owner=world["partner_lead"],
        **extra,
    )


def test_it_lets_a_partner_lead_write_only_their_organisations_risks(
    world: Any, registers: Any
) -> None:
    risk = _nhs_risk(world, registers)
    services.risk_assess(actor=world["partner_lead"], risk=risk, inherent=(3, 4), current=(2, 4))

    with pytest.raises(PermissionDenied):
        services.risk_create(
            actor=world["partner_lead"],
            register=registers.council,
            title="Council risk",
            category="financial",
            lead_organisation=world.council,
        )
    council_risk = services.risk_create(
        actor=world["programme_officer"],
        register=registers.council,
        title="Council risk",
        category="financial",
        lead_organisation=world.council,
    )
    with pytest.raises(PermissionDenied):
        services.risk_update(actor=world["partner_lead"], risk=council_risk, title="Changed")
    for persona in ("contributor", "viewer", "board_member"):
        with pytest.raises(PermissionDenied):
            services.risk_update(actor=world[persona], risk=risk, title="Changed")


def test_it_shares_a_partners_risk_on_the_partnership_register(world: Any, registers: Any) -> None:
    risk = _nhs_risk(world, registers, confidentiality="restricted", restricted_to=[world.nhs])
    viewer = world["viewer"]
    assert not selectors.register_rows(user=viewer, register=registers.joint, today=DAY).exists()

    services.risk_share(actor=world["partner_lead"], risk=risk, register=registers.joint)

    rows = selectors.register_rows(user=viewer, register=registers.joint, today=DAY)
    assert list(rows) == [risk]
    risk.refresh_from_db()
    assert risk.register == registers.nhs and risk.lead_organisation == world.nhs


def test_it_refuses_a_share_by_anyone_but_the_owner(world: Any, registers: Any) -> None:
    risk = _nhs_risk(world, registers)
    with pytest.raises(PermissionDenied):
        services.risk_share(actor=world["board_member"], risk=risk, register=registers.joint)


def test_it_reviews_every_risk_on_the_register_at_a_meeting(world: Any, registers: Any) -> None:
    po = world["programme_officer"]
    own = services.risk_create(
        actor=po,
        register=registers.joint,
        title="Consultation timing",
        category="governance",
        lead_organisation=world.council,
        owner=po,
    )
    services.risk_assess(actor=po, risk=own, inherent=(3, 3), current=(2, 3))
    shared = _nhs_risk(world, registers)
    services.risk_assess(actor=world["partner_lead"], risk=shared, inherent=(3, 4), current=(3, 4))
    services.risk_share(actor=world["partner_lead"], risk=shared, register=registers.joint)

    review = services.register_review_at_meeting(
        actor=world["board_member"],
        register=registers.joint,
        meeting_date=DAY,
        reviewed_by=[world["board_member"], po],
        minute="Register reviewed",
    )

    assert review.body == registers.board
    assert set(review.reviewed_by.all()) == {world["board_member"], po}
    assert {r.risk for r in review.risk_reviews.all()} == {own, shared}
    assert Risk.objects.get(pk=own.pk).last_reviewed_on == DAY


def test_it_records_who_reviewed_the_register_in_the_reviews_history(
    world: Any, registers: Any
) -> None:
    po = world["programme_officer"]
    review = services.register_review_at_meeting(
        actor=po,
        register=registers.joint,
        meeting_date=DAY,
        reviewed_by=[world["board_member"], po],
    )
    entries = list(history_for(review).order_by("id"))
    changed = [e.changes["reviewed_by"] for e in entries if "reviewed_by" in e.changes]
    assert changed == [[None, ", ".join(sorted([str(world["board_member"]), str(po)]))]]
    assert {e.actor for e in entries} == {po}


def test_it_refuses_a_register_review_without_reviewers(world: Any, registers: Any) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.register_review_at_meeting(
            actor=world["programme_officer"],
            register=registers.joint,
            meeting_date=DAY,
            reviewed_by=[],
        )
    assert caught.value.message_dict["reviewed_by"] == ["Say who reviewed the register."]
    assert AuditEntry.objects.count() == before


def test_it_keeps_a_review_immutable(world: Any, registers: Any) -> None:
    po = world["programme_officer"]
    risk = _nhs_risk(world, registers)
    services.risk_assess(actor=world["partner_lead"], risk=risk, inherent=(3, 4), current=(2, 4))
    review = services.risk_review_record(actor=po, risk=risk, reviewer=po, reviewed_on=DAY)

    review.commentary = "Rewritten history"
    with pytest.raises(PermissionError):
        review.save()
    assert Review.objects.get(pk=review.pk).commentary == ""


def test_it_refuses_an_appetite_the_matrix_cannot_score(world: Any, registers: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.appetite_set(
            actor=world["programme_officer"],
            register=registers.joint,
            category="financial",
            level="cautious",
            max_residual=7,
        )
    assert "7 is not a score" in caught.value.message_dict["max_residual"][0]


def test_it_refuses_a_state_change_the_machine_does_not_allow(world: Any, registers: Any) -> None:
    risk = _nhs_risk(world, registers)
    with pytest.raises(ValidationError) as caught:
        services.risk_transition(actor=world["partner_lead"], risk=risk, status="tolerated")
    assert "cannot go from draft to tolerated" in caught.value.message_dict["status"][0]


def test_it_numbers_a_new_risk_after_the_registers_own_references(
    world: Any, registers: Any
) -> None:
    po = world["programme_officer"]
    for n in range(1, 5):
        services.risk_create(
            actor=po,
            register=registers.joint,
            title=f"Risk {n}",
            category="financial",
            lead_organisation=world.council,
            reference=f"PST-{n:02d}",
        )
    added = services.risk_create(
        actor=po,
        register=registers.joint,
        title="A new risk",
        category="financial",
        lead_organisation=world.council,
    )
    assert added.reference == "PST-05"
    # An empty register starts from its organisation's short name (or PR for the partnership).
    fresh = services.risk_create(
        actor=po, register=registers.council, title="First", category="financial"
    )
    assert fresh.reference.endswith("-01")


@pytest.mark.parametrize(
    "taken,expected",
    [
        ([], "PR-01"),
        (["PST-01", "PST-02", "PST-03", "PST-04"], "PST-05"),
        (["PST-1", "PST-3"], "PST-4"),
        (["CR-009", "CR-010"], "CR-011"),
        (["HC-01", "PST-01", "PST-02"], "PST-03"),
        (["PST-01", "HC-07"], "HC-08"),  # a tie: the latest reference's prefix
        (["Risk A", "Other"], "PR-01"),
    ],
)
def test_it_follows_the_registers_numbering(taken: list[str], expected: str) -> None:
    assert next_reference(taken, "PR") == expected


@given(st.lists(st.from_regex(r"[A-Z]{0,3}-?[0-9]{1,3}", fullmatch=True), max_size=12))
def test_it_never_gives_a_reference_the_register_has(taken: list[str]) -> None:
    assert next_reference(taken, "PR") not in taken
