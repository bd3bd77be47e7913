"""The database refuses a write during a save (read-only, or the disk fills up at the history
write): the caller gets a clear answer, not a stack trace, and nothing is half-written (neither
the change nor its history entry).

Read-only: on SQLite `PRAGMA query_only`, on PostgreSQL a trigger that fails the write as a
read-only transaction does (SQLSTATE 25006). Full disk at the history write: a trigger on the
audit table that fails the insert as a full disk does (SQLite "database or disk is full",
PostgreSQL SQLSTATE 53100) after the action's own row has been updated in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.test import Client

from conftest import World
from joinedup.accounts.models import ApiToken
from joinedup.core.models import AuditEntry
from joinedup.programme import services
from joinedup.programme.models import Action
from joinedup.programme.tests.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db

SQLITE = connection.vendor == "sqlite"


def _execute(*statements: str) -> None:
    # Raw SQL on purpose: a fault test reaches under the ORM to break the database.
    with connection.cursor() as cursor:  # noqa: TID251
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def read_only() -> Iterator[None]:
    if SQLITE:
        _execute("PRAGMA query_only = ON")
        yield
        _execute("PRAGMA query_only = OFF")
        return
    _execute(
        "CREATE FUNCTION fault_read_only() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'cannot execute UPDATE in a read-only transaction' "
        "USING ERRCODE = '25006'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER fault_read_only BEFORE INSERT OR UPDATE OR DELETE ON programme_action "
        "FOR EACH ROW EXECUTE FUNCTION fault_read_only()",
    )
    yield
    _execute("DROP TRIGGER fault_read_only ON programme_action", "DROP FUNCTION fault_read_only()")


@contextmanager
def disk_full_at_history_write() -> Iterator[None]:
    table = AuditEntry._meta.db_table
    if SQLITE:
        _execute(
            f"CREATE TRIGGER fault_disk_full BEFORE INSERT ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
        yield
        _execute("DROP TRIGGER fault_disk_full")
        return
    _execute(
        "CREATE FUNCTION fault_disk_full() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'could not extend file: No space left on device' "
        "USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql",
        f"CREATE TRIGGER fault_disk_full BEFORE INSERT ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION fault_disk_full()",
    )
    yield
    _execute(f"DROP TRIGGER fault_disk_full ON {table}", "DROP FUNCTION fault_disk_full()")


@pytest.fixture
def action(world: World) -> Action:
    plan = PlanFactory(partnership=world.own, slug="fault-plan")
    return ActionFactory(plan=plan, reference="1", title="Before", lead_organisation=world.council)


@pytest.fixture
def api(world: World) -> Client:
    _, raw = ApiToken.issue(user=world["programme_officer"], name="fault")
    return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {raw}"})


def _unchanged(action: Action, history_before: int) -> None:
    stored = Action.objects.get(pk=action.pk)
    assert (stored.title, stored.version) == ("Before", action.version)
    assert AuditEntry.objects.count() == history_before


def _patch(api: Client, action: Action) -> Any:
    return api.patch(
        f"/api/v1/partnerships/own/actions/{action.pk}",
        data={"version": action.version, "title": "After"},
        content_type="application/json",
    )


@pytest.mark.parametrize("fault", [read_only, disk_full_at_history_write], ids=lambda f: f.__name__)
def test_it_answers_a_refused_api_save_clearly_and_writes_nothing(
    fault: Any, action: Action, api: Client
) -> None:
    history_before = AuditEntry.objects.count()
    with fault():
        response = _patch(api, action)
    assert response.status_code in (500, 503), response.status_code
    text = response.content.decode()
    assert "Traceback" not in text and "OperationalError" not in text
    if response.status_code == 503:
        assert "nothing was saved" in response.json()["detail"].lower()
    else:
        assert "Sorry, there is a problem with the service" in text
    _unchanged(action, history_before)


@pytest.mark.parametrize("fault", [read_only, disk_full_at_history_write], ids=lambda f: f.__name__)
def test_it_rolls_the_record_back_when_the_service_cannot_finish_the_save(
    fault: Any, world: World, action: Action
) -> None:
    history_before = AuditEntry.objects.count()
    with fault(), pytest.raises(DatabaseError):
        services.action_update(
            actor=world["programme_officer"],
            action=Action.objects.get(pk=action.pk),
            expected_version=action.version,
            title="After",
        )
    _unchanged(action, history_before)
    # Saves work again once the database takes writes.
    saved = services.action_update(
        actor=world["programme_officer"],
        action=Action.objects.get(pk=action.pk),
        expected_version=action.version,
        title="After",
    )
    assert saved.title == "After" and AuditEntry.objects.count() == history_before + 1
