"""Every REST operation × every persona × every confidentiality level, from the OpenAPI document.

The operations come from the API's own OpenAPI document, so a new operation is in the matrix the
moment it is added. A path parameter or required query parameter the matrix cannot fill fails
`test_it_covers_every_operation`.

Each persona calls with its own bearer token (anonymous: none). Beyond the status, every answer
is searched for the marker text of records the persona may not see, list answers are checked id
by id against the policy, writes by personas who may not make them must change nothing, and
each operation is asked for records of one partnership through the other's URL (IDOR).

Ids also arrive inside request bodies: every create and update is sent, field by field, bodies
naming a record of the OTHER partnership where a field names a record (generated from the
OpenAPI schemas by tests/isolation/bodies.py, so a new id field is covered): the answer must be
the one a record that does not exist gets, name nothing of the other partnership, and write
nothing ("api-body-ids" cells).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from conftest import World
from joinedup.core.models import AuditEntry
from tests.isolation import bodies, policy, providers
from tests.isolation.matrix import (
    Filled,
    RecordSet,
    Route,
    Unfillable,
    count,
    fill,
    idor_crossings,
    parse_route,
    response_text,
)

PREFIX = "/api/v1"

# What the `model` path parameter of the history operation takes for each fixture record (from
# the providers: "body", "terms-of-reference"...).
API_MODEL_NAMES = providers.api_model_names()

# Values for parameters that are not records: path parameters of operations outside a
# partnership, and required query parameters.
OTHER_VALUES: dict[str, str] = {
    "rule": "agenda-council",  # a deadline rule (reference_data), GET /deadlines/{rule}
    "date": "2025-06-02",
}

# Operations outside any partnership: anyone with a token gets 200, anonymous 401.
# Their answers are not searched for markers when they list instance-wide reference data.
INSTANCE_WIDE = {
    f"{PREFIX}/organisations": "every organisation on the instance (reference data)",
    f"{PREFIX}/deadlines/{{rule}}": "a date calculation (no records)",
    f"{PREFIX}/status-vocabularies": "the status words plans may use (reference data)",
}


def _schema() -> dict[str, Any]:
    from config.api import api

    return api.get_openapi_schema()


SCHEMA = _schema()


class Operation:
    def __init__(self, method: str, path: str, spec: dict[str, Any]) -> None:
        self.method, self.path, self.spec = method, path, spec
        params = spec.get("parameters", [])
        self.path_params = [p for p in params if p["in"] == "path"]
        self.query_params = [p for p in params if p["in"] == "query"]

    def __repr__(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def app(self) -> str:
        """The provider app the operation belongs to, by its tag (else the baseline)."""
        for tag in self.spec.get("tags", []):
            provider = providers.provider_for(tag)
            if provider:
                return provider.app
        return providers.BASELINE_APP

    @property
    def in_partnership(self) -> bool:
        return self.path.startswith(f"{PREFIX}/partnerships/{{slug}}")

    def route(self) -> Route:
        """The path as a Django-style route, typed from the parameter schemas."""
        route = self.path.lstrip("/")
        for param in self.path_params:
            kind = "int" if param.get("schema", {}).get("type") == "integer" else "str"
            route = route.replace(f"{{{param['name']}}}", f"<{kind}:{param['name']}>")
        return parse_route(route)

    def query(self) -> str:
        pairs = []
        for param in self.query_params:
            if param["name"] == "page_size":
                pairs.append("page_size=100")
            elif param.get("required"):
                if param["name"] not in OTHER_VALUES:
                    raise Unfillable(f"{self}: no value for required query ?{param['name']}=")
                pairs.append(f"{param['name']}={OTHER_VALUES[param['name']]}")
        return ("?" + "&".join(pairs)) if pairs else ""

    def body_required(self) -> bool:
        """Does the request body have required fields (so {} is rejected before any lookup)?"""
        content = self.spec.get("requestBody", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema", {})
        ref = schema.get("$ref", "")
        if ref:
            schema = SCHEMA["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        return bool(schema.get("required"))


OPERATIONS = [
    Operation(method, path, spec)
    for path, methods in SCHEMA["paths"].items()
    for method, spec in methods.items()
]
READS = [op for op in OPERATIONS if op.method == "get"]
# Writes about an existing record whose body may be empty ({}): these reach the permission
# check, so personas who may not make them must get 401/403/404 and change nothing.
WRITES = [
    op
    for op in OPERATIONS
    if op.method in ("patch", "put", "delete", "post")
    and op.in_partnership
    and len(op.path_params) > 1
    and not op.body_required()
]


def _fill_op(op: Operation, records: RecordSet, slug: str | None = None) -> list[Filled]:
    if op.in_partnership:
        filled = fill(
            op.route(), records, model_names=API_MODEL_NAMES, partnership_slug=slug, app=op.app
        )
    else:
        url = op.path
        for param in op.path_params:
            if param["name"] not in OTHER_VALUES:
                raise Unfillable(f"{op}: no value for path parameter {{{param['name']}}}")
            url = url.replace(f"{{{param['name']}}}", OTHER_VALUES[param["name"]])
        filled = [Filled(url=url, app=op.app)]
    query = op.query()
    for item in filled:
        item.url += query
    return filled


def test_it_covers_every_operation(record_sets: dict[str, RecordSet]) -> None:
    """A new operation must be fillable by the matrix (or the matrix taught how)."""
    problems = []
    for op in OPERATIONS:
        try:
            _fill_op(op, record_sets["public"])
        except Unfillable as exc:
            problems.append(str(exc))
    assert not problems, "Operations the API matrix does not cover:\n" + "\n".join(problems)


def test_it_discovers_the_operations_from_the_served_openapi_document(
    api_clients: dict[str, Client],
) -> None:
    response = api_clients[policy.PO].get(f"{PREFIX}/openapi.json")

    assert response.status_code == 200
    assert set(response.json()["paths"]) == set(SCHEMA["paths"])
    assert len(READS) >= 1


# ------------------------------------------------------------------------------ the matrix


def _hidden_markers(persona: str, record_sets: dict[str, RecordSet], other: RecordSet) -> list[str]:
    hidden = [] if persona == policy.OUTSIDER else [other.marker]
    for level, record_set in record_sets.items():
        if not policy.sees(persona, level):
            hidden.append(record_set.marker)
    return hidden


def _level_of(obj: Any, world: World) -> str:
    """The policy level of a record of the fixtures (restricted ones name the NHS trust only)."""
    if obj.confidentiality == "restricted":
        named = set(obj.restricted_to.values_list("pk", flat=True))
        assert named == {world.nhs.pk}, f"fixture invariant broken for {obj!r}"
    return obj.confidentiality


def _list_problems(op: Operation, persona: str, payload: Any, world: World) -> list[str]:
    """Every item of a list answer must belong to `own` and be visible to the persona."""
    items = payload.get("items") if isinstance(payload, dict) else payload
    segment = op.path.rstrip("/").rsplit("/", 1)[-1]
    model = providers.api_list_model(segment, op.app)
    if model is None or not isinstance(items, list):
        return []
    problems = []
    returned = {item["id"] for item in items if isinstance(item, dict) and "id" in item}
    for obj in model.objects.filter(pk__in=returned):
        if obj.partnership_id != world.own.pk:
            problems.append(f"lists {model.__name__} {obj.pk} of another partnership")
        elif not policy.sees(persona, _level_of(obj, world)):
            problems.append(f"lists {obj.confidentiality} {model.__name__} {obj.pk}")
    if op.path == f"{PREFIX}/partnerships/{{slug}}/{segment}":
        # The whole-partnership lists must also be complete: everything the persona may see.
        expected = {
            obj.pk
            for obj in model.objects.filter(partnership=world.own)
            if policy.sees(persona, _level_of(obj, world))
        }
        if returned != expected:
            problems.append(f"lists ids {sorted(returned)}, policy says {sorted(expected)}")
    return problems


def _call(client: Client, method: str, url: str) -> Any:
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, data="{}", content_type="application/json")


def _expected(op: Operation, persona: str, level: str | None) -> int:
    if not op.in_partnership:
        return 401 if persona == policy.ANON else 200
    return policy.expected_api(persona, level)


@pytest.mark.parametrize("op", READS, ids=repr)
def test_it_answers_every_persona_as_the_policy_says(
    op: Operation,
    world: World,
    record_sets: dict[str, RecordSet],
    other_set: RecordSet,
    api_clients: dict[str, Client],
) -> None:
    problems = []
    cells: list[tuple[str | None, Filled]] = []
    for level, record_set in record_sets.items():
        for filled in _fill_op(op, record_set):
            if filled.subject is None and filled.person is None:
                if level == policy.LEVELS[0]:
                    cells.append((None, filled))
            else:
                cells.append((level if filled.subject is not None else None, filled))
    for cell_level, filled in cells:
        for persona in policy.PERSONAS:
            expected = _expected(op, persona, cell_level)
            response = api_clients[persona].get(filled.url)
            count("API", filled.app)
            where = f"{persona:22} GET {filled.url} [{cell_level or '-'}]"
            if response.status_code != expected:
                problems.append(f"{where} -> {response.status_code}, policy says {expected}")
                continue
            if response.status_code != 200:
                continue
            if "json" not in response.get("Content-Type", ""):
                # A download (report, spreadsheet): searched as text, it lists no ids.
                payload, text = None, response_text(response)
            else:
                payload = response.json()
                text = json.dumps(payload)
            if op.path not in INSTANCE_WIDE:
                leaked = [m for m in _hidden_markers(persona, record_sets, other_set) if m in text]
                if leaked:
                    problems.append(f"{where} -> 200 but shows {leaked}")
            problems.extend(f"{where} {p}" for p in _list_problems(op, persona, payload, world))
    assert not problems, f"{op}:\n" + "\n".join(problems)


@pytest.mark.parametrize("op", WRITES, ids=repr)
def test_it_lets_nobody_change_what_they_may_not(
    op: Operation,
    world: World,
    record_sets: dict[str, RecordSet],
    api_clients: dict[str, Client],
) -> None:
    """An empty write by every persona who may not make it: 401/404/403, nothing changes."""
    problems = []
    for level, record_set in record_sets.items():
        for filled in _fill_op(op, record_set):
            nhs_owned = providers.nhs_owned(filled.subject_entity)
            for persona in policy.PERSONAS:
                if persona in policy.MEMBERS and policy.edits(persona, level, nhs_owned=nhs_owned):
                    continue
                expected = policy.expected_api(persona, level)
                if expected == 200:
                    expected = 403  # sees it, may not change it
                before = AuditEntry.objects.count()
                response = _call(api_clients[persona], op.method, filled.url)
                count("API write", filled.app)
                where = f"{persona:22} {op.method.upper()} {filled.url} [{level}]"
                if response.status_code != expected:
                    problems.append(f"{where} -> {response.status_code}, policy says {expected}")
                if AuditEntry.objects.count() != before:
                    problems.append(f"{where} wrote history")
    assert not problems, f"{op}:\n" + "\n".join(problems)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.in_partnership], ids=repr)
def test_it_never_serves_one_partnerships_records_through_the_others_url(
    op: Operation,
    world: World,
    record_sets: dict[str, RecordSet],
    other_set: RecordSet,
    api_clients: dict[str, Client],
) -> None:
    """IDOR: own's records under /partnerships/other/ (asked by other's officer), and back."""
    if op.method != "get" and op not in WRITES:
        pytest.skip("a create with a required body is refused (422) before any lookup")
    problems = []
    for persona, slug, records, marker in idor_crossings(record_sets, other_set):
        for filled in _fill_op(op, records, slug=slug):
            if filled.subject is None and filled.person is None:
                continue
            before = AuditEntry.objects.count()
            response = _call(api_clients[persona], op.method, filled.url)
            count("API IDOR", filled.app)
            if response.status_code != 404:
                problems.append(
                    f"{persona} {op.method.upper()} {filled.url} -> {response.status_code}"
                )
            elif marker in response.content.decode():
                problems.append(f"{persona} {filled.url} -> 404 that shows {marker}")
            if AuditEntry.objects.count() != before:
                problems.append(f"{persona} {op.method.upper()} {filled.url} wrote history")
    assert not problems, f"{op}:\n" + "\n".join(problems)


def test_it_lists_only_the_callers_partnerships(
    world: World, api_clients: dict[str, Client]
) -> None:
    for persona in policy.PERSONAS:
        response = api_clients[persona].get(f"{PREFIX}/partnerships")
        count("API", providers.BASELINE_APP)
        if persona == policy.ANON:
            assert response.status_code == 401
            continue
        payload = response.json()
        items = payload["items"] if isinstance(payload, dict) else payload
        slugs = {item["slug"] for item in items}
        assert slugs == ({"other"} if persona == policy.OUTSIDER else {"own"}), persona


def test_it_refuses_a_revoked_or_unknown_token(
    world: World, api_clients: dict[str, Client]
) -> None:
    from django.utils import timezone

    from joinedup.accounts.models import ApiToken

    token, raw = ApiToken.issue(user=world[policy.PO], name="revoked")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    for header in (f"Bearer {raw}", "Bearer ju_not-a-token", "Token nonsense"):
        client = Client(headers={"Authorization": header})
        assert client.get(f"{PREFIX}/partnerships/own").status_code == 401, header


# --------------------------------------------------------------- ids inside request bodies

COMPONENTS = SCHEMA["components"]["schemas"]


def _body_slots(op: Operation) -> list[bodies.Slot]:
    try:
        return bodies.reference_slots(op, COMPONENTS)
    except Unfillable:
        return []  # test_it_knows_what_every_body_field_names fails instead


BODY_ID_WRITES = [
    op
    for op in OPERATIONS
    if op.method in ("post", "put", "patch") and op.in_partnership and _body_slots(op)
]


def test_it_knows_what_every_body_field_names() -> None:
    """A new field naming a record must be one the body-id matrix can fill (or say why not)."""
    problems = []
    for op in OPERATIONS:
        try:
            bodies.reference_slots(op, COMPONENTS)
        except Unfillable as exc:
            problems.append(str(exc))
    assert not problems, "\n".join(problems)
    assert len(BODY_ID_WRITES) >= 1


def _row_counts() -> dict[str, int]:
    """Rows of every model of the project (the audit history included)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("joinedup.")
    }


