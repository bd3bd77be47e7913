"""Reviews (immutable snapshots), register reviews at meetings, and acceptances with expiry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from joinedup.accounts.lookups import check_people, check_person
from joinedup.accounts.models import User
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save, audited_set_m2m
from joinedup.core.confidentiality import INHERIT
from joinedup.core.services import UNSET, add_error, check_and_save, deny_unless
from joinedup.partnerships.lookups import check_body
from joinedup.partnerships.models import Body
from joinedup.risks import scoring
from joinedup.risks.models import Acceptance, Register, RegisterReview, Review, Risk, Status
from joinedup.risks.selectors.reviews import risks_on
from joinedup.risks.services._common import (
    current_score,
    evaluate_escalation,
    raise_if,
    save_risk,
)

NO_REVIEWER = "Say who reviewed the risk."


def _snapshot(risk: Risk, *, reviewer: User, reviewed_on: dt.date, commentary: str) -> Review:
    return Review(
        risk=risk,
        partnership_id=risk.partnership_id,
        reviewed_on=reviewed_on,
        reviewer=reviewer,
        inherent_likelihood=risk.inherent_likelihood,
        inherent_consequence=risk.inherent_consequence,
        current_likelihood=risk.current_likelihood,
        current_consequence=risk.current_consequence,
        current_score=current_score(risk),
        target_likelihood=risk.target_likelihood,
        target_consequence=risk.target_consequence,
        status=risk.status,
        commentary=commentary,
    )


def _record(
    risk: Risk,
    *,
    actor: Actor,
    reviewer: User,
    reviewed_on: dt.date,
    commentary: str,
    register_review: RegisterReview | None,
    reason: str,
) -> Review:
    if risk.status == Status.DE_ESCALATED:
        risk.status = Status.TREATING
    evaluate_escalation(risk, actor=actor, today=reviewed_on, reason=reason)
    review = _snapshot(risk, reviewer=reviewer, reviewed_on=reviewed_on, commentary=commentary)
    review.register_review = register_review
    # As visible as the stricter of the risk and the register review it is part of.
    review.confidentiality = INHERIT
    check_and_save(review, errors={}, restricted_to=UNSET, actor=actor, reason=reason or "Reviewed")
    risk.last_reviewed_on = reviewed_on
    risk.next_review_due = scoring.next_review_due(reviewed_on, risk.review_frequency)
    save_risk(risk, actor=actor, reason=reason or "Reviewed")
    return review


@transaction.atomic
def risk_review_record(
    *,
    actor: Actor,
    risk: Risk,
    reviewer: User | None,
    reviewed_on: dt.date,
    commentary: str = "",
    reason: str = "",
) -> Review:
    """Record a review: an immutable snapshot, the next review date, escalation judged again."""
    deny_unless(permissions.can_record_review(actor, risk), "You may not review this risk.")
    errors: dict[str, list[str]] = {}
    check_person(risk.partnership, reviewer, "reviewer", errors)
    if reviewer is None:
        add_error(errors, "reviewer", NO_REVIEWER)
    if risk.status in scoring.CLOSED_STATES:
        add_error(errors, "risk", "A closed risk is not reviewed.")
    raise_if(errors)
    assert reviewer is not None
    return _record(
        risk,
        actor=actor,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        commentary=commentary,
        register_review=None,
        reason=reason,
    )


@transaction.atomic
def register_review_at_meeting(
    *,
    actor: Actor,
    register: Register,
    meeting_date: dt.date,
    reviewed_by: Sequence[User],
    body: Body | None = None,
    minute: str = "",
    commentary: Mapping[int, str] | None = None,
    reason: str = "",
) -> RegisterReview:
    """The governing body reviews the register at a meeting: one review for each risk on it."""
    deny_unless(
        permissions.can_record_review(actor, register),
        "You may not record a review of this register.",
    )
    errors: dict[str, list[str]] = {}
    check_people(register.partnership, reviewed_by, "reviewed_by", errors)
    check_body(register.partnership, body, "body", errors)
    if not reviewed_by:
        add_error(errors, "reviewed_by", "Say who reviewed the register.")
    body = body or register.governing_body
    if body is None:
        add_error(errors, "body", "Name the body that reviewed the register.")
    raise_if(errors)
    review = RegisterReview(
        register=register,
        partnership_id=register.partnership_id,
        body=body,
        meeting_date=meeting_date,
        minute=minute,
        confidentiality=INHERIT,  # the register's (joinedup/core/confidentiality.py)
    )
    why = reason or "Register reviewed"
    check_and_save(review, errors={}, restricted_to=UNSET, actor=actor, reason=why)
    # Who reviewed it is part of the record, so it is in the review's history too.
    audited_set_m2m(review, "reviewed_by", list(reviewed_by), actor=actor, reason=why)
    notes = commentary or {}
    for risk in risks_on(register):
        _record(
            risk,
            actor=actor,
            reviewer=reviewed_by[0],
            reviewed_on=meeting_date,
            commentary=notes.get(risk.pk, minute),
            register_review=review,
            reason=reason or f"Reviewed at {body} on {meeting_date:%d %B %Y}",
        )
    return review


@transaction.atomic
def risk_accept(
    *,
    actor: Actor,
    risk: Risk,
    approver: User | None,
    justification: str,
    expires_on: dt.date | None,
    accepted_on: dt.date,
    reason: str = "",
) -> Acceptance:
    """Tolerate a risk (above appetite): approver, justification and expiry are required."""
    deny_unless(permissions.can_edit(actor, risk), "You may not accept this risk.")
    errors: dict[str, list[str]] = {}
    check_person(risk.partnership, approver, "approver", errors)
    if approver is None:
        add_error(errors, "approver", "Name who approved tolerating the risk.")
    if not justification.strip():
        add_error(errors, "justification", "Say why the risk is tolerated.")
    if expires_on is None:
        add_error(errors, "expires_on", "Give the date the acceptance expires.")
    if risk.status not in scoring.TRANSITIONS or not scoring.can_transition(
        risk.status, Status.TOLERATED
    ):
        add_error(errors, "risk", f"A {risk.get_status_display().lower()} risk cannot be accepted.")
    raise_if(errors)
    assert expires_on is not None  # refused above when missing
    acceptance = Acceptance(
        risk=risk,
        partnership_id=risk.partnership_id,
        approver=approver,
        justification=justification,
        accepted_on=accepted_on,
        expires_on=expires_on,
        confidentiality=INHERIT,  # the risk's (joinedup/core/confidentiality.py)
    )
    check_and_save(
        acceptance, errors={}, restricted_to=UNSET, actor=actor, reason=reason or "Risk accepted"
    )
    risk.status, risk.treatment, risk.escalated_to = Status.TOLERATED, "tolerate", None
    save_risk(risk, actor=actor, reason=reason or "Risk accepted")
    return acceptance


@transaction.atomic
def risk_acceptances_expire(*, today: dt.date, actor: Actor | None = None) -> list[Risk]:
    """Tolerated risks whose acceptance has expired return to assessed (a daily job)."""
    returned = []
    for risk in Risk.objects.filter(status=Status.TOLERATED):
        latest = risk.acceptances.filter(revoked_on__isnull=True).order_by("-expires_on").first()
        if latest is not None and today <= latest.expires_on:
            continue
        risk.status = Status.ASSESSED
        save_risk(risk, actor=actor, reason="Acceptance expired")
        returned.append(risk)
    return returned


@transaction.atomic
def risk_acceptance_revoke(
    *, actor: Actor, acceptance: Acceptance, reason: str, on: dt.date | None = None
) -> Acceptance:
    """Revoke a decision to tolerate a risk, saying why: the risk returns to assessed."""
    risk = acceptance.risk
    deny_unless(permissions.can_edit(actor, risk), "You may not revoke this acceptance.")
    errors: dict[str, list[str]] = {}
    if acceptance.revoked_on is not None:
        add_error(errors, "acceptance", "This acceptance was already revoked.")
    if not reason.strip():
        add_error(errors, "reason", "Say why the acceptance is revoked.")
    raise_if(errors)
    day = on or timezone.localdate()
    acceptance.revoked_on = day
    # Whoever revokes is a signed-in person (can_edit); the system would be recorded as no one.
    acceptance.revoked_by = actor if isinstance(actor, User) else None
    acceptance.revoked_reason = reason.strip()
    audited_save(acceptance, actor=actor, reason=reason)
    others = risk.acceptances.filter(revoked_on__isnull=True, expires_on__gte=day)
    others = others.exclude(pk=acceptance.pk)
    if risk.status == Status.TOLERATED and not others.exists():
        risk.status, risk.treatment = Status.ASSESSED, "treat"
        save_risk(risk, actor=actor, reason=f"Acceptance revoked: {reason}")
    return acceptance
