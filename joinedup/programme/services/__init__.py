"""Writes for the programme app. Views, API, CLI and imports all call these functions.

Each takes keyword-only arguments including the `actor`, checks permission in
joinedup.core.permissions (PermissionDenied), validates (ValidationError keyed by field, nothing
written) and writes through joinedup.core.audit in one transaction. Update services leave out
any argument not given (None means "clear it"). Action edits state the version they started
from; a stale one raises StaleVersionError and writes nothing.
"""

from __future__ import annotations

from joinedup.programme.services._common import UNSET, StaleVersionError
from joinedup.programme.services.actions import (
    action_create,
    action_dependency_add,
    action_dependency_remove,
    action_update,
)
from joinedup.programme.services.plans import (
    plan_create,
    plan_report_record,
    plan_update,
    priority_activity_add,
    workstream_close,
    workstream_create,
    workstream_update,
)
from joinedup.programme.services.progress import (
    action_progress_add,
    milestone_achieve,
    milestone_create,
    milestone_update,
)
from joinedup.programme.services.refresh import RefreshResult, plan_refresh
from joinedup.programme.services.reminders import ReminderRun, update_reminders_send
from joinedup.programme.services.vocabularies import vocabularies_load, vocabulary_publish

__all__ = [
    "UNSET",
    "RefreshResult",
    "ReminderRun",
    "StaleVersionError",
    "action_create",
    "action_dependency_add",
    "action_dependency_remove",
    "action_progress_add",
    "action_update",
    "milestone_achieve",
    "milestone_create",
    "milestone_update",
    "plan_create",
    "plan_refresh",
    "plan_report_record",
    "plan_update",
    "priority_activity_add",
    "update_reminders_send",
    "vocabularies_load",
    "vocabulary_publish",
    "workstream_close",
    "workstream_create",
    "workstream_update",
]
