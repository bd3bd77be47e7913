"""Turning URL and payload identifiers into records, with the API's error rules applied."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from joinedup.accounts.models import Organisation
from joinedup.api.errors import field_error
from joinedup.core.models import Partnership
from joinedup.core.permissions import partnership_for_member_or_404


def partnership_or_404(request: HttpRequest, slug: str) -> Partnership:
    """The partnership if the caller belongs to it; a 404 for everyone else."""
    return partnership_for_member_or_404(request.auth, slug)  # type: ignore[attr-defined]


def organisation_by_slug(slug: str, *, field: str) -> Organisation:
    """The organisation named in a payload, or a 422 on that field."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise field_error(field, f"There is no organisation {slug!r}.")
    return org


def organisations_by_slug(slugs: list[str] | None, *, field: str) -> list[Organisation] | None:
    """The organisations named in a payload (None stays None), or a 422 naming the unknown."""
    if slugs is None:
        return None
    found = {org.slug: org for org in Organisation.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise field_error(field, f"No such organisation: {', '.join(missing)}.")
    return [found[slug] for slug in dict.fromkeys(slugs)]


def changes_from(payload: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Only the fields a PATCH body actually sent (so a service leaves the rest alone)."""
    return {k: v for k, v in payload.model_dump(exclude_unset=True).items() if k not in skip}
