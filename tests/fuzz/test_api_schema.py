"""Schemathesis against our own OpenAPI document: no 5xx, answers that match the schema.

Every operation is called with generated parameters and bodies by the programme officer of
`own` (a real bearer token), through the WSGI application (no server). The fixture records are
the isolation matrix's (one of every governed model, at the `partnership` level), and the
generated path parameters are replaced by those records' real values, so calls reach real
objects rather than a wall of 404s (a path no URL pattern matches, such as a non-numeric id,
is a plain JSON 404 from config/urls.py's handler404, outside the documented operations).
Query parameters and bodies are schemathesis' own. All operations run in one test on one set
of records (making them is most of the cost), JOINEDUP_FUZZ_EXAMPLES calls each (8 unless
set), derandomised and unshrunk, so a failure reproduces and the run stays bounded (about 2
minutes on SQLite).

Answers are checked against the document. Two models or enums of one short name would share
one component of the document (one would describe both): the schemas give nested model choices
names of their own (joinedup.api.schemas.api_choices), and
test_it_names_every_model_and_enum_of_the_document_once keeps it so.

A second test calls every operation without a token: all are refused with 401.
"""

from __future__ import annotations

import enum
import os
import re
import typing
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from pydantic import BaseModel
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from conftest import World
from joinedup.accounts.models import ApiToken
from tests.isolation.conftest import make_record_set
from tests.isolation.matrix import RecordSet, Unfillable
from tests.isolation.test_api_matrix import OPERATIONS, _fill_op

PREFIX = "/api/v1"
# Generated calls per operation (about 110 operations).
EXAMPLES = int(os.environ.get("JOINEDUP_FUZZ_EXAMPLES", "8"))
SCHEMA_PATH = f"{PREFIX}/openapi.json"

schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, get_wsgi_application())

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

# Operations anyone may call without signing in (none today: even reference data needs a token).
PUBLIC: set[tuple[str, str]] = set()

_TEMPLATES = {(op.method, op.path): op for op in OPERATIONS}


def _named_types(annotation: Any, found: set[type]) -> None:
    """Every pydantic model and enum reachable from a type annotation."""
    for arg in typing.get_args(annotation):
        _named_types(arg, found)
    if not isinstance(annotation, type) or annotation in found:
        return
    if issubclass(annotation, enum.Enum):
        found.add(annotation)
    elif issubclass(annotation, BaseModel):
        # Ninja's own per-operation wrappers (parameters, the answer envelope) are inlined, not
        # named components.
        if not annotation.__module__.startswith(("abc", "ninja")):
            found.add(annotation)
        for field in annotation.model_fields.values():
            _named_types(field.annotation, found)


def _types_by_operation() -> dict[tuple[str, str], set[type]]:
    """(method, path) -> the models and enums of its parameters, body and answers."""
    from config.api import api

    result: dict[tuple[str, str], set[type]] = {}
    for prefix, router in api._routers:
        for route, path_view in router.path_operations.items():
            for operation in path_view.operations:
                found: set[type] = set()
                for model in [*operation.response_models.values(), *operation.models]:
                    _named_types(model, found)
                path = re.sub(r"{\w+:(\w+)}", r"{\1}", f"{PREFIX}{prefix.rstrip('/')}{route}")
                for method in operation.methods:
                    result[(method.lower(), path)] = found
    return result


def name_clashes(types_by_operation: dict[tuple[str, str], set[type]]) -> dict[str, set[type]]:
    """Component names that two different models or enums would both take in the document
    (Ninja keeps the last one, so the other operations are documented with the wrong shape)."""
    by_name: dict[str, set[type]] = {}
    for found in types_by_operation.values():
        for kind in found:
            by_name.setdefault(kind.__name__, set()).add(kind)
    return {name: kinds for name, kinds in by_name.items() if len(kinds) > 1}


TYPES = _types_by_operation()
CLASHES = name_clashes(TYPES)


def _documented_wrongly(method: str, path: str) -> bool:
    """Does the operation use a model or enum whose name another one also takes?"""
    return any(kind.__name__ in CLASHES for kind in TYPES.get((method.lower(), path), ()))


@pytest.fixture
def records(world: World) -> RecordSet:
    record_set = make_record_set(
        world, world.own, "partnership", owner=world.council, restricted_to=[world.council]
    )
    record_set.people = [world["viewer"]]
    return record_set


