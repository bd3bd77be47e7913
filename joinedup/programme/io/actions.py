"""Import and export a plan's actions.

Import is all-or-nothing: every row is checked first (`validate`), then written through the
programme services inside one transaction; any error, from the sheet or from a service (a
permission, a rule, someone else's edit), rolls the whole import back and lists every error
with its row and column. `dry_run` does everything, then rolls back, and says what would
happen. A row whose reference the plan already has updates that action (only the columns the
sheet has, only if something differs) instead of adding a second one. A "Progress to date"
that differs from the action's latest update adds a new, dated update (updates are
append-only); "As above" / "See above" points at the action on the row above.

Export writes the actions the user may see, in plan order, in the same columns, so an exported
workbook imports back as "unchanged" and exports again cell for cell the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from joinedup.accounts.lookups import in_partnership_q
from joinedup.accounts.models import Organisation, User
from joinedup.core.io.safety import CSV, XLSX, check_upload
from joinedup.core.io.sheets import (
    CSV_TYPE,
    XLSX_TYPE,
    Cell,
    read_sheet,
    write_csv,
    write_xlsx,
)
from joinedup.core.permissions import scope
from joinedup.partnerships.models import Partner
from joinedup.programme import services
from joinedup.programme.io.bulk import BulkNew
from joinedup.programme.io.columns import ACTION_COLUMNS, ACTION_HEADERS, map_headers
from joinedup.programme.io.validate import ActionRow, Lookups, RowError, validate_sheet
from joinedup.programme.models import Action, Plan, ProgressUpdate, StatusWord, Workstream
from joinedup.programme.status import refers_above

REASON = "Imported from a spreadsheet"
AS_ABOVE = "As above"
# Columns that map straight onto action fields.
_FIELDS = (
    "workstream",
    "title",
    "description",
    "lead_organisation",
    "owner",
    "start_date",
    "due_date",
)
_HEADER_OF = {c.key: c.header for c in ACTION_COLUMNS}


@dataclass
class ImportResult:
    dry_run: bool
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    progress_added: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # After a dry run on the import page: the token of the kept file, and its name.
    token: str = ""
    filename: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def summary(self) -> str:
        verb = "Would import" if self.dry_run else "Imported"
        if not self.ok:
            return f"Nothing imported: {len(self.errors)} problem(s) in the file."
        return (
            f"{verb} {self.rows} row(s): {len(self.created)} new, {len(self.updated)} "
            f"changed, {len(self.unchanged)} unchanged, {len(self.progress_added)} "
            "progress update(s) added."
        )


# ---------------------------------------------------------------- lookups


def _keys(*names: str) -> list[str]:
    return [n.casefold() for n in names if n]


def plan_lookups(plan: Plan) -> Lookups:
    """The people, partner organisations, status words and workstreams a sheet may name.

    An owner may be anyone the action services accept (a person of the partnership, by the
    one lookup the pages and API use too), and anyone who owns an action of the plan now, so
    that an exported sheet always imports back.
    """
    org_ids = Partner.objects.filter(partnership_id=plan.partnership_id).values("organisation_id")
    eligible = in_partnership_q(plan.partnership)
    owns = Q(pk__in=Action.objects.filter(plan=plan).values("owner_id"))
    people = User.objects.filter((Q(is_active=True) & eligible) | owns)
    orgs = Organisation.objects.filter(pk__in=org_ids)
    organisations = {k: o for o in orgs for k in _keys(o.slug, o.name, o.short_name)}
    words = StatusWord.objects.filter(vocabulary_id=plan.vocabulary_id)
    return Lookups(
        owners={u.username.casefold(): u for u in people},
        organisations=organisations,
        status_words={w.word.casefold(): w for w in words},
        workstreams={w.name.casefold(): w for w in Workstream.objects.filter(plan=plan)},
    )


def _plan_actions(plan: Plan, user: Any) -> Any:
    qs = scope(Action.objects.filter(plan=plan), user)
    order = (F("workstream__order").asc(nulls_first=True), "order", "id")
    return qs.select_related("workstream", "status", "lead_organisation", "owner").order_by(*order)


def _latest_updates(actions: list[Action]) -> dict[int, ProgressUpdate]:
    """The newest update of each action (an update is exactly as visible as its action)."""
    qs = ProgressUpdate.objects.filter(action_id__in=[a.pk for a in actions])
    latest: dict[int, ProgressUpdate] = {}
    for update in qs.select_related("see_action").order_by("-date", "-id"):
        latest.setdefault(update.action_id, update)
    return latest


def _progress_cell(update: ProgressUpdate | None) -> str:
    if update is None:
        return ""
    if update.see_action_id and not update.narrative.strip():
        return AS_ABOVE
    return update.narrative


# ---------------------------------------------------------------- export


def export_rows(*, user: Any, plan: Plan) -> list[tuple[Cell, ...]]:
    """One row per action the user may see, in the columns of ACTION_HEADERS."""
    actions = list(_plan_actions(plan, user))
    latest = _latest_updates(actions)
    rows: list[tuple[Cell, ...]] = []
    for action in actions:
        update = latest.get(action.pk)
        rows.append(
            (
                action.reference,
                action.workstream.name if action.workstream else "",
                action.title,
                action.description,
                action.lead_organisation.name if action.lead_organisation else "",
                action.owner.username if action.owner else "",
                action.start_date,
                action.due_date,
                action.status.word if action.status else "",
                _progress_cell(update),
                update.date if update else None,
            )
        )
    return rows


def export_actions(*, user: Any, plan: Plan, fmt: str) -> tuple[bytes, str, str]:
    """(file bytes, media type, file name) of the plan's actions as XLSX or CSV."""
    rows = export_rows(user=user, plan=plan)
    stamp = timezone.localdate().isoformat()
    if fmt == CSV:
        return write_csv(ACTION_HEADERS, rows), CSV_TYPE, f"{plan.slug}-actions-{stamp}.csv"
    if fmt == XLSX:
        content = write_xlsx(ACTION_HEADERS, rows, title="Actions")
        return content, XLSX_TYPE, f"{plan.slug}-actions-{stamp}.xlsx"
    raise ValueError(f"Unknown export format {fmt!r}: use xlsx or csv.")


