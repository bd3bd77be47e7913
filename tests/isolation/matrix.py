"""Shared machinery of the isolation matrices: discovering routes, filling their parameters.

A route's parameters are filled from a `RecordSet` (one record of every governed model, all at
one confidentiality level, in one partnership). A parameter the filler does not understand
raises `Unfillable`; the matrices turn that into a failing test, so a new endpoint cannot slip
in without being covered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from tests.isolation import policy

# Cells checked, by matrix; printed at the end of the run (tests/isolation/conftest.py).
CELLS: Counter[str] = Counter()


class Unfillable(Exception):
    """The matrix does not know what to put in one of the route's parameters."""


@dataclass(frozen=True)
class Param:
    name: str
    converter: str  # "int", "slug", "str", "path", "uuid" (OpenAPI: "int" or "str")


@dataclass(frozen=True)
class Route:
    """One URL pattern: `route` like "p/<slug:slug>/bodies/<slug:body_slug>/" (no leading /)."""

    route: str
    name: str
    params: tuple[Param, ...]

    @property
    def literal_segments(self) -> list[str]:
        return [s for s in self.route.strip("/").split("/") if s and "<" not in s]


_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def parse_route(route: str, name: str = "") -> Route:
    params = tuple(
        Param(m.group("name"), m.group("converter") or "str") for m in _PARAM.finditer(route)
    )
    return Route(route=route, name=name, params=params)


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
    for pattern in patterns:
        text = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            child_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + text, child_ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield parse_route(prefix + text, name or "")


def all_routes() -> list[Route]:
    """Every URL pattern the project serves, walking the resolver recursively."""
    return list(_walk(get_resolver().url_patterns, "", ""))


# ------------------------------------------------------------------ what a parameter means

# Parameter names that name one entity outright.
ENTITY_BY_NAME: dict[str, str] = {}
for _entity, _names in {
    "body": ["body", "body_slug", "body_pk", "body_id"],
    "partner": ["partner", "partner_id", "partner_pk"],
    "membership": [
        "membership",
        "membership_id",
        "membership_pk",
        "member",
        "member_id",
        "member_pk",
        "seat",
        "seat_id",
        "seat_pk",
    ],
    "line": [
        "line",
        "line_id",
        "line_pk",
        "reporting_line",
        "reporting_line_id",
        "reporting_line_pk",
    ],
    "tor": ["version", "tor", "tor_id", "tor_pk", "tor_version", "terms_id", "terms_pk"],
    "tor_a": ["a", "v1", "from_version", "left", "old", "version_a", "base"],
    "tor_b": ["b", "v2", "to_version", "right", "new", "version_b", "other"],
    "person": ["person", "person_id", "person_pk", "user", "user_id", "user_pk", "username"],
    "model": ["model", "label", "app_model", "model_label", "content_type"],
}.items():
    for _name in _names:
        ENTITY_BY_NAME[_name] = _entity

# Generic names ("pk", "id", "slug" after the partnership) take their meaning from the literal
# path segment just before them.
GENERIC_NAMES = {"pk", "id", "slug", "object_id", "record_id"}
ENTITY_BY_SEGMENT = {
    "bodies": "body",
    "body": "body",
    "partners": "partner",
    "members": "membership",
    "memberships": "membership",
    "seats": "membership",
    "terms-of-reference": "tor",
    "tor": "tor",
    "versions": "tor",
    "reporting-lines": "line",
    "lines": "line",
    "people": "person",
    "persons": "person",
    "users": "person",
}
PARTNERSHIP_NAMES = {"slug", "partnership", "partnership_slug", "pslug"}

# Which fixture records the NHS trust owns (tests/isolation/conftest.py): all but the partner
# rows, which belong to their own (marker) organisation.
NHS_OWNED = {"body", "tor", "tor_a", "tor_b", "membership", "line"}


@dataclass
class RecordSet:
    """One record of each governed model, all at `level`, in one partnership."""

    level: str
    partnership: Any
    body: Any
    parent_body: Any
    tor1: Any
    tor2: Any
    membership: Any
    partner: Any
    line: Any
    marker: str
    people: list[Any] = field(default_factory=list)

    def record(self, entity: str) -> Any:
        return {
            "body": self.body,
            "partner": self.partner,
            "membership": self.membership,
            "line": self.line,
            "tor": self.tor1,
            "tor_a": self.tor1,
            "tor_b": self.tor2,
        }[entity]

    def governed(self) -> dict[str, Any]:
        """The records whose history pages / operations the matrix asks for, by kind."""
        return {
            "body": self.body,
            "partner": self.partner,
            "membership": self.membership,
            "line": self.line,
            "tor": self.tor1,
        }


