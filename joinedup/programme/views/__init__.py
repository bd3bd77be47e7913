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
from joinedup.programme.views.structure import (
    dependencies,
    milestone_edit,
    workstream_close,
    workstream_edit,
    workstream_list,
)
from joinedup.programme.views.vocabularies import vocabulary_list, vocabulary_publish

__all__ = [
    "action_create",
    "action_detail",
    "action_edit",
    "action_milestone_create",
    "dashboard",
    "dependencies",
    "dependency_add",
    "milestone_create",
    "milestone_edit",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_list",
    "plan_refresh",
    "progress_add",
    "updates_due",
    "vocabulary_list",
    "vocabulary_publish",
    "workstream_close",
    "workstream_create",
    "workstream_edit",
    "workstream_list",
]
