"""Programme-specific predicates, built only from joinedup.core.permissions."""

from __future__ import annotations

from typing import Any

from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.programme.models import Action, Plan


def can_add_progress(user: Any, action: Action) -> bool:
    """Whoever may edit the action may report progress on it, and so may its owner."""
    if permissions.can_edit(user, action):
        return True
    return (
        action.owner_id is not None
        and action.owner_id == getattr(user, "pk", None)
        and permissions.can_view(user, action)
    )


def can_publish_vocabulary(user: Any, slug: str) -> bool:
    """Programme officers of a partnership whose plans use the vocabulary may publish its next
    version (vocabularies are shared reference data: the words of a version never change)."""
    if permissions.is_superuser(user):
        return True
    partnerships = Plan.objects.filter(vocabulary__slug=slug).values_list(
        "partnership_id", flat=True
    )
    return any(
        permissions.has_role(user, pid, permissions.PROGRAMME_OFFICER) for pid in set(partnerships)
    )


def can_add_plan(user: Any, partnership: Partnership) -> bool:
    """Programme officers add plans."""
    return permissions.has_role(user, partnership, permissions.PROGRAMME_OFFICER)


def can_add_action(user: Any, plan: Plan) -> bool:
    """Programme officers add any action to an active plan; partner leads add their
    organisation's (the services check the organisation)."""
    return plan.status == Plan.Status.ACTIVE and permissions.has_role(
        user, plan.partnership_id, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )


def can_import(user: Any, partnership: Partnership) -> bool:
    """Programme officers and partner leads import actions, as they add them (each row is
    then checked by the services: a partner lead only for their own organisation)."""
    return permissions.has_role(
        user, partnership, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )


def can_change_milestones(user: Any, plan: Plan, action: Action | None) -> bool:
    """Whoever may edit the action (or, for a plan's own milestone, the plan) changes them."""
    if action is not None:
        return permissions.can_edit(user, action)
    return permissions.can_edit(user, plan)