def idor_crossings(
    record_sets: dict[str, RecordSet], other_set: RecordSet
) -> list[tuple[str, str, RecordSet, str]]:
    """(persona, partnership slug, records, marker): own's records asked for under `other` by
    its outsider, and the other partnership's under `own` by own's programme officer."""
    return [
        (policy.OUTSIDER, "other", record_sets["partnership"], record_sets["partnership"].marker),
        (policy.OUTSIDER, "other", record_sets["public"], record_sets["public"].marker),
        (policy.PO, "own", other_set, other_set.marker),
    ]


@dataclass
class Filled:
    """A concrete URL plus what it is about."""

    url: str
    subject: Any = None  # the governed record whose level decides access (None: none)
    subject_entity: str = ""
    person: Any = None  # for people pages
    note: str = ""


def _entity_of(route: Route, index: int, param: Param, *, first_is_partnership: bool) -> str:
    if index == 0 and first_is_partnership and param.name in PARTNERSHIP_NAMES:
        return "partnership"
    if param.name in ENTITY_BY_NAME:
        return ENTITY_BY_NAME[param.name]
    if param.name in GENERIC_NAMES:
        before = route.route.split(f"<{param.converter}:{param.name}>")[0]
        if f"<{param.name}>" in route.route:
            before = route.route.split(f"<{param.name}>")[0]
        segments = [s for s in before.strip("/").split("/") if s and "<" not in s]
        if "history" in before and "model" in {p.name for p in route.params}:
            return "history_subject"
        if segments and segments[-1] in ENTITY_BY_SEGMENT:
            return ENTITY_BY_SEGMENT[segments[-1]]
    raise Unfillable(f"{route.route}: no rule for parameter <{param.converter}:{param.name}>")


def _value(entity: str, param: Param, obj: Any) -> str:
    numeric = (
        param.converter in ("int",)
        or param.name.endswith(("_id", "_pk"))
        or param.name
        in (
            "pk",
            "id",
        )
    )
    if entity in ("tor", "tor_a", "tor_b"):
        if "version" in param.name or entity != "tor" or param.name in ("version", "tor_version"):
            return str(obj.version)
        return str(obj.pk)
    if numeric:
        return str(obj.pk)
    if entity == "body":
        return str(obj.slug)
    if entity == "partner":
        return str(obj.organisation.slug)
    if entity == "person":
        return str(obj.username)
    return str(obj.pk)


def fill(
    route: Route,
    records: RecordSet,
    *,
    model_names: dict[str, str],
    first_is_partnership: bool = True,
    partnership_slug: str | None = None,
) -> list[Filled]:
    """Every concrete URL for this route from this record set (several for history routes).

    `model_names` maps entity ("body", "tor"...) to the word the route's `model` parameter
    takes for it ("partnerships.body" on pages, "body" in the API).
    """
    entities = [
        _entity_of(route, i, p, first_is_partnership=first_is_partnership)
        for i, p in enumerate(route.params)
    ]
    history_targets: list[str | None] = [None]
    if "model" in entities:
        history_targets = list(records.governed())
    people: list[Any] = [None]
    if "person" in entities:
        people = list(records.people)

    filled: list[Filled] = []
    for target in history_targets:
        for person in people:
            url = route.route
            subject: Any = None
            subject_entity = ""
            for param, entity in zip(route.params, entities, strict=True):
                if entity == "partnership":
                    value = partnership_slug or records.partnership.slug
                elif entity == "model":
                    assert target is not None
                    value = model_names[target]
                elif entity == "history_subject":
                    assert target is not None
                    subject = records.governed()[target]
                    subject_entity = target
                    value = str(subject.pk)
                elif entity == "person":
                    value = _value("person", param, person)
                else:
                    obj = records.record(entity)
                    subject, subject_entity = obj, entity
                    value = _value(entity, param, obj)
                url = _substitute(url, param, value)
            filled.append(
                Filled(
                    url="/" + url.lstrip("/"),
                    subject=subject,
                    subject_entity=subject_entity,
                    person=person,
                    note=target or "",
                )
            )
    return filled


def _substitute(route: str, param: Param, value: str) -> str:
    for token in (f"<{param.converter}:{param.name}>", f"<{param.name}>", f"{{{param.name}}}"):
        if token in route:
            return route.replace(token, value, 1)
    raise Unfillable(f"{route}: cannot place {param.name}")
