"""Turning an id that arrived from outside into a record of one partnership.

An id may come in a URL, a request body, a form or a command-line option; wherever it comes
from, it is resolved by a lookup scoped to the partnership the request is about (ADR 0003). A
record of another partnership answers exactly as a record that does not exist: `None` from
`scoped_or_none`, the same "There is no such ... in this partnership." from `scoped_or_error`,
so no answer confirms, names or acts on a record elsewhere.

This module is the machinery; each app has one lookup per kind of record beside its models
(`person_in_partnership` in accounts/lookups.py, `organisation_in_partnership` in
partnerships/lookups.py, ...), which the pages, the API and the command line all call.
Services take the records those lookups return and check again that they belong to the
partnership (`check_in_partnership`), with the same message, so a service handed a foreign
record by mistake refuses it as it would an unknown one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet

from joinedup.core.actors import Actor
from joinedup.core.models import Partnership
from joinedup.core.permissions import scope


def no_such(noun: str) -> str:
    """The one message for an unknown or foreign record: it never names either."""
    return f"There is no such {noun} in this partnership."


def _within(partnership: Partnership, condition: Q | None) -> Q:
    """How a record belongs to the partnership: `condition`, else its own `partnership`."""
    return condition if condition is not None else Q(partnership=partnership)


def _narrowed(
    queryset: QuerySet[Any], partnership: Partnership, user: Actor | None, within: Q | None
) -> QuerySet[Any]:
    found = queryset.filter(_within(partnership, within))
    # With a user: only what they may see (a record they may not see is as good as missing).
    return scope(found, user) if user is not None else found


def scoped_or_none(
    queryset: QuerySet[Any],
    partnership: Partnership,
    *,
    user: Actor | None = None,
    within: Q | None = None,
    **key: Any,
) -> Any:
    """The record of `queryset` with `key` that belongs to `partnership` (by `within`, else its
    `partnership` field) and, given a `user`, that they may see; None otherwise.

    A missing key (None), a malformed one ("abc" for an id) and a record of another partnership
    all give None: the caller cannot tell them apart, and neither can whoever it answers.
    """
    if not key or any(value is None for value in key.values()):
        return None
    try:
        return _narrowed(queryset, partnership, user, within).filter(**key).first()
    except (ValueError, TypeError, OverflowError, ValidationError):
        return None


def scoped_or_error(
    queryset: QuerySet[Any],
    partnership: Partnership,
    *,
    field: str,
    noun: str,
    user: Actor | None = None,
    within: Q | None = None,
    **key: Any,
) -> Any:
    """As `scoped_or_none`, but a key that finds nothing is a ValidationError on `field` with
    the one message (`no_such(noun)`). A key of None stays None (nothing was named)."""
    if key and all(value is None for value in key.values()):
        return None
    found = scoped_or_none(queryset, partnership, user=user, within=within, **key)
    if found is None:
        raise ValidationError({field: no_such(noun)})
    return found


def scoped_all_or_error(
    queryset: QuerySet[Any],
    partnership: Partnership,
    values: Iterable[Any] | None,
    *,
    field: str,
    noun: str,
    key: str = "pk",
    user: Actor | None = None,
    within: Q | None = None,
) -> list[Any] | None:
    """The records named by `values` (by `key`), in the order given, once each; a
    ValidationError on `field` if any names nothing here. None stays None."""
    if values is None:
        return None
    wanted = list(dict.fromkeys(_normal(value, key) for value in values))
    found: dict[Any, Any] = {}
    if wanted:
        try:
            rows = _narrowed(queryset, partnership, user, within).filter(**{f"{key}__in": wanted})
            found = {_key_of(row, key): row for row in rows}
        except (ValueError, TypeError, OverflowError, ValidationError):
            found = {}
    if any(value not in found for value in wanted):
        raise ValidationError({field: no_such(noun)})
    return [found[value] for value in wanted]


def _key_of(row: Model, key: str) -> Any:
    return row.pk if key == "pk" else getattr(row, key)


def _normal(value: Any, key: str) -> Any:
    """A key as the database gives it back (ids sent as "12" are 12)."""
    if key == "pk" and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def belongs(obj: Any, partnership: Partnership) -> bool:
    """Does a record of a partnership-owned model belong to `partnership`?"""
    return getattr(obj, "partnership_id", None) == partnership.pk


def check_in_partnership(errors: dict[str, list[str]], field: str, noun: str, ok: bool) -> None:
    """A service's own check (defence in depth): a record the lookups would not have found is
    refused with the lookups' message, whoever handed it over."""
    if not ok:
        messages = errors.setdefault(field, [])
        if no_such(noun) not in messages:
            messages.append(no_such(noun))


def refuse(errors: dict[str, list[str]]) -> None:
    """Raise a service's refusals of records from elsewhere at once, before any other check
    could go on to name them."""
    if errors:
        raise ValidationError(errors)
