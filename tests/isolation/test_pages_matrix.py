"""Every web page × every persona × every confidentiality level, against tests/isolation/policy.py.

The routes come from Django's URL resolver, so a new page is in the matrix the moment it is
wired up. A route the matrix cannot fill fails `test_it_covers_every_url_pattern` unless it is
in ALLOW_LIST below, with the reason it is left out.

Each cell is one GET by one persona. Beyond the status, every 200 page is searched for the
marker text of records the persona may not see (and of the other partnership), edit pages are
also POSTed by the personas who may not use them (nothing may change), and each route is asked
for records of the other partnership through this one's URL and the other way round (IDOR).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from joinedup.core.models import AuditEntry
from tests.isolation import policy
from tests.isolation.matrix import (
    CELLS,
    NHS_OWNED,
    Filled,
    RecordSet,
    Route,
    Unfillable,
    _entity_of,
    all_routes,
    fill,
    idor_crossings,
)

# Routes deliberately outside the matrix, matched by URL name or by route prefix, and why.
ALLOW_LIST: dict[str, str] = {
    # Django admin: staff only, guarded by its own is_staff/permission system, not by the
    # partnership policy; a non-staff user is redirected to the admin login.
    "admin/": "Django admin (own permission system)",
    # Sign-in and sign-out are open to everyone by design.
    "accounts:login": "sign-in page (open to all)",
    "accounts:logout": "sign-out (POST only, open to all)",
    # The API is covered operation by operation by test_api_matrix.py; its schema and docs
    # describe the API and hold no records.
    "api:openapi-json": "OpenAPI document (no records)",
    "api:openapi-view": "interactive API docs (no records)",
    "api:api-root": "Ninja's empty API root (no view of its own)",
}

# Pages outside any partnership: route name -> the status each persona must get.
GLOBAL_PAGES: dict[str, Any] = {
    "core:home": policy.expected_home,
}

# Page kinds the heuristics in `page_kind` would get wrong, by URL name.
KIND_OVERRIDES: dict[str, str] = {}

# Extra query strings some pages need to show their real content, by URL name.
QUERY: dict[str, str] = {}

EDIT_WORDS = {
    "edit",
    "delete",
    "remove",
    "deactivate",
    "approve",
    "supersede",
    "archive",
    "dissolve",
    "end",
    "restore",
    "confidentiality",
    "move",
    "reactivate",
    "change",
}
CREATE_WORDS = {"new", "add", "create"}

# What the `model` parameter of the history page takes for each fixture record.
PAGE_MODEL_NAMES = {
    "body": "partnerships.body",
    "partner": "partnerships.partner",
    "membership": "partnerships.bodymembership",
    "line": "partnerships.reportingline",
    "tor": "partnerships.termsofreference",
}

ROUTES = all_routes()


def _allowed(route: Route) -> bool:
    return route.name in ALLOW_LIST or any(
        route.route.startswith(prefix) for prefix in ALLOW_LIST if prefix.endswith("/")
    )


def _area(route: Route) -> str:
    if _allowed(route):
        return "allowed"
    if route.name in GLOBAL_PAGES:
        return "global"
    if route.route.startswith("api/v1/"):
        return "api"
    if route.route.startswith("p/<"):
        return "workspace"
    if route.route.startswith("public/"):
        return "public"
    return "unknown"


MATRIX_ROUTES = [r for r in ROUTES if _area(r) in ("workspace", "public")]


def _entities(route: Route) -> list[str]:
    return [_entity_of(route, i, p, first_is_partnership=True) for i, p in enumerate(route.params)]


def page_kind(route: Route) -> str:
    if route.name in KIND_OVERRIDES:
        return KIND_OVERRIDES[route.name]
    if _area(route) == "public":
        return "public"
    entities = _entities(route)
    segments = route.literal_segments
    last = segments[-1] if segments else ""
    is_person = "person" in entities
    if "history" in segments:
        return "history"
    if last in EDIT_WORDS:
        return "person-edit" if is_person else "edit"
    if last in CREATE_WORDS:
        return "create"
    if is_person:
        return "person"
    if any(e not in ("partnership", "model") for e in entities):
        return "detail"
    return "list"


def _dummy_set() -> RecordSet:
    """Stand-ins for the fixture records, to check a route can be filled without a database."""
    org = SimpleNamespace(slug="org")
    body = SimpleNamespace(pk=1, slug="body", owner_organisation=org)
    tor = SimpleNamespace(pk=2, version=1)
    person = SimpleNamespace(pk=3, username="person")
    return RecordSet(
        level="public",
        partnership=SimpleNamespace(slug="own"),
        body=body,
        parent_body=body,
        tor1=tor,
        tor2=SimpleNamespace(pk=4, version=2),
        membership=SimpleNamespace(pk=5),
        partner=SimpleNamespace(pk=6, organisation=org),
        line=SimpleNamespace(pk=7),
        marker="",
        people=[person],
    )


def test_it_covers_every_url_pattern() -> None:
    """A new page must be fillable by the matrix, or allow-listed with a reason."""
    problems = []
    openapi_paths = _openapi_routes()
    for route in ROUTES:
        area = _area(route)
        if area == "unknown":
            problems.append(
                f"/{route.route} ({route.name or 'unnamed'}): outside /p/, /public/, "
                "/api/v1/; add it to GLOBAL_PAGES or ALLOW_LIST"
            )
        elif area == "api":
            if _api_route_key(route.route) not in openapi_paths:
                problems.append(f"/{route.route}: an API route missing from the OpenAPI document")
        elif area in ("workspace", "public"):
            try:
                fill(route, _dummy_set(), model_names=PAGE_MODEL_NAMES)
                page_kind(route)
            except Unfillable as exc:
                problems.append(str(exc))
    assert not problems, "Routes the isolation matrix does not cover:\n" + "\n".join(problems)


def _api_route_key(route: str) -> str:
    import re

    return re.sub(r"<(?:[^>:]+:)?([^>]+)>", r"{\1}", "/" + route).rstrip("/")


def _openapi_routes() -> set[str]:
    from joinedup.api.router import api

    return {path.rstrip("/") for path in api.get_openapi_schema()["paths"]}


# ----------------------------------------------------------------------------- the matrix


def _expected(
    persona: str, kind: str, level: str | None, filled: Filled, world: World, route: Route
) -> int:
    segments = route.literal_segments
    collection = segments[-2] if kind == "create" and len(segments) >= 2 else ""
    person_org = None
    if filled.person is not None:
        person_org = "nhs" if filled.person.organisation_id == world.nhs.pk else "other"
    nhs_owned = filled.subject_entity in NHS_OWNED
    if kind == "create" and level is not None and not policy.sees(persona, level):
        return 404 if persona in policy.MEMBERS else policy.expected_page(persona, "list")
    return policy.expected_page(
        persona, kind, level, nhs_owned=nhs_owned, person_org=person_org, collection=collection
    )


def _hidden_markers(
    persona: str, kind: str, record_sets: dict[str, RecordSet], other_set: RecordSet
) -> list[str]:
    """Marker texts that must not appear on a page this persona was shown."""
    hidden = [other_set.marker]
    for level, record_set in record_sets.items():
        if kind == "public":
            if level != "public":
                hidden.append(record_set.marker)
        elif not policy.sees(persona, level):
            hidden.append(record_set.marker)
    return hidden


def _check(client: Client, persona: str, url: str, expected: int, hidden: list[str]) -> str | None:
    response = client.get(url)
    CELLS["page"] += 1
    status = response.status_code
    if status != expected:
        return f"{persona:22} GET {url} -> {status}, policy says {expected}"
    if status == 302:
        login = reverse(settings.LOGIN_URL)
        if not response["Location"].startswith(login):
            return f"{persona:22} GET {url} -> 302 to {response['Location']}, not sign-in"
    if status == 200:
        text = response.content.decode(errors="replace")
        leaked = [marker for marker in hidden if marker in text]
        if leaked:
            return f"{persona:22} GET {url} -> 200 but shows {leaked}"
    return None


def _check_post(client: Client, persona: str, url: str, expected: int, subject: Any) -> str | None:
    """A persona who may not use an edit page may not change anything through it either."""
    before = AuditEntry.objects.count()
    snapshot = type(subject).objects.filter(pk=subject.pk).values().first() if subject else None
    response = client.post(url, {})
    CELLS["page POST"] += 1
    problems = []
    if response.status_code != expected:
        problems.append(f"POST -> {response.status_code}, policy says {expected}")
    if AuditEntry.objects.count() != before:
        problems.append("POST wrote history")
    if subject is not None:
        after = type(subject).objects.filter(pk=subject.pk).values().first()
        if after != snapshot:
            problems.append("POST changed the record")
    if problems:
        return f"{persona:22} {url}: " + "; ".join(problems)
    return None


def _cells(route: Route, record_sets: dict[str, RecordSet]) -> list[tuple[str | None, Filled]]:
    """(level, url) pairs: one per level when the route is about a record, else just one."""
    cells: list[tuple[str | None, Filled]] = []
    for level, record_set in record_sets.items():
        for filled in fill(route, record_set, model_names=PAGE_MODEL_NAMES):
            if filled.subject is None:
                if level == policy.LEVELS[0]:
                    cells.append((None, filled))
            else:
                cells.append((level, filled))
    return cells


@pytest.mark.parametrize("route", MATRIX_ROUTES, ids=lambda r: "/" + r.route)
def test_it_answers_every_persona_as_the_policy_says(
    route: Route,
    world: World,
    record_sets: dict[str, RecordSet],
    other_set: RecordSet,
    page_clients: dict[str, Client],
) -> None:
    kind = page_kind(route)
    query = QUERY.get(route.name, "")
    problems = []
    for level, filled in _cells(route, record_sets):
        url = filled.url + query
        for persona in policy.PERSONAS:
            expected = _expected(persona, kind, level, filled, world, route)
            hidden = _hidden_markers(persona, kind, record_sets, other_set)
            problem = _check(page_clients[persona], persona, url, expected, hidden)
            if problem:
                problems.append(f"[{kind}, {level or '-'}] {problem}")
            if kind in ("edit", "person-edit", "create") and expected != 200:
                problem = _check_post(page_clients[persona], persona, url, expected, filled.subject)
                if problem:
                    problems.append(f"[{kind}, {level or '-'}] {problem}")
    assert not problems, f"/{route.route} ({kind}):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "route",
    [r for r in MATRIX_ROUTES if _area(r) == "workspace"],
    ids=lambda r: "/" + r.route,
)
def test_it_never_serves_one_partnerships_records_through_the_others_url(
    route: Route,
    world: World,
    record_sets: dict[str, RecordSet],
    other_set: RecordSet,
    page_clients: dict[str, Client],
) -> None:
    """IDOR: own's records under /p/other/ (asked by other's officer), and the other way round."""
    problems = []
    for persona, slug, records, marker in idor_crossings(record_sets, other_set):
        for filled in fill(route, records, model_names=PAGE_MODEL_NAMES, partnership_slug=slug):
            if filled.subject is None and filled.person is None:
                continue  # nothing of the other partnership in this URL
            response = page_clients[persona].get(filled.url)
            CELLS["page IDOR"] += 1
            if response.status_code != 404:
                problems.append(f"{persona} GET {filled.url} -> {response.status_code}, not 404")
            elif marker in response.content.decode(errors="replace"):
                problems.append(f"{persona} GET {filled.url} -> 404 page shows {marker}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(GLOBAL_PAGES))
def test_it_answers_the_pages_outside_a_partnership(
    name: str,
    world: World,
    record_sets: dict[str, RecordSet],
    other_set: RecordSet,
    page_clients: dict[str, Client],
) -> None:
    url = reverse(name)
    problems = []
    for persona in policy.PERSONAS:
        hidden = [other_set.marker] if persona != policy.OUTSIDER else []
        problem = _check(page_clients[persona], persona, url, GLOBAL_PAGES[name](persona), hidden)
        if problem:
            problems.append(problem)
    # The outsider's list of partnerships must not name `own`.
    response = page_clients[policy.OUTSIDER].get(url)
    if name == "core:home" and world.own.name in response.content.decode():
        problems.append(f"outsider sees {world.own.name!r} on {url}")
    assert not problems, "\n".join(problems)
