"""Text that cannot be stored: a NUL character (PostgreSQL refuses it) or an unpaired surrogate
(no database can encode it). Either is refused where it arrives, naming the field, so both
databases answer the same: a 422 from the API, a form error on a page, never a 500."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

MESSAGE = (
    "This text holds a character that cannot be stored (a NUL character or an unpaired "
    "surrogate): remove it and try again."
)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def unstorable(text: str) -> bool:
    return bool(_UNSTORABLE.search(text))


def has_surrogate(text: str) -> bool:
    return bool(_SURROGATE.search(text))


def printable(text: str) -> str:
    """The text with each character that cannot be stored shown as U+FFFD, to echo it safely."""
    return _UNSTORABLE.sub("\ufffd", text)


def find_unstorable(data: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The location of every string (key or value) in nested JSON-like data that cannot be
    stored: ("name",), ("restricted_to", 1)..."""
    if isinstance(data, str):
        if unstorable(data):
            yield loc
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and unstorable(key):
                yield (*loc, printable(key))
            else:
                yield from find_unstorable(value, (*loc, key))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            yield from find_unstorable(value, (*loc, index))


def unstorable_fields(obj: models.Model) -> dict[str, list[str]]:
    """{field name: [message]} for each text field of `obj` that cannot be stored."""
    return {
        field.name: [MESSAGE]
        for field in obj._meta.concrete_fields
        if isinstance(value := getattr(obj, field.attname, None), str) and unstorable(value)
    }


def refuse_unstorable_text(obj: models.Model) -> None:
    """Raise a ValidationError naming each text field of `obj` that cannot be stored."""
    if found := unstorable_fields(obj):
        raise ValidationError(found)