@pytest.fixture
def connection_kept_open() -> Any:
    """Calls reach the WSGI app directly; like Django's test client, keep the test's transaction
    open across them (the app would otherwise close the connection after each request)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world: World, connection_kept_open: None) -> str:
    _, raw = ApiToken.issue(user=world["programme_officer"], name="fuzz")
    return raw


def known_path_parameters(method: str, path: str, records: RecordSet) -> dict[str, str]:
    """The path parameters of a real URL for this operation, from the fixture records."""
    op = _TEMPLATES.get((method.lower(), path))
    if op is None or not op.path_params:
        return {}
    url = _any_url(op, records).split("?", 1)[0]
    names = [p["name"] for p in op.path_params]
    pattern = re.escape(path)
    for name in names:
        pattern = pattern.replace(re.escape(f"{{{name}}}"), f"(?P<{name}>[^/]+?)")
    match = re.fullmatch(pattern, url)
    assert match, f"{url} does not match {path}"
    return match.groupdict()


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # No shrinking: the failing example is reported as found, and the run stays bounded.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def fuzz_operation(operation: Any, records: RecordSet, token: str) -> None:
    """EXAMPLES generated calls of one operation, each checked (raises on the first failure)."""

    @FUZZ_SETTINGS
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        if case.path_parameters:
            known = known_path_parameters(case.method, case.path, records)
            case.path_parameters = {**case.path_parameters, **known}
        # Answers of operations the document describes with another model's shape (see
        # test_it_names_every_model_and_enum_of_the_document_once) are checked for all but
        # their shape.
        wrong = _documented_wrongly(case.method, case.path)
        checks = [c for c in CHECKS if not (wrong and c is response_schema_conformance)]
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)

    run()


def test_it_answers_every_generated_call_without_a_server_error_and_as_documented(
    records: RecordSet, token: str
) -> None:
    """All operations in one test, on one set of records (made once: that is most of the
    cost); each failing operation is listed with its first failing call."""
    problems = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        try:
            fuzz_operation(operation, records, token)
        except (Exception, BaseExceptionGroup) as exc:  # every failure is reported together
            problems.append(f"{operation.method.upper()} {operation.path}:\n{exc}")
    assert len(operations) > 50
    assert not problems, f"{len(problems)} operations failed:\n\n" + "\n\n".join(problems)


def _any_url(op: Any, records: RecordSet) -> str:
    """A URL of the operation: a real record's if the matrix can fill it, else any that routes
    (authentication comes before any parameter is read)."""
    try:
        return _fill_op(op, records)[0].url
    except Unfillable:
        # "1" is a valid slug as well as an id; also fills parameters the document forgot.
        return re.sub(r"{\w+}", "1", op.path)


def test_it_refuses_every_operation_without_a_token(records: RecordSet) -> None:
    from django.test import Client

    client = Client(raise_request_exception=False)
    problems = []
    for op in OPERATIONS:
        url = _any_url(op, records)
        if op.method == "get":
            response = client.get(url)
        else:
            response = getattr(client, op.method)(url, data="{}", content_type="application/json")
        expected = 200 if (op.method, op.path) in PUBLIC else 401
        if response.status_code != expected:
            problems.append(f"{op} {url} -> {response.status_code}, expected {expected}")
        elif expected == 401 and response.json() != {"detail": "Unauthorized"}:
            problems.append(f"{op} {url} -> 401 with {response.content[:200]!r}")
    assert len(OPERATIONS) > 50
    assert not problems, "\n".join(problems)


def test_it_names_every_model_and_enum_of_the_document_once() -> None:
    described = {
        name: sorted(f"{k.__module__}.{k.__qualname__}" for k in kinds)
        for name, kinds in CLASHES.items()
    }
    assert not described, f"one component name, several models: {described}"


def test_it_finds_a_name_clash_between_two_models() -> None:
    """The clash finder itself: two enums of one name in two operations are one clash."""

    class First(enum.Enum):
        A = "a"

    class Second(enum.Enum):
        B = "b"

    Second.__name__ = "First"
    clashes = name_clashes(
        {("get", "/a"): {First}, ("get", "/b"): {Second}, ("get", "/c"): {First}}
    )
    assert clashes == {"First": {First, Second}}


def test_it_serves_the_openapi_document_without_a_token(db: None) -> None:
    """The document is public (it lists operations, never records)."""
    from django.test import Client

    response = Client().get(SCHEMA_PATH)
    assert response.status_code == 200
    assert response.json()["paths"]