# ---------------------------------------------------------------- import


def import_actions(
    *,
    actor: Any,
    plan: Plan,
    data: bytes,
    filename: str,
    dry_run: bool = False,
    column_map: Mapping[str, str] | None = None,
) -> ImportResult:
    """Check the file, then create or update the plan's actions from it, all or nothing.

    Raises UploadRejected (before anything is parsed) for an oversize or non-spreadsheet file.
    """
    kind = check_upload(data, filename)
    sheet = read_sheet(data, kind)
    result = ImportResult(dry_run=dry_run)
    rows, errors = validate_sheet(sheet, plan_lookups(plan), column_map)
    result.rows = len(rows) + len({e.row for e in errors if e.row > 1})
    if errors:
        result.errors = errors
        return result
    headers = _sheet_headers(sheet.headers, column_map)
    with transaction.atomic():
        _Writer(actor, plan, result, headers).run(rows)
        if result.errors or dry_run:
            transaction.set_rollback(True)
    if result.errors:
        result.created, result.updated, result.unchanged, result.progress_added = [], [], [], []
    return result


def _sheet_headers(headers: tuple[str, ...], column_map: Mapping[str, str] | None) -> dict:
    """{column key: the header the sheet gives it}, to name columns in service errors."""
    mapping, _ = map_headers(headers, ACTION_COLUMNS, column_map)
    return {key: headers[index] for key, index in mapping.items()}


