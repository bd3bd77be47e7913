"""Meeting-specific predicates, built only from joinedup.core.permissions."""

from __future__ import annotations

from typing import Any

from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.partnerships.models import Body


def can_add_meeting(user: Any, body: Body) -> bool:
    """Whoever sees the body and may add records for the organisation that owns it."""
    return permissions.can_view(user, body) and permissions.can_create_in(
        user, body.partnership, body.owner_organisation_id
    )


def can_keep_register(user: Any, partnership: Partnership, organisation: Any) -> bool:
    """Whoever may add records for the organisation keeps its register of interests, gifts
    and hospitality."""
    return permissions.can_create_in(user, partnership, organisation.pk)