def _send_and_undo(client: Client, method: str, url: str, body: Any) -> tuple[Any, list[str]]:
    """The answer to a write, and the models it added or removed rows of; then rolled back, so
    the next cell starts from the same records whatever this one did."""
    with transaction.atomic():
        before = _row_counts()
        response = getattr(client, method)(
            url, data=json.dumps(body), content_type="application/json"
        )
        after = _row_counts()
        transaction.set_rollback(True)
    return response, sorted(label for label, n in after.items() if before.get(label) != n)


def _said(response: Any, sent: list[Any]) -> str:
    """The answer's text, with the slugs the request sent put as <sent>."""
    text = response.content.decode(errors="replace")
    for value in sent:
        if isinstance(value, str):
            text = text.replace(value, "<sent>")
    return text


def _names_the_field(response: Any, slot: bodies.Slot) -> bool:
    try:
        details = response.json().get("detail")
    except ValueError:
        return False
    if not isinstance(details, list):
        return False
    return any(set(slot.path) & set(map(str, d.get("loc", []))) for d in details)


@pytest.mark.parametrize("op", BODY_ID_WRITES, ids=repr)
def test_it_treats_an_id_of_another_partnership_in_a_body_as_a_missing_one(
    op: Operation,
    world: World,
    record_sets: dict[str, RecordSet],
    other_set: RecordSet,
    api_clients: dict[str, Client],
) -> None:
    """Own's programme officer writes, naming in one field the other partnership's record."""
    client = api_clients[policy.PO]
    own = record_sets["partnership"]
    filled = _fill_op(op, own)[0]
    problems = []
    for slot in _body_slots(op):
        foreign_body, unknown_body, foreign = bodies.bodies_for(
            op, COMPONENTS, slot, own=own, other=other_set, subject=filled.subject
        )
        count("api-body-ids", filled.app)
        sent = [foreign_body, unknown_body]
        sent_values = [v for body in sent for v in _leaves(body, slot.path)]
        answer, written = _send_and_undo(client, op.method, filled.url, foreign_body)
        missing, missing_written = _send_and_undo(client, op.method, filled.url, unknown_body)
        said, missing_said = _said(answer, sent_values), _said(missing, sent_values)
        where = f"{op.method.upper()} {filled.url} {slot.name}=<{slot.kind} of other>"
        if not 400 <= answer.status_code < 500:
            problems.append(f"{where} -> {answer.status_code}: accepted")
        if written or missing_written:
            problems.append(f"{where} wrote {written or missing_written}")
        if missing.status_code != 422 or not _names_the_field(missing, slot):
            problems.append(
                f"{where}: a missing {slot.kind} gets {missing.status_code} {missing_said[:300]}"
                " (not about the field: the body does not reach the lookup)"
            )
        if (answer.status_code, said) != (missing.status_code, missing_said):
            problems.append(
                f"{where} -> {answer.status_code} {said[:300]}\n    but a missing "
                f"{slot.kind} -> {missing.status_code} {missing_said[:300]}"
            )
        shown = [
            name
            for name in [*bodies.names_of(slot.kind, foreign), other_set.marker]
            if name.casefold() in said.casefold()
        ]
        if shown:
            problems.append(f"{where} -> {answer.status_code} naming {shown}")
    assert not problems, f"{op}:\n" + "\n".join(problems)


def _leaves(body: Any, path: tuple[str, ...]) -> list[Any]:
    """The value(s) at `path` in a body (lists of objects are entered at every item)."""
    if not path:
        return body if isinstance(body, list) else [body]
    if isinstance(body, list):
        return [v for item in body for v in _leaves(item, path)]
    if not isinstance(body, dict) or path[0] not in body:
        return []
    return _leaves(body[path[0]], path[1:])
