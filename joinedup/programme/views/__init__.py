"""Pages of the work programme: plans, actions, progress, updates due and the board dashboard."""

from __future__ import annotations

from joinedup.programme.views.actions import (
    action_create,
    action_detail,
    action_edit,
    action_milestone_create,
    dependency_add,
    progress_add,
)
from joinedup.programme.views.dashboard import dashboard
from joinedup.programme.views.plans import (
    milestone_create,
    plan_create,
    plan_detail,
    plan_edit,
    plan_list,
    plan_refresh,
    updates_due,
    workstream_create,
)

__all__ = [
    "action_create",
    "action_detail",
    "action_edit",
    "action_milestone_create",
    "dashboard",
    "dependency_add",
    "milestone_create",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_list",
    "plan_refresh",
    "progress_add",
    "updates_due",
    "workstream_create",
]
