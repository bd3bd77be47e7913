"""Writes for governance bodies and the reporting lines between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from joinedup.accounts.models import Organisation
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_delete
from joinedup.core.models import Confidentiality, Partnership
from joinedup.core.services import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
)
from joinedup.partnerships.models import Body, ReportingLine

# Path segments the body pages use after bodies/, which no body's slug may take.
RESERVED_SLUGS = frozenset({"new", "graph"})


def _free_slug(name: str, partnership: Partnership) -> str:
    """A slug for the body: from its name, then the partnership's, then a number if taken."""
    base = slugify(name)[:80] or "body"
    if base in RESERVED_SLUGS:
        base = f"{base}-body"
    candidates = [base, f"{partnership.slug}-{base}"[:95]]
    candidates += [f"{candidates[1][:90]}-{n}" for n in range(2, 100)]
    taken = set(Body.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    return next(c for c in candidates if c not in taken)


def _slug_errors(slug: str) -> dict[str, list[str]]:
    if slug in RESERVED_SLUGS:
        return {"slug": [f"“{slug}” is kept for the site's own pages; choose another."]}
    return {}


def _check_owner(partnership: Partnership, owner: Organisation | None, errors: dict) -> None:
    """The owner is a partner organisation (refused as the lookups refuse an unknown one)."""
    from joinedup.partnerships.lookups import check_organisation

    check_organisation(partnership, owner, "owner_organisation", errors)


@transaction.atomic
def body_create(
    *,
    actor: Actor,
    partnership: Partnership,
    name: str,
    kind: str,
    slug: str = "",
    owner_organisation: Organisation | None = None,
    publication_rule: str = Body.PublicationRule.NONE,
    purpose: str = "",
    established_on: dt.date | None = None,
    dissolved_on: dt.date | None = None,
    confidentiality: str = Confidentiality.PARTNERSHIP,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> Body:
    """Add a board, group or committee: the partnership's own, or one of a partner's."""
    owner_id = owner_organisation.pk if owner_organisation else None
    deny_unless(
        permissions.can_create_in(actor, partnership, owner_id),
        "You may not add a body for this organisation.",
    )
    body = Body(
        partnership=partnership,
        name=name,
        kind=kind,
        slug=slug or _free_slug(name, partnership),
        owner_organisation=owner_organisation,
        publication_rule=publication_rule,
        purpose=purpose,
        established_on=established_on,
        dissolved_on=dissolved_on,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
    )
    errors = _slug_errors(body.slug)
    _check_owner(partnership, owner_organisation, errors)
    check_and_save(body, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return body


@transaction.atomic
def body_update(
    *,
    actor: Actor,
    body: Body,
    name: str = UNSET,
    kind: str = UNSET,
    slug: str = UNSET,
    owner_organisation: Organisation | None = UNSET,
    publication_rule: str = UNSET,
    purpose: str = UNSET,
    established_on: dt.date | None = UNSET,
    dissolved_on: dt.date | None = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
) -> Body:
    """Change a body's details; handing it to another organisation needs rights over both."""
    deny_unless(permissions.can_edit(actor, body), "You may not change this body.")
    if is_set(owner_organisation) and owner_organisation != body.owner_organisation:
        new_id = owner_organisation.pk if owner_organisation else None
        deny_unless(
            permissions.can_create_in(actor, body.partnership, new_id),
            "You may not hand this body to that organisation.",
        )
    apply(
        body,
        {
            "name": name,
            "kind": kind,
            "slug": slug,
            "owner_organisation": owner_organisation,
            "publication_rule": publication_rule,
            "purpose": purpose,
            "established_on": established_on,
            "dissolved_on": dissolved_on,
            "confidentiality": confidentiality,
            "exempt_paragraph": exempt_paragraph,
        },
    )
    errors = _slug_errors(body.slug)
    if is_set(owner_organisation):
        _check_owner(body.partnership, owner_organisation, errors)
    check_and_save(body, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return body


def _reaches(start_id: int, target_id: int, partnership_id: int) -> bool:
    """Does `start` already report, directly or through others, to `target`?"""
    ups: dict[int, list[int]] = {}
    pairs = ReportingLine.objects.filter(partnership_id=partnership_id).values_list(
        "child_id", "parent_id"
    )
    for child_id, parent_id in pairs:
        ups.setdefault(child_id, []).append(parent_id)
    seen: set[int] = set()
    stack = [start_id]
    while stack:
        node = stack.pop()
        if node == target_id:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(ups.get(node, []))
    return False


def _line_errors(child: Body, parent: Body) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if parent.partnership_id != child.partnership_id:
        add_error(errors, "parent", "A body can only report to a body of the same partnership.")
    elif parent.pk == child.pk:
        add_error(errors, "parent", "A body cannot report to itself.")
    elif ReportingLine.objects.filter(child=child, parent=parent).exists():
        add_error(errors, "parent", f"{child} already reports to {parent}.")
    elif _reaches(parent.pk, child.pk, child.partnership_id):
        add_error(
            errors,
            "parent",
            f"{parent} already reports, directly or indirectly, to {child}: that would be a loop.",
        )
    return errors


@transaction.atomic
def reporting_line_create(
    *,
    actor: Actor,
    child: Body,
    parent: Body,
    kind: str = ReportingLine.Kind.REPORTS_TO,
    note: str = "",
    confidentiality: str = Confidentiality.PARTNERSHIP,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> ReportingLine:
    """Record that one body reports to (or is a working group of) another; loops are refused."""
    deny_unless(
        permissions.can_create_in(actor, child.partnership, child.owner_organisation_id),
        "You may not add reporting lines for this body.",
    )
    deny_unless(
        parent.partnership_id != child.partnership_id or permissions.can_view(actor, parent),
        "You may not link to that body.",
    )
    line = ReportingLine(
        partnership=child.partnership,
        child=child,
        parent=parent,
        kind=kind,
        note=note,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
    )
    errors = _line_errors(child, parent)
    check_and_save(line, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return line


@transaction.atomic
def reporting_line_delete(*, actor: Actor, line: ReportingLine, reason: str = "") -> None:
    """Remove a reporting line; the history keeps what it said."""
    deny_unless(permissions.can_edit(actor, line), "You may not remove this reporting line.")
    audited_delete(line, actor=actor, reason=reason)
