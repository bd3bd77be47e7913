"""What the risk services share: matrix checks, score pairs, escalation per partner."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save
from joinedup.core.services import add_error
from joinedup.risks import scoring
from joinedup.risks.matrices import get_matrix
from joinedup.risks.models import Appetite, Contribution, Register, RegisterEntry, Risk, Status
from joinedup.risks.selectors.escalation import body_of
from joinedup.risks.services.notify import notify_escalation

Pair = tuple[int, int]


class StaleVersionError(ValidationError):
    """Someone else saved the record after this edit began: the edit is refused, not merged."""

    def __init__(self, *, current: int, expected: int, noun: str = "risk") -> None:
        self.current, self.expected = current, expected
        message = (
            f"Someone else changed this {noun} while you were editing it "
            f"(you started from version {expected}; it is now version {current}). "
            f"Nothing was saved: reload the {noun} to see their changes, then make yours again."
        )
        super().__init__({NON_FIELD_ERRORS: [message]}, code="conflict")


def lock_version(obj: models.Model, expected: int | None, noun: str) -> None:
    """Refuse the write if someone saved the record since version `expected` was read."""
    if expected is None:
        return
    current = (
        type(obj)
        # Lock only this row: PostgreSQL refuses FOR UPDATE on the nullable side of an outer
        # join, which the default manager's related lookups may add.
        ._default_manager.select_for_update(of=("self",))
        .filter(pk=obj.pk)
        .values_list("version", flat=True)
        .first()
    )
    if current != expected:
        raise StaleVersionError(current=current or 0, expected=expected, noun=noun)


def next_version(obj: models.Model) -> None:
    """Number the record's next version from the stored one (never from a stale copy)."""
    if obj.pk is None:
        return
    stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True)
    obj.version = (stored.first() or 0) + 1  # type: ignore[attr-defined]


def save_risk(risk: Risk, *, actor: Actor | None, reason: str) -> Risk:
    """Save a changed risk as its next version, with its history entry."""
    next_version(risk)
    audited_save(risk, actor=actor, reason=reason)
    return risk


def today_or(day: dt.date | None) -> dt.date:
    return day or timezone.localdate()


def matrix_of(register: Register) -> scoring.Matrix:
    return get_matrix(register.matrix_slug, register.matrix_version)


def check_pair(
    matrix: scoring.Matrix, pair: Pair | None, field: str, errors: dict[str, list[str]]
) -> int | None:
    """The score of a (likelihood, consequence) pair, or an error on `field` if impossible."""
    if pair is None:
        return None
    try:
        return scoring.score(matrix, int(pair[0]), int(pair[1])).value
    except scoring.ScoringError as exc:
        add_error(errors, field, str(exc))
        return None


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def pair_score(likelihood: int | None, consequence: int | None) -> int | None:
    if likelihood is None or consequence is None:
        return None
    return likelihood * consequence


def current_score(risk: Risk) -> int | None:
    """The score shown for the risk: the agreed one, else the highest partner assessment."""
    agreed = pair_score(risk.current_likelihood, risk.current_consequence)
    own = [c.score for c in risk.contributions.all() if c.score is not None]
    return scoring.displayed_score(agreed, own)[0]


def _appetite_max(register: Register, category: str) -> int | None:
    found = Appetite.objects.filter(register=register, category=category).first()
    return found.max_residual if found else None


def partner_register(risk: Risk, organisation_id: int) -> Register | None:
    """The register a partner judges the risk on: its mirror entry's, else its first register."""
    entry = (
        RegisterEntry.objects.filter(risk=risk, register__organisation_id=organisation_id)
        .select_related("register")
        .first()
    )
    if entry is not None:
        return entry.register
    return Register.objects.filter(
        partnership_id=risk.partnership_id, organisation_id=organisation_id
    ).first()


def _breaches(register: Register, category: str, value: int | None) -> bool:
    return scoring.breaches(
        value,
        threshold=register.escalation_threshold,
        appetite_max=_appetite_max(register, category),
    )


def _evaluate_partners(risk: Risk, actor: Actor, reason: str, today: dt.date) -> bool:
    """Escalate a joint risk per partner, against that partner's own thresholds (T11)."""
    agreed = pair_score(risk.current_likelihood, risk.current_consequence)
    any_escalated = False
    for contribution in Contribution.objects.filter(risk=risk).select_related("organisation"):
        register = partner_register(risk, contribution.organisation_id)
        value = agreed if agreed is not None else contribution.score
        breached = register is not None and _breaches(register, risk.category, value)
        body_id = register.governing_body_id if breached and register else None
        any_escalated |= breached
        if contribution.escalated_to_id != body_id:
            contribution.escalated_to_id = body_id
            if body_id and notify_escalation(
                risk,
                body=body_of(body_id),
                score=value,
                whose=f"{contribution.organisation}'s",
                today=today,
            ):
                contribution.escalation_notified_on = today
            audited_save(contribution, actor=actor, reason=reason or "Escalation re-assessed")
    return any_escalated


def evaluate_escalation(risk: Risk, *, actor: Actor, today: dt.date, reason: str = "") -> None:
    """Set the risk's escalation from its scores (called by the services that change them);
    a new escalation is emailed to the governing body's members."""
    if risk.status in (Status.DRAFT, Status.TOLERATED, Status.CLOSED, Status.ARCHIVED):
        return
    value = pair_score(risk.current_likelihood, risk.current_consequence)
    if Contribution.objects.filter(risk=risk).exists():
        breached = _evaluate_partners(risk, actor, reason, today)
        body_id = None
    else:
        breached = _breaches(risk.register, risk.category, value)
        body_id = risk.register.governing_body_id
    if breached and risk.status != Status.ESCALATED:
        risk.status = Status.ESCALATED
        risk.escalated_to_id, risk.escalated_on = body_id, today
        whose = f"the {risk.register.name} register's"
        if notify_escalation(risk, body=body_of(body_id), score=value, whose=whose, today=today):
            risk.escalation_notified_on = today
    elif not breached and risk.status == Status.ESCALATED:
        risk.status = Status.DE_ESCALATED
        risk.escalated_to_id = None
