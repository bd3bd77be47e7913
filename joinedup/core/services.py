"""What every app's services share: the unset marker, validation, confidentiality."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models

from joinedup.core import extensions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save, audited_set_m2m
from joinedup.core.confidentiality import inherit_confidentiality, restricted_beyond_parents
from joinedup.core.models import Confidentiality, GovernedModel, Partnership
from joinedup.core.text import unstorable_fields


class _Unset:
    """Marks an update argument the caller left out (None is a real value: "clear it")."""

    def __repr__(self) -> str:
        return "UNSET"


# Typed as Any so `name: str = UNSET` type-checks in every update signature.
UNSET: Any = _Unset()


def is_set(value: Any) -> bool:
    return not isinstance(value, _Unset)


def deny_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def apply(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set every given value on the object; return the names of the fields that were given."""
    given = [name for name, value in values.items() if is_set(value)]
    for name in given:
        setattr(obj, name, values[name])
    return given


def add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def validate(obj: models.Model, errors: dict[str, list[str]] | None = None) -> None:
    """Run the model's own checks plus the service's; raise them all together, write nothing."""
    found: dict[str, list[str]] = {k: list(v) for k, v in (errors or {}).items()}
    if unstorable := unstorable_fields(obj):
        # Before full_clean(), whose uniqueness checks would send the text to the database.
        for field, messages in unstorable.items():
            found.setdefault(field, []).extend(messages)
        raise ValidationError(found)
    for column in obj._meta.concrete_fields:
        # full_clean() lets None through a blank text field that the database will refuse.
        text = isinstance(column, models.CharField | models.TextField)
        if text and not column.null and getattr(obj, column.attname) is None:
            found.setdefault(column.name, []).append("Give text here (an empty string clears it).")
    try:
        obj.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            found.setdefault(field, []).extend(messages)
    if found:
        raise ValidationError(found)


def _no_partner_register(partnership: Partnership) -> set[int]:
    raise ImproperlyConfigured(
        "No app provides the partner register: add joinedup.partnerships to INSTALLED_APPS."
    )


def partner_organisation_ids(partnership: Partnership) -> set[int]:
    """The ids of the partnership's partner organisations. The partner register lives in
    `partnerships`, above core, which provides this hook in its AppConfig.ready()."""
    found: set[int] = extensions.hook("partner_organisation_ids", _no_partner_register)(partnership)
    return found


def check_confidentiality(
    obj: GovernedModel,
    restricted_to: Iterable[models.Model] | None,
    errors: dict[str, list[str]],
    also_allowed: Iterable[int] = (),
) -> list[models.Model] | None:
    """The organisations the record should be restricted to (None: leave them as they are).

    A restricted record must name at least one partner organisation; any other level names none.
    """
    if obj.confidentiality != Confidentiality.RESTRICTED:
        return [] if restricted_to is not None or obj.pk else None
    orgs = list(restricted_to) if restricted_to is not None else None
    if orgs is None:
        if obj.pk and obj.restricted_to.exists():
            return None
        orgs = []
    if not orgs:
        add_error(errors, "restricted_to", "Name the partner organisations that may see it.")
        return orgs
    allowed = partner_organisation_ids(obj.partnership) | set(also_allowed)
    if any(o.pk not in allowed for o in orgs):
        # As the lookups answer an unknown one (joinedup/core/lookups.py): never named.
        add_error(
            errors, "restricted_to", "There is no such partner organisation in this partnership."
        )
    return orgs


def save_governed(
    obj: GovernedModel, *, orgs: list[models.Model] | None, actor: Actor, reason: str
) -> None:
    """Save through the audit log, then the restricted-to list if it changed (same transaction)."""
    audited_save(obj, actor=actor, reason=reason)
    if orgs is not None:
        audited_set_m2m(obj, "restricted_to", orgs, actor=actor, reason=reason)


def check_and_save(
    obj: GovernedModel,
    *,
    errors: dict[str, list[str]],
    restricted_to: Iterable[models.Model] | None,
    actor: Actor,
    reason: str,
    also_allowed: Iterable[int] = (),
) -> None:
    """The end of every create and update: check the restricted-to list, validate, save.

    `restricted_to` left UNSET (an update that does not mention it) counts as None. A new
    record given no level (INHERIT, or None) takes the level of the record it lives in, and its
    partner organisations when that is restricted (joinedup/core/confidentiality.py).
    """
    chosen = restricted_to if is_set(restricted_to) else None
    inherited = inherit_confidentiality(obj)
    if chosen is None:
        chosen = inherited
    orgs = check_confidentiality(obj, chosen, errors, also_allowed)
    for field, messages in restricted_beyond_parents(obj, orgs).items():
        for message in messages:
            add_error(errors, field, message)
    validate(obj, errors)
    save_governed(obj, orgs=orgs, actor=actor, reason=reason)