class _Writer:
    """Applies valid rows, collecting each row's errors.

    New actions (with their first progress update) take the bulk path of io.bulk, which makes
    the checks and writes the history of action_create and action_progress_add without a query
    per row; rows naming an action the plan has go through services.action_update and
    services.action_progress_add one by one (they lock the action's version).
    """

    def __init__(self, actor: Any, plan: Plan, result: ImportResult, headers: dict) -> None:
        self.actor, self.plan, self.result, self.headers = actor, plan, result, headers
        related = ("workstream", "status", "lead_organisation", "owner")
        self.existing = {
            a.reference: a for a in Action.objects.filter(plan=plan).select_related(*related)
        }
        self.visible = set(
            scope(Action.objects.filter(plan=plan), actor).values_list("pk", flat=True)
        )
        self.latest = _latest_updates(list(self.existing.values()))
        self.next_order = max((a.order for a in self.existing.values()), default=0) + 1
        self.today = timezone.localdate()
        self.bulk = BulkNew(actor=actor, plan=plan, reason=REASON, today=self.today)

    def run(self, rows: list[ActionRow]) -> None:
        new = self._queue_new(rows)
        self.bulk.save_actions()
        previous: Action | None = None
        for row in rows:
            if row.row in new:
                previous = new[row.row]
                continue
            if row.reference not in self.existing:  # a new row with errors
                previous = None
                continue
            try:
                with transaction.atomic():
                    previous = self._apply(row, previous)
            except (ValidationError, PermissionDenied) as exc:
                self.result.errors += self._errors(row, exc)
                previous = None
        self.bulk.save_rest()

    def _queue_new(self, rows: list[ActionRow]) -> dict[int, Action]:
        """Check and queue every row whose reference is new: {row number: its action}."""
        queued: dict[int, Action] = {}
        previous: Action | None = None
        for row in rows:
            if row.reference in self.existing:
                previous = self.existing[row.reference]
                continue
            try:
                previous = queued[row.row] = self._new(row, previous)
            except (ValidationError, PermissionDenied) as exc:
                self.result.errors += self._errors(row, exc)
                previous = None
        return queued

    def _new(self, row: ActionRow, previous: Action | None) -> Action:
        status = row.values.get("status") if "status" in row.present else None
        progress = None
        if self._new_progress(None, row):
            text = row.values["progress"]
            progress = {
                "narrative": text,
                "date": row.values.get("progress_date"),
                "status": status or None,
                "see_action": previous if refers_above(text) and previous is not None else None,
            }
        action = self.bulk.add(
            values={k: row.values[k] for k in _FIELDS if k in row.present},
            reference=row.reference,
            order=self.next_order,
            status=status,
            progress=progress,
        )
        self.next_order += 1
        self.result.created.append(row.reference)
        if progress is not None:
            self.result.progress_added.append(row.reference)
        return action

    def _apply(self, row: ActionRow, action: Action | None = None) -> Action:
        """Update the existing action the row names (through the services)."""
        previous = action
        action = self.existing[row.reference]
        if action.pk not in self.visible:
            raise ValidationError({"reference": "is already used by another action of this plan"})
        values = {k: row.values[k] for k in _FIELDS if k in row.present}
        new_progress = self._new_progress(action, row)
        status = row.values.get("status") if "status" in row.present else None
        changes = {k: v for k, v in values.items() if getattr(action, k) != v}
        if "status" in row.present and not new_progress and action.status != status:
            changes["status"] = status
        if changes:
            services.action_update(
                actor=self.actor,
                action=action,
                expected_version=action.version,
                reason=REASON,
                **changes,
            )
            self.result.updated.append(row.reference)
        elif not new_progress:
            self.result.unchanged.append(row.reference)
        if new_progress:
            self._add_progress(action, row, status, previous)
        return action

    def _new_progress(self, action: Action | None, row: ActionRow) -> bool:
        if "progress" not in row.present or not row.values.get("progress"):
            return False
        latest = self.latest.get(action.pk) if action is not None else None
        same_text = _progress_cell(latest) == row.values["progress"]
        same_date = "progress_date" not in row.present or (
            latest is not None and latest.date == row.values.get("progress_date")
        )
        return not (same_text and same_date)

    def _add_progress(
        self, action: Action, row: ActionRow, status: Any, previous: Action | None
    ) -> None:
        text = row.values["progress"]
        points_above = refers_above(text) and previous is not None
        services.action_progress_add(
            actor=self.actor,
            action=action,
            narrative=text,
            date=row.values.get("progress_date") or self.today,
            status=status or None,
            see_action=previous if points_above else None,
            reason=REASON,
        )
        if row.reference not in self.result.created and row.reference not in self.result.updated:
            self.result.updated.append(row.reference)
        self.result.progress_added.append(row.reference)

    def _errors(self, row: ActionRow, exc: Exception) -> list[RowError]:
        reference = self.headers.get("reference", "Reference")
        if isinstance(exc, PermissionDenied):
            column = self.headers.get("lead_organisation", reference)
            return [RowError(row.row, column, row.reference, str(exc) or "is not yours to change")]
        assert isinstance(exc, ValidationError)
        found = []
        by_field = (
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        for name, messages in by_field.items():
            column = self.headers.get(name, _HEADER_OF.get(name, reference))
            value = row.values.get(name, row.reference)
            shown = value.isoformat() if isinstance(value, dt.date) else str(value or "")
            found += [RowError(row.row, column, shown, message) for message in messages]
        return found
