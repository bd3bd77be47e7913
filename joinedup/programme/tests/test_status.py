"""The pure status rules: overdue, colours, slipping, updates due, report dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.programme import status

TODAY = dt.date(2008, 10, 2)
states = st.sampled_from([None, *status.STATES])
dates = st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))


def test_it_reads_every_vocabulary_in_the_reference_file():
    specs = {s.slug: s for s in status.load_vocabulary_specs()}
    words = {w.word: (w.state, w.rag) for w in specs["herefordshire-development-plan"].words}
    assert words == {
        "Achieved": ("complete", "blue"),
        "Underway": ("in_progress", "green"),
        "Ongoing": ("ongoing", "green"),
        "Deleted": ("cancelled", "grey"),
    }
    assert "delayed < 3 months" in [w.word for w in specs["complete-on-track-delayed"].words]
    assert "behind schedule" in [w.word for w in specs["achieved-under-control"].words]


def test_it_refuses_a_vocabulary_with_an_unknown_state():
    bad = {
        "vocabularies": [
            {"slug": "x", "name": "X", "words": [{"word": "w", "state": "done", "rag": "red"}]}
        ]
    }
    with pytest.raises(ValueError, match="unknown state"):
        status.parse_vocabularies(bad)


def test_it_calls_an_open_action_past_its_due_date_overdue_and_red():
    due = dt.date(2008, 8, 31)
    assert status.is_overdue(due_date=due, state="in_progress", today=TODAY)
    assert (
        status.effective_rag(rag="green", state="in_progress", due_date=due, today=TODAY) == "red"
    )


@pytest.mark.parametrize("state", ["complete", "cancelled", "superseded"])
def test_it_never_calls_a_finished_action_overdue(state):
    assert not status.is_overdue(due_date=dt.date(2000, 1, 1), state=state, today=TODAY)


def test_it_is_not_overdue_on_the_due_date_itself():
    assert not status.is_overdue(due_date=TODAY, state="in_progress", today=TODAY)


@given(due=dates, state=states, today=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
def test_it_is_red_whenever_overdue_and_never_both_overdue_and_slipping(due, state, today):
    overdue = status.is_overdue(due_date=due, state=state, today=today)
    rag = status.effective_rag(rag="green", state=state, due_date=due, today=today)
    assert not overdue or rag == "red"
    assert not (overdue and status.is_slipping(rag="amber", state=state, due_date=due, today=today))


def test_it_says_an_open_action_needs_an_update_when_none_came_since_the_last_report():
    last_report = dt.date(2008, 10, 2)
    assert status.needs_update(state="in_progress", last_update_on=last_report, since=last_report)
    assert status.needs_update(state=None, last_update_on=None, since=last_report)
    assert not status.needs_update(
        state="in_progress", last_update_on=dt.date(2008, 11, 1), since=last_report
    )
    assert not status.needs_update(state="complete", last_update_on=None, since=last_report)


def test_it_adds_months_to_the_last_report_date():
    assert status.next_report_date(dt.date(2008, 10, 2), 2) == dt.date(2008, 12, 2)
    assert status.add_months(dt.date(2008, 12, 31), 2) == dt.date(2009, 2, 28)
    assert status.next_report_date(None, 2) is None


@given(day=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), months=st.integers(0, 48))
def test_it_always_lands_in_the_right_month(day, months):
    later = status.add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day <= day.day


@pytest.mark.parametrize(
    "text", ["As above", "As above.", "See above", "see above.", " As  above "]
)
def test_it_recognises_as_above(text):
    assert status.refers_above(text)


def test_it_does_not_take_a_longer_text_for_as_above():
    assert not status.refers_above("As above, and the review has begun.")


def test_it_calls_work_under_way_with_an_amber_word_slipping_but_not_work_not_started():
    due = dt.date(2008, 12, 31)
    assert status.is_slipping(rag="amber", state="in_progress", due_date=due, today=TODAY)
    assert status.is_slipping(rag="red", state="blocked", due_date=due, today=TODAY)
    assert not status.is_slipping(rag="amber", state="not_started", due_date=due, today=TODAY)
    assert not status.is_slipping(rag="green", state="in_progress", due_date=due, today=TODAY)
