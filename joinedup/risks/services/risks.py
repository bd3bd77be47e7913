"""Writes for risks: create, change, assess (score), move through the state machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.accounts.models import Organisation, User
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save, audited_set_m2m
from joinedup.core.confidentiality import INHERIT
from joinedup.core.lookups import refuse
from joinedup.core.services import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
    validate,
)
from joinedup.partnerships.lookups import check_organisation
from joinedup.risks import permissions as risk_permissions
from joinedup.risks import scoring
from joinedup.risks.models import Assurance, Contribution, Control, Register, Risk, Status
from joinedup.risks.references import next_reference
from joinedup.risks.selectors import visible_actions
from joinedup.risks.services._common import (
    Pair,
    check_pair,
    evaluate_escalation,
    lock_version,
    matrix_of,
    next_version,
    raise_if,
    save_risk,
    today_or,
)


@dataclass
class Assessed:
    """A saved assessment and the warnings it raised (shown, not blocking)."""

    risk: Risk
    warnings: list[str] = field(default_factory=list)


def _next_reference(register: Register) -> str:
    prefix = (register.organisation.short_name if register.organisation else "PR") or "R"
    prefix = "".join(ch for ch in prefix.upper() if ch.isalnum())[:6] or "R"
    taken = Risk.objects.filter(register=register).order_by("created_at", "id")
    return next_reference(taken.values_list("reference", flat=True), prefix)


def _check_people(risk: Risk, errors: dict[str, list[str]]) -> None:
    """The organisation and person a risk names are of its partnership (as the lookups find)."""
    check_organisation(risk.partnership, risk.lead_organisation, "lead_organisation", errors)
    check_person(risk.partnership, risk.owner, "owner", errors)


@transaction.atomic
def risk_create(
    *,
    actor: Actor,
    register: Register,
    title: str,
    category: str,
    lead_organisation: Organisation | None = None,
    owner: User | None = None,
    reference: str = "",
    cause: str = "",
    event: str = "",
    effect: str = "",
    objective: str = "",
    treatment: str = "treat",
    actions: str = "",
    proximity: str = "",
    review_frequency: str = "quarterly",
    confidentiality: str | None = None,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    work_actions: Iterable[Any] = (),
    parent: Risk | None = None,
    reason: str = "",
) -> Risk:
    """Add a draft risk to a register; its lead organisation's partner lead may do so."""
    lead = lead_organisation or register.organisation
    deny_unless(permissions.can_view(actor, register), "You may not add risks to this register.")
    deny_unless(
        permissions.can_create_in(actor, register.partnership, lead.pk if lead else None),
        "You may not add a risk led by this organisation.",
    )
    risk = Risk(
        partnership_id=register.partnership_id,
        register=register,
        reference=reference or _next_reference(register),
        title=title,
        cause=cause,
        event=event,
        effect=effect,
        category=category,
        objective=objective,
        lead_organisation=lead,
        owner=owner,
        treatment=treatment,
        actions=actions,
        proximity=proximity,
        review_frequency=review_frequency,
        confidentiality=confidentiality or INHERIT,
        exempt_paragraph=exempt_paragraph,
        parent=parent,
    )
    errors: dict[str, list[str]] = {}
    links = _check_actions(actor, risk, work_actions, errors)
    _check_parent(actor, risk, errors)
    if lead is None:
        add_error(errors, "lead_organisation", "Name the organisation that leads on the risk.")
    else:
        _check_people(risk, errors)
    if Risk.objects.filter(register=register, reference=risk.reference).exists():
        add_error(errors, "reference", f"{risk.reference} is already on this register.")
    check_and_save(risk, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    if links:
        audited_set_m2m(risk, "work_actions", links, actor=actor, reason=reason)
    return risk


_CHANGEABLE = (
    "title",
    "cause",
    "event",
    "effect",
    "category",
    "objective",
    "owner",
    "treatment",
    "actions",
    "proximity",
    "review_frequency",
    "confidentiality",
    "exempt_paragraph",
)


@transaction.atomic
def risk_update(
    *,
    actor: Actor,
    risk: Risk,
    expected_version: int | None = None,
    work_actions: Iterable[Any] = UNSET,
    parent: Risk | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
    **changes: Any,
) -> Risk:
    """Change what a risk says (not its scores: see risk_assess), as its next version.

    `expected_version` is the version the editor started from: if someone saved the risk since,
    StaleVersionError is raised and nothing is written. `changes` takes any of: title, cause,
    event, effect, category, objective, owner, treatment, actions, proximity, review_frequency,
    confidentiality, exempt_paragraph.
    """
    unknown = set(changes) - set(_CHANGEABLE)
    if unknown:
        raise TypeError(f"risk_update() got unexpected fields: {', '.join(sorted(unknown))}")
    deny_unless(permissions.can_edit(actor, risk), "You may not change this risk.")
    lock_version(risk, expected_version, "risk")
    apply(risk, changes)
    errors: dict[str, list[str]] = {}
    links = _check_actions(actor, risk, work_actions, errors) if is_set(work_actions) else None
    if is_set(parent):
        risk.parent = parent
        _check_parent(actor, risk, errors)
    next_version(risk)
    check_and_save(risk, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    if links is not None:
        audited_set_m2m(risk, "work_actions", links, actor=actor, reason=reason)
    return risk


def _check_actions(
    actor: Actor, risk: Risk, chosen: Iterable[Any], errors: dict[str, list[str]]
) -> list[Any]:
    """The work-programme actions to link: the chosen ones the actor may see, plus any already
    linked that the actor may not see (an editor cannot unlink what is hidden from them)."""
    chosen = list(chosen or [])
    mine = visible_actions(user=actor, partnership=risk.partnership_id)
    visible = set(mine.filter(pk__in=[a.pk for a in chosen]).values_list("pk", flat=True))
    if any(a.pk not in visible for a in chosen):
        add_error(errors, "work_actions", "Choose actions of this partnership's work programme.")
    hidden = risk.work_actions.exclude(pk__in=mine.values("pk")) if risk.pk else []
    return [a for a in chosen if a.pk in visible] + list(hidden)


def _check_parent(actor: Actor, risk: Risk, errors: dict[str, list[str]]) -> None:
    """A risk may feed one partnership (or BAF) risk, which feeds none itself."""
    parent = risk.parent
    if parent is None:
        return
    if (
        parent.partnership_id != risk.partnership_id
        or not permissions.can_view(actor, parent)
        or parent.pk == risk.pk
    ):
        add_error(errors, "parent", "Choose another risk of this partnership.")
    elif parent.parent_id is not None or (risk.pk and risk.children.exists()):
        add_error(errors, "parent", "A risk that feeds another cannot itself be fed (one level).")


@transaction.atomic
def risk_assess(
    *,
    actor: Actor,
    risk: Risk,
    inherent: Pair,
    current: Pair | None,
    target: Pair | None = None,
    target_date: dt.date | None = None,
    today: dt.date | None = None,
    reason: str = "",
) -> Assessed:
    """Score a risk (inherent, current, target); a draft becomes assessed, escalation follows.

    Impossible scores and a residual above the inherent score are refused; a target above the
    current score is accepted with a warning.
    """
    deny_unless(permissions.can_edit(actor, risk), "You may not assess this risk.")
    day = today_or(today)
    matrix = matrix_of(risk.register)
    errors: dict[str, list[str]] = {}
    scores = [
        check_pair(matrix, pair, name, errors)
        for pair, name in ((inherent, "inherent"), (current, "current"), (target, "target"))
    ]
    problems, warnings = scoring.consistency(*scores)
    for message in problems:
        add_error(errors, "current", message)
    if current is None and not Contribution.objects.filter(risk=risk).exists():
        add_error(errors, "current", "Give the current (residual) score.")
    raise_if(errors)
    _set_pairs(risk, inherent, current, target)
    risk.target_date = target_date
    if risk.status == Status.DRAFT:
        _first_assessment(risk, day, errors)
    validate(risk, errors)
    evaluate_escalation(risk, actor=actor, today=day, reason=reason)
    save_risk(risk, actor=actor, reason=reason or "Assessed")
    return Assessed(risk, warnings)


def _set_pairs(risk: Risk, inherent: Pair, current: Pair | None, target: Pair | None) -> None:
    risk.inherent_likelihood, risk.inherent_consequence = inherent
    risk.current_likelihood, risk.current_consequence = current or (None, None)
    risk.target_likelihood, risk.target_consequence = target or (None, None)


def _first_assessment(risk: Risk, day: dt.date, errors: dict[str, list[str]]) -> None:
    if risk.owner_id is None:
        add_error(errors, "owner", "Name the risk's owner before it is assessed.")
    risk.status = Status.ASSESSED
    if risk.next_review_due is None:
        risk.next_review_due = scoring.next_review_due(day, risk.review_frequency)


@transaction.atomic
def risk_transition(
    *, actor: Actor, risk: Risk, status: str, today: dt.date | None = None, reason: str = ""
) -> Risk:
    """Move a risk along the state machine (section 3.3); closing a joint risk needs everyone."""
    deny_unless(permissions.can_edit(actor, risk), "You may not change this risk.")
    errors: dict[str, list[str]] = {}
    if not scoring.can_transition(risk.status, status):
        add_error(
            errors,
            "status",
            f"A risk cannot go from {risk.get_status_display().lower()} to "
            f"{Status(status).label.lower() if status in Status.values else status}.",
        )
    if status == Status.CLOSED:
        waiting = [
            str(c.organisation)
            for c in Contribution.objects.filter(risk=risk, closure_confirmed_on__isnull=True)
        ]
        if waiting:
            add_error(
                errors,
                "status",
                "Every contributing owner must confirm closure first; waiting for "
                + ", ".join(sorted(waiting))
                + ".",
            )
    raise_if(errors)
    risk.status = status
    if status in (Status.DE_ESCALATED, Status.CLOSED):
        risk.escalated_to = None
    save_risk(risk, actor=actor, reason=reason)
    return risk


@transaction.atomic
def control_add(
    *,
    actor: Actor,
    risk: Risk,
    description: str,
    owner_organisation: Organisation,
    kind: str = "preventive",
    owner: User | None = None,
    effectiveness: str = "",
    reason: str = "",
) -> Control:
    """Record a control on a risk, owned by any partner."""
    outside: dict[str, list[str]] = {}
    check_organisation(risk.partnership, owner_organisation, "owner_organisation", outside)
    check_person(risk.partnership, owner, "owner", outside)
    refuse(outside)
    deny_unless(
        risk_permissions.can_add_control(actor, risk, owner_organisation.pk),
        "You may not add controls to this risk.",
    )
    control = Control(
        risk=risk,
        partnership_id=risk.partnership_id,
        description=description,
        kind=kind,
        owner_organisation=owner_organisation,
        owner=owner,
        effectiveness=effectiveness,
        confidentiality=INHERIT,  # the risk's (joinedup/core/confidentiality.py)
    )
    check_and_save(control, errors={}, restricted_to=UNSET, actor=actor, reason=reason)
    return control


@transaction.atomic
def assurance_add(
    *,
    actor: Actor,
    risk: Risk,
    line: str,
    source: str,
    organisation: Organisation,
    result: str,
    date: dt.date | None = None,
    reason: str = "",
) -> Assurance:
    """Record a source of assurance: its line of defence, organisation and result."""
    outside: dict[str, list[str]] = {}
    check_organisation(risk.partnership, organisation, "organisation", outside)
    refuse(outside)
    deny_unless(permissions.can_edit(actor, risk), "You may not add assurances to this risk.")
    assurance = Assurance(
        risk=risk,
        partnership_id=risk.partnership_id,
        line=line,
        source=source,
        organisation=organisation,
        result=result,
        date=date,
        confidentiality=INHERIT,  # the risk's (joinedup/core/confidentiality.py)
    )
    check_and_save(assurance, errors={}, restricted_to=UNSET, actor=actor, reason=reason)
    return assurance


@transaction.atomic
def control_rate(
    *, actor: Actor, control: Control, effectiveness: str, reason: str = ""
) -> Control:
    """Rate how well a control works: effective, partially effective or not effective."""
    deny_unless(permissions.can_edit(actor, control.risk), "You may not rate this control.")
    errors: dict[str, list[str]] = {}
    if effectiveness not in Control.Effectiveness.values:
        add_error(errors, "effectiveness", "Choose effective, partially or not effective.")
    raise_if(errors)
    control.effectiveness = effectiveness
    audited_save(control, actor=actor, reason=reason or "Control rated")
    return control
