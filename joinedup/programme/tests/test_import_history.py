"""The import's bulk path writes what the services would: same actions, updates and history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.core.audit import history_for
from joinedup.core.models import AuditEntry
from joinedup.programme import services
from joinedup.programme.io.actions import REASON, import_actions
from joinedup.programme.models import Action, Plan
from joinedup.programme.selectors import vocabulary_latest
from joinedup.programme.tests.factories import word
from joinedup.programme.tests.test_import import csv_bytes

pytestmark = pytest.mark.django_db

HEADERS = [
    "Reference",
    "Proposed activity",
    "Owner",
    "Lead organisation",
    "Status",
    "Progress to date",
    "Progress date",
]
ROWS = [
    [
        "1",
        "A single Chief Executive",
        "po",
        "own-council",
        "Achieved",
        "Took up post",
        "2008-10-02",
    ],
    ["2", "A joint Director", "", "Own NHS Trust", "Underway", "As above", "2008-10-02"],
    ["3", "Shared offices", "", "", "Deleted", "No longer relevant", "2008-10-02"],
    ["4", "A joint board", "lead", "own-nhs", "Ongoing", "", ""],
]


def _plan(world: Any, slug: str) -> Plan:
    return services.plan_create(
        actor=world["programme_officer"],
        partnership=world.own,
        slug=slug,
        name=slug,
        vocabulary=vocabulary_latest("herefordshire-development-plan"),
    )


def _by_services(world: Any, plan: Plan) -> None:
    """The same four rows, one service call at a time."""
    po = world["programme_officer"]
    made = []
    for ref, title, owner, lead, status, progress, date in ROWS:
        action = services.action_create(
            actor=po,
            plan=plan,
            reference=ref,
            order=int(ref),
            title=title,
            owner=world.people.get({"po": "programme_officer", "lead": "partner_lead"}.get(owner)),
            lead_organisation={
                "own-council": world.council,
                "Own NHS Trust": world.nhs,
                "own-nhs": world.nhs,
            }.get(lead),
            status=word(status),
            reason=REASON,
        )
        if progress:
            services.action_progress_add(
                actor=po,
                action=action,
                narrative=progress,
                date=dt.date.fromisoformat(date),
                status=word(status),
                see_action=made[-1] if progress == "As above" else None,
                reason=REASON,
            )
        made.append(action)


def _history(plan: Plan) -> list[tuple]:
    """Each action's history and its updates' history, without what names the plan itself."""
    rows = []
    for action in Action.objects.filter(plan=plan).order_by("order"):
        records = [action, *action.updates.order_by("id")]
        for record in records:
            for entry in history_for(record).order_by("id"):
                changes = {k: v for k, v in entry.changes.items() if k != "plan"}
                rows.append(
                    (entry.object_repr, entry.action, changes, entry.reason, entry.actor_id)
                )
    return rows


def test_it_writes_the_same_history_as_the_services(world):
    bulk, slow = _plan(world, "bulk-plan"), _plan(world, "slow-plan")
    result = import_actions(
        actor=world["programme_officer"],
        plan=bulk,
        data=csv_bytes(ROWS, HEADERS),
        filename="a.csv",
    )
    assert result.ok, result.errors
    _by_services(world, slow)
    assert _history(bulk) == _history(slow)
    fields = [
        "reference",
        "title",
        "owner_id",
        "lead_organisation_id",
        "status_id",
        "completed_on",
        "closed_reason",
        "version",
        "confidentiality",
        "order",
    ]
    assert list(bulk.actions.order_by("order").values(*fields)) == list(
        slow.actions.order_by("order").values(*fields)
    )
    achieved = bulk.actions.get(reference="1")
    assert achieved.completed_on == dt.date(2008, 10, 2) and achieved.version == 2
    assert bulk.actions.get(reference="2").updates.get().see_action == achieved
    assert AuditEntry.objects.filter(reason=REASON, actor=world["programme_officer"]).exists()


def test_it_imports_new_rows_in_a_handful_of_queries_not_some_per_row(world):
    def count(rows: int, slug: str) -> int:
        plan = _plan(world, slug)
        data = csv_bytes(
            [
                [f"R{n}", f"Action {n}", "po", "own-council", "Achieved", f"Done {n}", "2008-10-02"]
                for n in range(rows)
            ],
            HEADERS,
        )
        with CaptureQueriesContext(connection) as queries:
            assert import_actions(
                actor=world["programme_officer"], plan=plan, data=data, filename="a.csv"
            ).ok
        return len(queries)

    few, many = count(5, "five"), count(120, "many")
    # Only the bulk inserts grow, by a batch at a time (SQLite limits the values per insert).
    assert many - few <= 10 and many < 30


def test_it_refuses_new_rows_for_a_restricted_plan_as_the_services_do(world):
    plan = _plan(world, "restricted-plan")
    plan.confidentiality = "restricted"
    plan.save()
    result = import_actions(
        actor=world["programme_officer"], plan=plan, data=csv_bytes(ROWS, HEADERS), filename="a.csv"
    )
    assert not result.ok and not plan.actions.exists()
    assert "Name the partner organisations that may see it." in {e.message for e in result.errors}


def test_it_imports_into_an_exempt_plan_with_its_paragraph(world):
    plan = _plan(world, "exempt-plan")
    plan.confidentiality, plan.exempt_paragraph = "exempt", 3
    plan.save()
    result = import_actions(
        actor=world["programme_officer"], plan=plan, data=csv_bytes(ROWS, HEADERS), filename="a.csv"
    )
    assert result.ok, result.errors
    assert set(plan.actions.values_list("confidentiality", "exempt_paragraph")) == {("exempt", 3)}
    made = services.action_create(actor=world["programme_officer"], plan=plan, title="By hand")
    assert (made.confidentiality, made.exempt_paragraph) == ("exempt", 3)
