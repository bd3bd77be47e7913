"""What the programme pages share: URLs of records, the page-size and add-rights checks."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.programme.models import Action, Plan

PAGE_SIZE = 50


def plan_url(plan: Plan, name: str = "plan_detail") -> str:
    return reverse(f"programme:{name}", args=[plan.partnership.slug, plan.slug])


def action_url(action: Action, name: str = "action_detail") -> str:
    return reverse(f"programme:{name}", args=[action.partnership.slug, action.pk])


def may_add_plan(user: Any, partnership: Partnership) -> bool:
    return permissions.has_role(user, partnership, permissions.PROGRAMME_OFFICER)


def may_add_action(user: Any, plan: Plan) -> bool:
    """Programme officers add any action; partner leads add their organisation's."""
    return plan.status == Plan.Status.ACTIVE and permissions.has_role(
        user, plan.partnership_id, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )
