"""The import's fast path for new actions: the same checks and the same history as
`services.action_create` followed by `services.action_progress_add`, written in bulk.

Per row the services would look up every foreign key again (validation and the audit snapshot)
and write one row at a time; here the plan's people, organisations, workstreams and status words
are already objects (io.validate's Lookups), the permission and partner checks are asked once per
organisation, and the actions, their progress updates and their history entries are each written
with one bulk insert through joinedup.core.audit (write_entries, audited_bulk_create). Each
history entry holds what audited_save would have written: who, the reason, the readable field
values (joinedup.core.audit.snapshot), in the same order for each record (the action created,
then moved on by its update; the update added).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from joinedup.accounts.models import PartnershipRole
from joinedup.core import permissions
from joinedup.core.audit import PendingEntry, audited_bulk_create, snapshot, write_entries
from joinedup.core.models import AuditEntry, Confidentiality
from joinedup.programme.models import Action, Plan, ProgressUpdate, StatusWord
from joinedup.programme.permissions import can_add_progress
from joinedup.programme.services._common import partner_organisation_ids

# The foreign keys the import sets come from the lookups, so their rows exist already.
_ACTION_FKS = [f.name for f in Action._meta.concrete_fields if f.is_relation]
_UPDATE_FKS = [f.name for f in ProgressUpdate._meta.concrete_fields if f.is_relation]
BATCH = 500


def _diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    before = before or {}
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _full_clean(obj: models.Model, fks: list[str]) -> None:
    """The model's own checks, without the per-row foreign key and uniqueness queries."""
    obj.full_clean(exclude=fks, validate_unique=False, validate_constraints=False)


@dataclass
class BulkNew:
    """Collects the new actions (and their first progress update) of one import."""

    actor: Any
    plan: Plan
    reason: str
    today: dt.date
    actions: list[Action] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)
    entries: list[PendingEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.partnership = self.plan.partnership
        self.partners = partner_organisation_ids(self.partnership)
        self.members = set(
            PartnershipRole.objects.filter(partnership=self.partnership).values_list(
                "user_id", flat=True
            )
        )
        self.plan_visible = permissions.can_view(self.actor, self.plan)
        self.may_create: dict[int | None, bool] = {}
        self.author = self.actor if getattr(self.actor, "is_authenticated", False) else None

    # ------------------------------------------------------------ checks, as action_create

    def _deny_unless(self, lead_id: int | None) -> None:
        if lead_id not in self.may_create:
            self.may_create[lead_id] = self.plan_visible and permissions.can_create_in(
                self.actor, self.partnership, lead_id
            )
        if not self.may_create[lead_id]:
            raise PermissionDenied("You may not add an action for this organisation.")

    def _check(self, action: Action) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}

        def add(name: str, message: str) -> None:
            errors.setdefault(name, []).append(message)

        if self.plan.status == Plan.Status.CLOSED:
            add("plan", "This plan is closed; add the action to its refreshed plan.")
        lead, owner = action.lead_organisation, action.owner
        if lead is not None and lead.pk not in self.partners:
            add("lead_organisation", f"{lead} is not a partner of this partnership.")
        if owner is not None and not (
            owner.pk in self.members or owner.organisation_id in self.partners
        ):
            add("owner", f"{owner} neither works for a partner nor has a role here.")
        if action.confidentiality == Confidentiality.RESTRICTED:
            add("restricted_to", "Name the partner organisations that may see it.")
        try:
            _full_clean(action, _ACTION_FKS)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        return errors

    # ------------------------------------------------------------ one row

    def add(
        self,
        *,
        values: dict[str, Any],
        reference: str,
        order: int,
        status: StatusWord | None,
        progress: dict[str, Any] | None,
    ) -> Action:
        """Check one new action (and its progress update) and queue it; raise as the services
        would (PermissionDenied, ValidationError keyed by field), queuing nothing."""
        lead = values.get("lead_organisation")
        self._deny_unless(lead.pk if lead is not None else None)
        action = Action(
            partnership=self.partnership,
            plan=self.plan,
            reference=reference,
            order=order,
            status=status,
            confidentiality=self.plan.confidentiality,
            exempt_paragraph=self.plan.exempt_paragraph,
            **values,
        )
        errors = self._check(action)
        if errors:
            raise ValidationError(errors)
        created = snapshot(action)
        update = self._update(action, progress) if progress is not None else None
        entries = [
            PendingEntry(action, AuditEntry.Action.CREATE, _diff(None, created), self.reason)
        ]
        if update is not None:
            # The update's own entry is written with it (save_rest), once its action has an id.
            if self._move_on(action, update):
                moved = _diff(created, snapshot(action))
                reason = f"Progress update of {update.date:%d %B %Y}"
                entries.append(PendingEntry(action, AuditEntry.Action.UPDATE, moved, reason))
            self.updates.append(update)
        self.actions.append(action)
        self.entries += entries
        return action

    def _update(self, action: Action, progress: dict[str, Any]) -> ProgressUpdate:
        if not can_add_progress(self.actor, action):
            raise PermissionDenied("You may not report progress on this action.")
        update = ProgressUpdate(
            partnership=self.partnership,
            action=action,
            date=progress["date"] or self.today,
            author=self.author,
            narrative=progress["narrative"],
            status=progress["status"],
            see_action=progress["see_action"],
        )
        _full_clean(update, _UPDATE_FKS)
        return update

    @staticmethod
    def _move_on(action: Action, update: ProgressUpdate) -> bool:
        """As services.progress._move_action_on: the update's status word moves the action on;
        return whether the action changed (then it is saved as version 2)."""
        if update.status is None:
            return False
        before = (action.status_id, action.completed_on, action.closed_reason)
        action.status = update.status
        if update.status.state == "complete":
            action.completed_on = action.completed_on or update.date
        if update.status.state in ("cancelled", "superseded") and not action.closed_reason:
            action.closed_reason = update.narrative
        if before == (action.status_id, action.completed_on, action.closed_reason):
            return False
        action.version += 1
        return True

    # ------------------------------------------------------------ writing

    def save_actions(self) -> None:
        """Insert the queued actions (they get their ids, so later rows can point at them)."""
        Action.objects.bulk_create(self.actions, batch_size=BATCH)
        self.actions = []

    def save_rest(self) -> None:
        """Write the queued actions' history, then insert the progress updates with theirs."""
        write_entries(self.entries, actor=self.actor, batch_size=BATCH)
        for update in self.updates:
            # Set again now the actions have ids (this keeps them cached for the history).
            update.action = update.action
            update.see_action = update.see_action
        audited_bulk_create(self.updates, actor=self.actor, reason=self.reason, batch_size=BATCH)
        self.updates, self.entries = [], []
