"""Programme-specific predicates, built only from joinedup.core.permissions."""

from __future__ import annotations

from typing import Any

from joinedup.core import permissions
from joinedup.programme.models import Action


def can_add_progress(user: Any, action: Action) -> bool:
    """Whoever may edit the action may report progress on it, and so may its owner."""
    if permissions.can_edit(user, action):
        return True
    return (
        action.owner_id is not None
        and action.owner_id == getattr(user, "pk", None)
        and permissions.can_view(user, action)
    )
