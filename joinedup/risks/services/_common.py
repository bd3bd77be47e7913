"""What the risk services share: matrix checks, score pairs, escalation per partner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from joinedup.core.audit import audited_save
from joinedup.partnerships.services._common import add_error
from joinedup.risks import scoring
from joinedup.risks.matrices import get_matrix
from joinedup.risks.models import Appetite, Contribution, Register, RegisterEntry, Risk, Status

Pair = tuple[int, int]


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


def _evaluate_partners(risk: Risk, actor: Any, reason: str) -> bool:
    """Escalate a joint risk per partner, against that partner's own thresholds (T11)."""
    agreed = pair_score(risk.current_likelihood, risk.current_consequence)
    any_escalated = False
    for contribution in Contribution.objects.filter(risk=risk):
        register = partner_register(risk, contribution.organisation_id)
        value = agreed if agreed is not None else contribution.score
        breached = register is not None and _breaches(register, risk.category, value)
        body_id = register.governing_body_id if breached and register else None
        any_escalated |= breached
        if contribution.escalated_to_id != body_id:
            contribution.escalated_to_id = body_id
            audited_save(contribution, actor=actor, reason=reason or "Escalation re-assessed")
    return any_escalated


def evaluate_escalation(risk: Risk, *, actor: Any, today: dt.date, reason: str = "") -> None:
    """Set the risk's escalation from its scores (called by the services that change them)."""
    if risk.status in (Status.DRAFT, Status.TOLERATED, Status.CLOSED, Status.ARCHIVED):
        return
    if Contribution.objects.filter(risk=risk).exists():
        breached = _evaluate_partners(risk, actor, reason)
        body_id = None
    else:
        value = pair_score(risk.current_likelihood, risk.current_consequence)
        breached = _breaches(risk.register, risk.category, value)
        body_id = risk.register.governing_body_id
    if breached and risk.status != Status.ESCALATED:
        risk.status = Status.ESCALATED
        risk.escalated_to_id, risk.escalated_on = body_id, today
    elif not breached and risk.status == Status.ESCALATED:
        risk.status = Status.DE_ESCALATED
        risk.escalated_to_id = None
