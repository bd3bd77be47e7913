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
from tests.isolation import policy, providers
from tests.isolation.matrix import (
    Filled,
    RecordSet,
    Route,
    Unfillable,
    _entity_of,
    all_routes,
    count,
    fill,
    idor_crossings,
    response_text,
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
    # The signed-in person's own account: anyone signed in, about themselves only.
    "accounts:account": policy.expected_home,
    "accounts:account_email": policy.expected_home,
    "accounts:account_password": policy.expected_home,
}

# Page kinds the heuristics in `page_kind` would get wrong, by URL name (kinds: policy.KINDS).
KIND_OVERRIDES: dict[str, str] = {
    # meetings: forms that change an item or a meeting, and a POST-only status button.
    "meetings:item_considered": "edit",
    "meetings:minute_edit": "edit",
    "meetings:meeting_advance": "action",
    # A new meeting schedule for a body: a create page under the body (PO, or the lead of the
    # body's organisation).
    "meetings:schedule_generate": "create",
    # risks: forms that change a risk or a register; reviews (board members too).
    "risks:risk_assess": "edit",
    "risks:risk_accept": "edit",
    "risks:register_import": "edit",
    "risks:risk_review": "review",
    "risks:register_review": "review",
    "risks:risk_share": "edit",
    "risks:risk_status": "edit",
    # Linking actions, revoking an acceptance, withdrawing a share, rating a control, setting
    # a register's appetite: changes of the risk (or register), by its editors.
    "risks:risk_actions": "edit",
    "risks:acceptance_revoke": "edit",
    "risks:share_withdraw": "edit",
    "risks:control_rate": "edit",
    "risks:appetite_edit": "edit",
    # A partner records its own part in a risk it may see: programme officers and partner
    # leads, as when adding a risk.
    "risks:contribution_edit": "create",
    # A contributing partner confirms a joint risk may close: a POST-only button.
    "risks:closure_confirm": "action",
    # programme: progress is reported by those who may edit the action (and by its owner, who
    # in the fixtures is nobody); a plan is refreshed (carried forward) by its editors; actions
    # are imported into a plan by programme officers and partner leads, as they are added.
    "programme:progress_add": "edit",
    "programme:plan_refresh": "edit",
    "programme:actions_import": "create",
    "programme_io:actions_import": "create",
    # Linking an action to a decision or risk, and closing a workstream: changes by the
    # editors of the action (or plan); unlinking is a POST-only button on the action page.
    "links:decision_link": "edit",
    "links:risk_link": "edit",
    "links:decision_unlink": "action",
    "links:risk_unlink": "action",
    "programme:workstream_close": "edit",
    # partnerships: approving terms of reference is the partnership's decision (programme
    # officers), while their drafts are edited by the body's editors.
    "partnerships:tor_approve": "decide",
}

# Extra query strings some pages need to show their real content, by URL name.
QUERY: dict[str, str] = {}

# Pages whose POST by a persona who may not use them must be refused and change nothing.
POSTED_KINDS = ("edit", "person-edit", "create", "action", "review", "decide")
# Pages anyone who sees the record may GET, but whose POST is an edit of it (by URL name):
# POSTed {} by the personas who may not edit, who must be refused and change nothing.
POST_IS_EDIT = {
    "programme:updates_due",  # GET: who owes an update; POST: send the reminders
}

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

# What the `model` parameter of the history page takes for each fixture record (from the
# providers: "partnerships.body", "programme.plan"...).
PAGE_MODEL_NAMES = providers.page_model_names()

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


class _Stub:
    """Stands in for any fixture record (or attribute of one) when no database is at hand."""

    pk = 1

    def __getattr__(self, name: str) -> Any:
        return _Stub()

    def __str__(self) -> str:
        return "1"


