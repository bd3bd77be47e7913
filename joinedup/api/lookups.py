"""Turning URL identifiers into the partnership a request is about, and PATCH bodies into changes.

Ids inside request bodies are resolved by each app's partnership-scoped lookups
(joinedup/core/lookups.py and the `lookups` module beside each app's models), which the pages
and the command line call too: an unknown id and an id of another partnership get the same 422.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from joinedup.core.models import Partnership
from joinedup.core.permissions import partnership_for_member_or_404


def partnership_or_404(request: HttpRequest, slug: str) -> Partnership:
    """The partnership if the caller belongs to it; a 404 for everyone else."""
    return partnership_for_member_or_404(request.auth, slug)  # type: ignore[attr-defined]


def changes_from(payload: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Only the fields a PATCH body actually sent (so a service leaves the rest alone)."""
    return {k: v for k, v in payload.model_dump(exclude_unset=True).items() if k not in skip}
