"""The register as a spreadsheet: export (XLSX) and all-or-nothing import with row/column errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from joinedup.accounts.models import Organisation, User
from joinedup.core.io.safety import XLSX, UploadRejected, check_upload, restore
from joinedup.core.io.sheets import read_sheet, write_xlsx
from joinedup.risks import selectors, services
from joinedup.risks.models import Category, Proximity, Register, ReviewFrequency, Treatment

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# (column heading, risk attribute) of the columns an import reads; the export writes them too.
COLUMNS = [
    ("Reference", "reference"),
    ("Title", "title"),
    ("Cause", "cause"),
    ("Event", "event"),
    ("Effect", "effect"),
    ("Category", "category"),
    ("Objective", "objective"),
    ("Lead organisation", "lead_organisation"),
    ("Owner", "owner"),
    ("Inherent likelihood", "inherent_likelihood"),
    ("Inherent consequence", "inherent_consequence"),
    ("Current likelihood", "current_likelihood"),
    ("Current consequence", "current_consequence"),
    ("Target likelihood", "target_likelihood"),
    ("Target consequence", "target_consequence"),
    ("Target date", "target_date"),
    ("Treatment", "treatment"),
    ("Proximity", "proximity"),
    ("Review frequency", "review_frequency"),
    ("Actions", "actions"),
]
# Read if present (older sheets without it still import): "plan-slug:reference; ...".
LINKS = "Work-programme actions"
COMPUTED = ["Score shown", "Band", "Divergent", "Status", "Escalated to", "Next review", "Overdue"]
REQUIRED = ("Title", "Category", "Inherent likelihood", "Inherent consequence")


def _cell(row: selectors.Row, attr: str) -> Any:
    value = getattr(row.risk, attr)
    if attr == "lead_organisation":
        return value.slug
    if attr == "owner":
        return value.username if value else ""
    return value if value is not None else ""


def export_xlsx(*, user: Any, register: Register, today: dt.date) -> bytes:
    """The register table (what the user may see) as a workbook, one risk a row."""
    qs = selectors.register_rows(user=user, register=register, today=today)
    rows = selectors.rows_for(qs, register=register, today=today, user=user)
    table = []
    for row in rows:
        computed = [
            row.shown or "",
            row.band.name if row.band else "",
            "yes" if row.divergent else "",
            row.status_label,
            ", ".join(str(b) for b in row.escalations),
            row.risk.next_review_due or "",
            "yes" if row.overdue else "",
        ]
        links = "; ".join(f"{a.plan.slug}:{a.reference}" for a in row.actions)
        table.append([_cell(row, attr) for _, attr in COLUMNS] + [links] + computed)
    # The shared writer neutralises text that a spreadsheet would run as a formula.
    headings = [heading for heading, _ in COLUMNS] + [LINKS] + COMPUTED
    return write_xlsx(headings, table, title="Risks")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.message}"


@dataclass
class ImportResult:
    count: int = 0
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)


class _Abort(Exception):
    """Rolls the import back (errors found, or a dry run)."""


def _choice(choices: Any, value: Any) -> str:
    text = str(value or "").strip()
    for key, label in choices.choices:
        if text.lower() in (key.lower(), label.lower()):
            return key
    if not text:
        return ""
    raise ValueError(f"{text!r} is not one of: {', '.join(label for _, label in choices.choices)}.")


def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return int(value)


def _pair(values: dict[str, Any], stage: str) -> tuple[int, int] | None:
    likelihood = _int(values[f"{stage.capitalize()} likelihood"])
    consequence = _int(values[f"{stage.capitalize()} consequence"])
    if likelihood is None and consequence is None:
        return None
    if likelihood is None or consequence is None:
        raise ValueError("Give both likelihood and consequence, or neither.")
    return (likelihood, consequence)


def _organisation(register: Register, value: Any) -> Organisation | None:
    text = str(value or "").strip()
    if not text:
        return register.organisation
    found = Organisation.objects.filter(Q(slug=text) | Q(name__iexact=text)).first()
    if found is None:
        raise ValueError(f"There is no organisation {text!r}.")
    return found


def _owner(register: Register, value: Any) -> User | None:
    text = str(value or "").strip()
    if not text:
        return None
    found = (
        User.objects.filter(partnership_roles__partnership=register.partnership)
        .filter(Q(username=text) | Q(role_title__iexact=text))
        .first()
    )
    if found is None:
        raise ValueError(f"No one in this partnership is {text!r}.")
    return found


def _actions(actor: Any, register: Register, value: Any) -> list[Any]:
    """Work-programme actions named "plan-slug:reference" (";" between), that the actor sees."""
    names = [part.strip() for part in str(value or "").split(";") if part.strip()]
    visible = selectors.action_choices(user=actor, partnership=register.partnership)
    found = []
    for name in names:
        plan, _, reference = name.rpartition(":")
        action = visible.filter(plan__slug=plan, reference=reference).first()
        if action is None:
            raise ValueError(f"There is no work-programme action {name!r} (plan:reference).")
        found.append(action)
    return found


FIELD_COLUMNS = {attr: heading for heading, attr in COLUMNS} | {
    "work_actions": LINKS,
    "inherent": "Inherent likelihood",
    "current": "Current likelihood",
    "target": "Target likelihood",
}


def _import_row(
    actor: Any, register: Register, values: dict[str, Any], number: int
) -> list[Problem]:
    """Create and assess one risk; its problems (by column) if any."""
    column = "Category"
    try:
        kwargs = {
            "category": _choice(Category, values["Category"]),
            "treatment": _choice(Treatment, values["Treatment"]) or "treat",
            "proximity": _choice(Proximity, values["Proximity"]),
            "review_frequency": _choice(ReviewFrequency, values["Review frequency"]) or "quarterly",
        }
        column = "Lead organisation"
        kwargs["lead_organisation"] = _organisation(register, values["Lead organisation"])
        column = "Owner"
        kwargs["owner"] = _owner(register, values["Owner"])
        column = LINKS
        kwargs["work_actions"] = _actions(actor, register, values.get(LINKS))
        column = "Inherent likelihood"
        pairs = {stage: _pair(values, stage) for stage in ("inherent", "current", "target")}
    except ValueError as exc:
        return [Problem(number, column, str(exc))]
    text = {
        a: str(values[h] or "").strip()
        for h, a in COLUMNS
        if a in ("reference", "title", "cause", "event", "effect", "objective", "actions")
    }
    try:
        with transaction.atomic():
            risk = services.risk_create(actor=actor, register=register, **text, **kwargs)
            target_date = values["Target date"]
            if isinstance(target_date, dt.datetime):
                target_date = target_date.date()
            services.risk_assess(
                actor=actor,
                risk=risk,
                target_date=target_date or None,
                **pairs,  # type: ignore[arg-type]
            )
    except ValidationError as exc:
        return [
            Problem(number, FIELD_COLUMNS.get(name, name), message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    except PermissionDenied as exc:
        return [Problem(number, "Lead organisation", str(exc))]
    return []


def _read(content: bytes) -> tuple[list[str], list[tuple[int, dict[str, Any]]], list[Problem]]:
    # The same hostile-file checks as every other import: size, a real workbook, no zip bomb.
    try:
        check_upload(content, "register.xlsx")
        sheet = read_sheet(content, XLSX)
    except UploadRejected as exc:
        return [], [], [Problem(1, "file", str(exc))]
    headings = list(sheet.headers)
    missing = [h for h, _ in COLUMNS if h not in headings]
    if missing:
        return headings, [], [Problem(1, h, "This column is missing.") for h in missing]
    records = [
        (n, dict(zip(headings, [_restored(v) for v in line], strict=False)))
        for n, line in enumerate(sheet.rows, start=2)
        if any(v not in (None, "") for v in line)
    ]
    return headings, records, []


def _restored(value: Any) -> Any:
    return restore(value) if isinstance(value, str) else value


def import_xlsx(
    *, actor: Any, register: Register, content: bytes, dry_run: bool = False
) -> ImportResult:
    """Import every row, or none: any problem (or a dry run) rolls the whole import back."""
    result = ImportResult(dry_run=dry_run)
    _, records, result.problems = _read(content)
    if result.problems:
        return result
    for number, values in records:
        blank = [h for h in REQUIRED if values.get(h) in (None, "")]
        result.problems += [Problem(number, h, "This cell is required.") for h in blank]
    if result.problems:
        return result
    try:
        with transaction.atomic():
            for number, values in records:
                result.problems += _import_row(actor, register, values, number)
            result.count = len(records)
            if result.problems or dry_run:
                raise _Abort
    except _Abort:
        if result.problems:
            result.count = 0
    return result
