"""The demo plans: every row of seed 002's table in order, exactly, and loaded only once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from joinedup.accounts.models import PartnershipRole
from joinedup.core.models import AuditEntry
from joinedup.demo.loader import demo_load
from joinedup.programme.demo import DEVELOPMENT_PLAN, read
from joinedup.programme.io.actions import export_actions, export_rows, import_actions
from joinedup.programme.models import Plan
from joinedup.programme.selectors import latest_updates

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


@pytest.fixture
def demo(db):
    demo_load()
    return Plan.objects.get(slug=DEVELOPMENT_PLAN)


def _rows(plan):
    actions = list(plan.actions.select_related("status").order_by("order"))
    latest = latest_updates(actions)
    return [(a, latest[a.pk]) for a in actions]


def _check_loads_every_row_of_the_development_plan_in_order(demo):
    rows = _rows(demo)
    expected = read("herefordshire_development_plan.yaml")["actions"]
    assert len(rows) == len(expected) == 34
    for (action, update), row in zip(rows, expected, strict=True):
        assert action.title == row["activity"]
        assert update.narrative == row["progress"]
        assert action.status.word == row["status"]
        assert update.date == dt.date(2008, 10, 2)


def _check_keeps_the_wording_of_the_paper(demo):
    rows = _rows(demo)
    first_action, first_update = rows[0]
    assert first_action.title == "A single Chief Executive will be appointed."
    assert first_update.narrative == "Achieved. Took up post on 10 December 2007"
    assert first_action.completed_on == dt.date(2007, 12, 10)
    assert rows[9][0].title == "A single communications and PR service will be established."
    assert rows[32][1].narrative == "To be deleted – no longer relevant to this period."
    assert rows[32][0].status.word == "Deleted"
    assert rows[18][1].narrative.startswith("Ongoing – will be taken forward")


def _check_points_as_above_rows_at_the_action_they_mean(demo):
    by_ref = {a.reference: (a, u) for a, u in _rows(demo)}
    pointers = {ref: u.see_action.reference for ref, (a, u) in by_ref.items() if u.see_action}
    assert pointers == {"14": "13", "16": "15", "25": "24", "26": "24", "31": "30"}
    assert by_ref["25"][1].narrative == "See above"


def _check_reports_to_cabinet_every_two_months(demo):
    assert demo.owning_body.slug == "herefordshire-hps-steering-group"
    assert demo.reports_to.slug == "herefordshire-cabinet"
    assert (demo.report_interval_months, demo.last_reported_on, demo.next_report_on) == (
        2,
        dt.date(2008, 10, 2),
        dt.date(2008, 12, 2),
    )
    priorities = [p.text for p in demo.priorities.order_by("order")]
    assert len(priorities) == 5
    assert (
        priorities[0]
        == "Completion and implementation of a benefits realisation and reporting framework."
    )


def _check_loads_the_2006_milestones_and_the_chorley_work_programme(demo):
    milestones = Plan.objects.get(slug="herefordshire-pst-milestones-2006").milestones.order_by(
        "due_date"
    )
    assert [m.due_label for m in milestones] == [
        "8 March 2006",
        "April 2006",
        "1 October 2006",
        "End 2008",
    ]
    chorley = Plan.objects.get(slug="chorley-work-programme-2015-16")
    assert list(chorley.workstreams.values_list("name", flat=True)) == [
        "Integrated Locality Working",
        "Managing Mental Health",
        "Living Well Living Better",
    ]
    assert chorley.actions.count() == 10
    assert chorley.actions.filter(lead_organisation__slug="lancashire-constabulary").exists()


def test_it_writes_nothing_when_loaded_again(demo):
    before = AuditEntry.objects.count()
    demo_load()
    assert AuditEntry.objects.count() == before


def _check_matches_the_table_of_the_cabinet_report_itself(demo):
    if not SEEDS.exists():  # the seed papers are not beside every checkout
        return
    text = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    table = " ".join(text[text.index("Proposed Activity") : text.index("2. Priority")].split())
    position = 0
    for action, update in _rows(demo):
        for part in (action.title, update.narrative):
            # The paper wraps two rows across lines; compare word by word from where we are.
            words = " ".join(part.split())
            head = words.split(" ")[0:3]
            found = table.find(" ".join(head), position)
            assert found >= position, part
            position = found


def test_it_loads_the_seed_plans_exactly(demo):
    """One load, many checks: the demo takes seconds to load."""
    _check_loads_every_row_of_the_development_plan_in_order(demo)
    _check_keeps_the_wording_of_the_paper(demo)
    _check_points_as_above_rows_at_the_action_they_mean(demo)
    _check_reports_to_cabinet_every_two_months(demo)
    _check_loads_the_2006_milestones_and_the_chorley_work_programme(demo)
    _check_matches_the_table_of_the_cabinet_report_itself(demo)


def test_it_imports_its_own_export_of_every_demo_plan_unchanged(demo):
    before = AuditEntry.objects.count()
    for plan in Plan.objects.filter(actions__isnull=False).distinct():
        officer = (
            PartnershipRole.objects.filter(partnership=plan.partnership, role="programme_officer")
            .select_related("user")
            .first()
            .user
        )
        rows = export_rows(user=officer, plan=plan)
        for fmt in ("csv", "xlsx"):
            content, _, name = export_actions(user=officer, plan=plan, fmt=fmt)
            result = import_actions(actor=officer, plan=plan, data=content, filename=name)
            assert result.ok, (plan.slug, fmt, [str(e) for e in result.errors])
            assert len(result.unchanged) == plan.actions.count() == len(rows)
            assert export_rows(user=officer, plan=plan) == rows
    assert AuditEntry.objects.count() == before
