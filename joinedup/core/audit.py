"""Audit by construction: governed writes go through these helpers, which record the history
entry in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

from joinedup.core.actors import Actor
from joinedup.core.models import AuditEntry
from joinedup.core.text import refuse_unstorable_text

M = TypeVar("M", bound=models.Model)

_ALWAYS_EXCLUDED = {"id", "created_at", "updated_at", "password", "last_login"}


def _display(obj: models.Model, field: models.Field) -> str | None:
    value = getattr(obj, field.attname)
    if value is None:
        return None
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (Decimal, bool, int)):
        return str(value)
    return str(value)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """Readable values of the record's own fields, keyed by field name."""
    excluded = _ALWAYS_EXCLUDED | set(getattr(obj, "audit_exclude", ()))
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in excluded:
            continue
        values[field.name] = _display(obj, field)
    return values


def _diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before = before or {}
    after = after or {}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _actor_fields(actor: Actor | None) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_repr": "system"}
    return {"actor": actor, "actor_repr": str(actor)[:200]}


def _partnership_id(obj: models.Model) -> int | None:
    if obj.__class__.__name__ == "Partnership":
        return obj.pk
    return getattr(obj, "partnership_id", None)


def _entry(
    obj: models.Model,
    *,
    action: str,
    changes: dict[str, list[Any]],
    who: dict[str, Any],
    reason: str,
    kind: ContentType | None = None,
) -> AuditEntry:
    return AuditEntry(
        partnership_id=_partnership_id(obj),
        content_type=kind or ContentType.objects.get_for_model(obj.__class__),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        changes=changes,
        reason=reason,
        **who,
    )


def write_entry(
    obj: models.Model,
    *,
    action: str,
    changes: dict[str, list[Any]],
    actor: Actor | None,
    reason: str = "",
) -> AuditEntry:
    entry = _entry(obj, action=action, changes=changes, who=_actor_fields(actor), reason=reason)
    entry.save(force_insert=True)
    return entry


@dataclass
class PendingEntry:
    """A history entry worked out before its record is written (a bulk write's queue)."""

    obj: models.Model
    action: str
    changes: dict[str, list[Any]]
    reason: str = ""


BULK_BATCH = 500


@transaction.atomic
def write_entries(
    entries: Iterable[PendingEntry], *, actor: Actor | None, batch_size: int = BULK_BATCH
) -> None:
    """Write queued history entries in order, one insert per batch; each record has its id."""
    who = _actor_fields(actor)
    kinds: dict[type, ContentType] = {}
    rows = []
    for pending in entries:
        model = pending.obj.__class__
        kind = kinds.setdefault(model, ContentType.objects.get_for_model(model))
        rows.append(
            _entry(
                pending.obj,
                action=pending.action,
                changes=pending.changes,
                who=who,
                reason=pending.reason,
                kind=kind,
            )
        )
    AuditEntry.objects.bulk_create(rows, batch_size=batch_size)


@transaction.atomic
def audited_bulk_create(
    objs: Sequence[models.Model],
    *,
    actor: Actor | None,
    reason: str = "",
    batch_size: int = BULK_BATCH,
) -> list[models.Model]:
    """Insert new records of one model in bulk with the creation entries audited_save would
    write, in the same transaction. The caller has checked them (no full_clean per row here)."""
    if not objs:
        return []
    made = objs[0].__class__._default_manager.bulk_create(objs, batch_size=batch_size)
    created = AuditEntry.Action.CREATE
    write_entries(
        (PendingEntry(obj, created, _diff(None, snapshot(obj)), reason) for obj in made),
        actor=actor,
        batch_size=batch_size,
    )
    return made


@transaction.atomic
def audited_save(obj: M, *, actor: Actor | None, reason: str = "") -> M:
    """Validate, save and record the change; invalid input raises and writes nothing."""
    # Text neither database can store (NUL, an unpaired surrogate) is a field error, not a 500.
    refuse_unstorable_text(obj)
    obj.full_clean()
    stored = None
    if obj.pk is not None:
        stored = obj.__class__._default_manager.filter(pk=obj.pk).first()
    creating = stored is None
    before = None if stored is None else snapshot(stored)
    obj.save()
    changes = _diff(before, snapshot(obj))
    if creating or changes:
        action = AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE
        write_entry(obj, action=action, changes=changes, actor=actor, reason=reason)
    return obj


@transaction.atomic
def audited_delete(obj: models.Model, *, actor: Actor | None, reason: str = "") -> None:
    """Delete the record and keep what it held in the history."""
    write_entry(
        obj,
        action=AuditEntry.Action.DELETE,
        changes=_diff(snapshot(obj), None),
        actor=actor,
        reason=reason,
    )
    obj.delete()


@transaction.atomic
def audited_set_m2m(
    obj: models.Model,
    field: str,
    values: Sequence[models.Model],
    *,
    actor: Actor | None,
    reason: str = "",
) -> None:
    """Replace a many-to-many set (e.g. restricted_to) and record the before and after."""
    manager = getattr(obj, field)
    before = sorted(str(v) for v in manager.all())
    after = sorted(str(v) for v in values)
    if before == after:
        return
    manager.set(values)
    changes = {field: [", ".join(before) or None, ", ".join(after) or None]}
    write_entry(obj, action=AuditEntry.Action.UPDATE, changes=changes, actor=actor, reason=reason)


def field_label(model: type[models.Model] | None, name: str) -> str:
    """How the history names a changed field: the model field's label ("Current consequence"),
    or the name made readable for a field the model no longer has."""
    label = name.replace("_", " ")
    if model is not None:
        with suppress(FieldDoesNotExist):
            field = model._meta.get_field(name)
            if isinstance(field, models.Field):  # not a reverse relation, which has no label
                label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Every history entry for the record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj.__class__), object_id=str(obj.pk)
    ).select_related("actor")