def _dummy_set() -> RecordSet:
    """Stand-ins for the fixture records, to check a route can be filled without a database."""
    return RecordSet(
        level="public",
        partnership=SimpleNamespace(slug="own"),
        marker="",
        records={entity: _Stub() for entity in providers.ENTITIES},
        people=[SimpleNamespace(pk=3, username="person")],
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
    from config.api import api

    return {path.rstrip("/") for path in api.get_openapi_schema()["paths"]}


# ----------------------------------------------------------------------------- the matrix


def _expected(
    persona: str, kind: str, level: str | None, filled: Filled, world: World, route: Route
) -> int:
    segments = route.literal_segments
    # The collection a create page adds to: the segment before "new" (".../partners/new/").
    adds = kind == "create" and len(segments) >= 2 and segments[-1] in CREATE_WORDS
    collection = segments[-2] if adds else ""
    person_org = None
    if filled.person is not None:
        person_org = "nhs" if filled.person.organisation_id == world.nhs.pk else "other"
    nhs_owned = providers.nhs_owned(filled.subject_entity)
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


def _check(
    client: Client,
    persona: str,
    url: str,
    expected: int,
    hidden: list[str],
    app: str,
    *,
    statuses: list[tuple[str, int]] | None = None,
) -> str | None:
    response = client.get(url)
    count("page", app)
    status = response.status_code
    if statuses is not None:
        statuses.append((persona, status))
    if status == 405 and statuses is not None:
        return None  # a refused method: judged over the whole route (see _method_refusals)
    if status != expected:
        return f"{persona:22} GET {url} -> {status}, policy says {expected}"
    if status == 302:
        login = reverse(settings.LOGIN_URL)
        if not response["Location"].startswith(login):
            return f"{persona:22} GET {url} -> 302 to {response['Location']}, not sign-in"
    if status == 200:
        text = response_text(response)
        leaked = [marker for marker in hidden if marker in text]
        if leaked:
            return f"{persona:22} GET {url} -> 200 but shows {leaked}"
    return None


def _check_post(
    client: Client, persona: str, url: str, expected: int, subject: Any, app: str
) -> str | None:
    """A persona who may not use an edit page may not change anything through it either."""
    before = AuditEntry.objects.count()
    snapshot = type(subject).objects.filter(pk=subject.pk).values().first() if subject else None
    response = client.post(url, {})
    count("page POST", app)
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
    statuses: list[tuple[str, int]] | None = [] if kind == "action" else None
    for level, filled in _cells(route, record_sets):
        url = filled.url + query
        for persona in policy.PERSONAS:
            expected = _expected(persona, kind, level, filled, world, route)
            hidden = _hidden_markers(persona, kind, record_sets, other_set)
            problem = _check(
                page_clients[persona],
                persona,
                url,
                expected,
                hidden,
                filled.app,
                statuses=statuses,
            )
            if problem:
                problems.append(f"[{kind}, {level or '-'}] {problem}")
            post_expected = expected
            if kind == "action" or route.name in POST_IS_EDIT:  # a POST is an edit
                post_expected = _expected(persona, "edit", level, filled, world, route)
            posted = kind in POSTED_KINDS or route.name in POST_IS_EDIT
            if posted and post_expected != 200:
                problem = _check_post(
                    page_clients[persona], persona, url, post_expected, filled.subject, filled.app
                )
                if problem:
                    problems.append(f"[{kind}, {level or '-'}] {problem}")
    if statuses:
        problems.extend(_method_refusals(statuses))
    assert not problems, f"/{route.route} ({kind}):\n" + "\n".join(problems)


def _method_refusals(statuses: list[tuple[str, int]]) -> list[str]:
    """A POST-only URL may refuse a GET with 405 instead of the policy's 403/404, but only if
    the refusal cannot depend on the record: every member gets it at every level (anonymous
    and outsiders may get it too, or their usual 302/404)."""
    member = {status for persona, status in statuses if persona in policy.MEMBERS}
    outside = {(persona, status) for persona, status in statuses if persona not in policy.MEMBERS}
    if 405 not in {status for _, status in statuses}:
        return []
    problems = []
    if member != {405}:
        problems.append(f"GET -> 405 for some members or levels only: {sorted(member)}")
    for persona, status in outside:
        usual = policy.expected_page(persona, "action", "public")
        if status not in (405, usual):
            problems.append(f"{persona} GET -> {status}, not 405 or {usual}")
    return problems


@pytest.mark.parametrize(
    "route",
    [r for r in MATRIX_ROUTES if _area(r) == "workspace"]
    # Public pages too: own's public records under /public/other/ (and other's under own's).
    + [r for r in MATRIX_ROUTES if _area(r) == "public" and len(r.params) > 1],
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
            # A POST-only button is asked by POST (a GET may be refused with 405 unlooked).
            method = "post" if page_kind(route) == "action" else "get"
            before = AuditEntry.objects.count()
            response = getattr(page_clients[persona], method)(filled.url)
            count("page IDOR", filled.app)
            where = f"{persona} {method.upper()} {filled.url}"
            if response.status_code != 404:
                problems.append(f"{where} -> {response.status_code}, not 404")
            elif marker in response_text(response):
                problems.append(f"{where} -> 404 page shows {marker}")
            if AuditEntry.objects.count() != before:
                problems.append(f"{where} wrote history")
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
        expected = GLOBAL_PAGES[name](persona)
        problem = _check(
            page_clients[persona], persona, url, expected, hidden, providers.BASELINE_APP
        )
        if problem:
            problems.append(problem)
    # The outsider's list of partnerships must not name `own`.
    response = page_clients[policy.OUTSIDER].get(url)
    if name == "core:home" and world.own.name in response.content.decode():
        problems.append(f"outsider sees {world.own.name!r} on {url}")
    assert not problems, "\n".join(problems)


DOWNLOADS = [
    r
    for r in MATRIX_ROUTES
    if "." in (r.route.rstrip("/").rsplit("/", 1)[-1]) and not r.route.endswith("/")
]


@pytest.mark.parametrize("route", DOWNLOADS, ids=lambda r: "/" + r.route)
def test_its_marker_search_can_read_every_download(
    route: Route, world: World, record_sets: dict[str, RecordSet], page_clients: dict[str, Client]
) -> None:
    """The leak checks search downloads (PDF, DOCX, XLSX, CSV, iCalendar) as text; that is only
    worth something if the text can be read. The public records are in every download about
    them, as the programme officer (or, on the public pages, anyone) gets it."""
    problems = []
    for filled in fill(route, record_sets["public"], model_names=PAGE_MODEL_NAMES):
        response = page_clients[policy.PO].get(filled.url)
        if response.status_code != 200:
            problems.append(f"GET {filled.url} -> {response.status_code}")
        elif record_sets["public"].marker not in response_text(response):
            problems.append(f"GET {filled.url}: no {record_sets['public'].marker!r} in its text")
    assert not problems, "\n".join(problems)
