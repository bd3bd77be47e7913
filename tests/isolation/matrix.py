"""Shared machinery of the isolation matrices: discovering routes, filling their parameters.

A route's parameters are filled from a `RecordSet`: {entity: record}, one record of every
governed model of every app, all at one confidentiality level, in one partnership. What the
entities are, which URL parameters and path segments name them and how their records are made
is declared by each app's provider (tests/isolation/providers/), not here. A parameter no
provider explains raises `Unfillable`; the matrices turn that into a failing test, so a new
endpoint cannot slip in without being covered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from tests.isolation import policy, providers

# Cells checked, by matrix; printed at the end of the run (tests/isolation/conftest.py).
CELLS: Counter[str] = Counter()
# The same cells by (app, matrix): the app of the route, or of the record a history page is of.
CELLS_BY_APP: Counter[tuple[str, str]] = Counter()


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

# What a parameter means comes from the apps' providers (tests/isolation/providers/); only the
# partnership, people and the history page's `model` are the matrix's own.
PERSON_NAMES = {"person", "person_id", "person_pk", "user", "user_id", "user_pk", "username"}
PERSON_SEGMENTS = {"people", "persons", "users"}
MODEL_NAMES = {"model", "label", "app_model", "model_label", "content_type"}
# A file format parameter (report.<fmt>) is filled with every format a report is offered in.
FORMAT_NAMES = {"fmt", "format", "ext", "extension"}
FORMATS = ("html", "pdf", "docx")

# Generic names ("pk", "id", "slug" after the partnership) take their meaning from the literal
# path segment just before them.
GENERIC_NAMES = {"pk", "id", "slug", "object_id", "record_id"}
PARTNERSHIP_NAMES = {"slug", "partnership", "partnership_slug", "pslug"}


def count(matrix: str, app: str) -> None:
    """One cell of `matrix` checked, about a route (or record) of `app`."""
    CELLS[matrix] += 1
    CELLS_BY_APP[(app, matrix)] += 1


def route_app(route: Route) -> str:
    """The provider app a page route belongs to, by its URL namespace (else the baseline)."""
    namespace = route.name.split(":", 1)[0] if ":" in route.name else ""
    provider = providers.provider_for(namespace)
    return provider.app if provider else providers.BASELINE_APP


@dataclass
class RecordSet:
    """One record of each governed model, all at `level`, in one partnership: {entity: record}."""

    level: str
    partnership: Any
    marker: str
    records: dict[str, Any] = field(default_factory=dict)
    people: list[Any] = field(default_factory=list)

    def record(self, entity: str) -> Any:
        if entity not in self.records:
            raise Unfillable(f"no fixture record for entity {entity!r}")
        return self.records[entity]

    def __getitem__(self, entity: str) -> Any:
        return self.record(entity)

    def governed(self, model_names: dict[str, str]) -> dict[str, Any]:
        """The records whose history the matrix asks for (those with a `model` word)."""
        return {entity: self.records[entity] for entity in model_names if entity in self.records}


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
    app: str = providers.BASELINE_APP  # whose cell this is (the history record's app, if any)


def _entity_of(
    route: Route, index: int, param: Param, *, first_is_partnership: bool, app: str | None = None
) -> str:
    if index == 0 and first_is_partnership and param.name in PARTNERSHIP_NAMES:
        return "partnership"
    if app is None:
        app = route_app(route)
    if param.name in PERSON_NAMES:
        return "person"
    if param.name in MODEL_NAMES:
        return "model"
    if param.name in FORMAT_NAMES:
        return "format"
    named = providers.entity_for_param(param.name, app)
    if named:
        return named
    if param.name in GENERIC_NAMES:
        before = route.route.split(f"<{param.converter}:{param.name}>")[0]
        if f"<{param.name}>" in route.route:
            before = route.route.split(f"<{param.name}>")[0]
        segments = [s for s in before.strip("/").split("/") if s and "<" not in s]
        if "history" in before and "model" in {p.name for p in route.params}:
            return "history_subject"
        if segments and segments[-1] in PERSON_SEGMENTS:
            return "person"
        if segments:
            by_segment = providers.entity_for_segment(segments[-1], app)
            if by_segment:
                return by_segment
    raise Unfillable(f"{route.route}: no rule for parameter <{param.converter}:{param.name}>")


def _value(entity: str, param: Param, obj: Any) -> str:
    if entity == "person":
        return str(obj.pk) if providers.is_numeric(param) else str(obj.username)
    return providers.ENTITIES[entity].render(obj, param)


def fill(
    route: Route,
    records: RecordSet,
    *,
    model_names: dict[str, str],
    first_is_partnership: bool = True,
    partnership_slug: str | None = None,
    app: str | None = None,
) -> list[Filled]:
    """Every concrete URL for this route from this record set (several for history routes).

    `model_names` maps entity ("body", "tor"...) to the word the route's `model` parameter
    takes for it ("partnerships.body" on pages, "body" in the API); `app` is the provider app
    the route belongs to (None: from its URL namespace).
    """
    if app is None:
        app = route_app(route)
    entities = [
        _entity_of(route, i, p, first_is_partnership=first_is_partnership, app=app)
        for i, p in enumerate(route.params)
    ]
    history_targets: list[str | None] = [None]
    if "model" in entities:
        history_targets = list(records.governed(model_names))
    people: list[Any] = [None]
    if "person" in entities:
        people = list(records.people)
    formats: list[str] = [""]
    if "format" in entities:
        formats = list(providers.formats_for(route.name or route.route) or FORMATS)

    filled: list[Filled] = []
    combos = [(t, p, f) for t in history_targets for p in people for f in formats]
    for target, person, fmt in combos:
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
                subject = records.record(target)
                subject_entity = target
                value = str(subject.pk)
            elif entity == "person":
                value = _value("person", param, person)
            elif entity == "format":
                value = fmt
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
                note=target or fmt,
                app=providers.APP_OF_ENTITY[target] if target else app,
            )
        )
    return filled


def _substitute(route: str, param: Param, value: str) -> str:
    for token in (f"<{param.converter}:{param.name}>", f"<{param.name}>", f"{{{param.name}}}"):
        if token in route:
            return route.replace(token, value, 1)
    raise Unfillable(f"{route}: cannot place {param.name}")


def response_text(response: Any) -> str:
    """The text of an answer: HTML as is; PDF, DOCX and XLSX answers as their text."""
    content = response.content
    if content.startswith(b"%PDF"):
        import io

        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if content.startswith(b"PK"):  # DOCX, XLSX: zipped XML; search the XML's text
        import io
        import re
        import zipfile

        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = " ".join(
                archive.read(name).decode(errors="replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
        # Runs of text split across XML elements are joined so a marker split by markup shows.
        return xml + " " + re.sub(r"<[^>]+>", "", xml)
    return content.decode(errors="replace")
