"""Writes for risk registers and their appetite statements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from joinedup.accounts.lookups import check_person
from joinedup.accounts.models import Organisation, User
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save
from joinedup.core.confidentiality import INHERIT
from joinedup.core.models import Confidentiality, Partnership
from joinedup.core.services import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
)
from joinedup.partnerships.lookups import check_body, check_organisation
from joinedup.partnerships.models import Body
from joinedup.risks import scoring
from joinedup.risks.matrices import get_matrix
from joinedup.risks.models import Appetite, Register
from joinedup.risks.services._common import lock_version, next_version


def _free_slug(name: str, partnership: Partnership) -> str:
    base = slugify(name)[:80] or "register"
    candidates = [base, f"{partnership.slug}-{base}"[:95]]
    candidates += [f"{candidates[1][:90]}-{n}" for n in range(2, 100)]
    taken = set(Register.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    return next(c for c in candidates if c not in taken)


def _check(register: Register, errors: dict[str, list[str]]) -> None:
    """The organisation and body a register names are of its partnership (as the lookups
    would find them)."""
    partnership = register.partnership
    check_organisation(partnership, register.organisation, "organisation", errors)
    check_body(partnership, register.governing_body, "governing_body", errors)
    try:
        matrix = get_matrix(register.matrix_slug, register.matrix_version or None)
        register.matrix_version = matrix.version
    except scoring.ScoringError as exc:
        add_error(errors, "matrix_slug", str(exc))


@transaction.atomic
def register_create(
    *,
    actor: Actor,
    partnership: Partnership,
    name: str,
    slug: str = "",
    level: str = "partnership",
    organisation: Organisation | None = None,
    governing_body: Body | None = None,
    matrix_slug: str = "npsa-5x5",
    escalation_threshold: int = 15,
    description: str = "",
    confidentiality: str = Confidentiality.PARTNERSHIP,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> Register:
    """Open a risk register: a partner's (its top risks) or the partnership's own."""
    org_id = organisation.pk if organisation else None
    deny_unless(
        permissions.can_create_in(actor, partnership, org_id),
        "You may not open a risk register for this organisation.",
    )
    register = Register(
        partnership=partnership,
        name=name,
        slug=slug or _free_slug(name, partnership),
        level=level,
        organisation=organisation,
        governing_body=governing_body,
        matrix_slug=matrix_slug,
        matrix_version=0,
        escalation_threshold=escalation_threshold,
        description=description,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
    )
    errors: dict[str, list[str]] = {}
    _check(register, errors)
    check_and_save(register, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return register


@transaction.atomic
def register_update(
    *,
    actor: Actor,
    register: Register,
    expected_version: int | None = None,
    name: str = UNSET,
    governing_body: Body | None = UNSET,
    escalation_threshold: int = UNSET,
    description: str = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    appetites: Iterable[Mapping[str, Any]] = (),
    reason: str = "",
) -> Register:
    """Change a register's name, governing body, threshold, confidentiality or appetites, as
    its next version; a stale `expected_version` raises StaleVersionError and writes nothing."""
    deny_unless(permissions.can_edit(actor, register), "You may not change this register.")
    lock_version(register, expected_version, "register")
    apply(
        register,
        {
            "name": name,
            "governing_body": governing_body,
            "escalation_threshold": escalation_threshold,
            "description": description,
            "confidentiality": confidentiality,
            "exempt_paragraph": exempt_paragraph,
        },
    )
    errors: dict[str, list[str]] = {}
    _check(register, errors)
    next_version(register)
    check_and_save(register, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    for values in appetites:
        _appetite_save(actor=actor, register=register, reason=reason, **values)
    return register


@transaction.atomic
def appetite_set(
    *,
    actor: Actor,
    register: Register,
    category: str,
    level: str,
    max_residual: int,
    approved_on: dt.date | None = None,
    approved_by: User | None = None,
    review_due: dt.date | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Appetite:
    """Set the register's appetite for a category: the level, the highest residual score it
    tolerates, who approved it and when it is next reviewed (the register's next version)."""
    deny_unless(permissions.can_edit(actor, register), "You may not change this register.")
    lock_version(register, expected_version, "register")
    appetite = _appetite_save(
        actor=actor,
        register=register,
        category=category,
        level=level,
        max_residual=max_residual,
        approved_on=approved_on,
        approved_by=approved_by,
        review_due=review_due,
        reason=reason,
    )
    next_version(register)
    audited_save(register, actor=actor, reason=reason or f"Appetite for {category} set")
    return appetite


def _appetite_save(
    *,
    actor: Actor,
    register: Register,
    category: str,
    level: str,
    max_residual: int,
    approved_on: dt.date | None = None,
    approved_by: User | None = None,
    review_due: dt.date | None = None,
    reason: str = "",
) -> Appetite:
    appetite = Appetite.objects.filter(register=register, category=category).first()
    if appetite is None:
        appetite = Appetite(
            register=register, partnership_id=register.partnership_id, confidentiality=INHERIT
        )
    appetite.category, appetite.level = category, level
    appetite.max_residual, appetite.approved_on = max_residual, approved_on
    appetite.approved_by, appetite.review_due = approved_by, review_due
    errors: dict[str, list[str]] = {}
    check_person(register.partnership, approved_by, "approved_by", errors)
    matrix = get_matrix(register.matrix_slug, register.matrix_version)
    if max_residual not in matrix.products():
        add_error(errors, "max_residual", f"{max_residual} is not a score the {matrix.name} gives.")
    if approved_on and review_due and review_due <= approved_on:
        add_error(errors, "review_due", "The review must fall after the approval.")
    if approved_on and approved_by is None:
        add_error(errors, "approved_by", "Name who approved the appetite statement.")
    check_and_save(appetite, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return appetite
