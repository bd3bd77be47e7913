"""The database layer: national overrides and organisation closure days from CalendarOverride."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.accounts.tests.factories import OrganisationFactory
from joinedup.core.calendar import calendar_for, deadline_calculate
from joinedup.core.models import CalendarOverride

D = dt.date
pytestmark = pytest.mark.django_db


def test_it_moves_a_deadline_later_for_a_national_override():
    assert deadline_calculate(rule="nhs-complaint-ack", start=D(2025, 12, 19)).due == D(
        2025, 12, 24
    )
    CalendarOverride.objects.create(date=D(2025, 12, 24), description="Proclaimed holiday")
    result = deadline_calculate(rule="nhs-complaint-ack", start=D(2025, 12, 19))
    assert result.due == D(2025, 12, 29)
    assert "2025-12-24 skipped: Proclaimed holiday (national override)" in result.explanation()


def test_it_applies_a_national_override_to_the_uk_wide_profile():
    CalendarOverride.objects.create(date=D(2026, 4, 16), description="State funeral")
    assert deadline_calculate(rule="foi", start=D(2026, 3, 16)).due == D(2026, 4, 17)


def test_it_applies_an_organisation_closure_to_that_organisation_only():
    council = OrganisationFactory(slug="kettering", name="Kettering Borough Council")
    trust = OrganisationFactory(slug="trust", name="Trust", kind="hospital_trust")
    CalendarOverride.objects.create(
        date=D(2025, 12, 24), description="Christmas Eve", organisation=council
    )
    meeting = D(2026, 1, 6)
    assert deadline_calculate(rule="agenda-council", start=meeting).due == D(2025, 12, 24)
    assert deadline_calculate(rule="agenda-council", start=meeting, organisation=trust).due == D(
        2025, 12, 24
    )
    own = deadline_calculate(rule="agenda-council", start=meeting, organisation=council)
    assert own.due == D(2025, 12, 23)
    lines = own.explanation()
    assert any("Christmas Eve (Kettering Borough Council closure day)" in line for line in lines)


def test_it_extends_a_call_in_window_over_an_organisation_closure():
    council = OrganisationFactory(slug="closing-council")
    CalendarOverride.objects.create(
        date=D(2026, 4, 7), description="Staff training day", organisation=council
    )
    result = deadline_calculate(rule="call-in", start=D(2026, 4, 2), organisation=council)
    assert result.due == D(2026, 4, 14)
    assert result.also["implementable_from"] == D(2026, 4, 15)


def test_it_ignores_organisation_closures_for_statutory_clocks():
    council = OrganisationFactory(slug="closed-council")
    CalendarOverride.objects.create(
        date=D(2025, 12, 24), description="Christmas Eve", organisation=council
    )
    result = deadline_calculate(
        rule="nhs-complaint-ack", start=D(2025, 12, 19), organisation=council
    )
    assert result.due == D(2025, 12, 24)


def test_it_picks_the_key_decision_profile_from_the_organisation_setting():
    calendar_days = OrganisationFactory(slug="darlington", key_decision_day_rule="calendar")
    working_days = OrganisationFactory(slug="folkestone", key_decision_day_rule="working")
    decision = D(2026, 2, 4)
    assert deadline_calculate(
        rule="key-decision-notice", start=decision, organisation=calendar_days
    ).due == D(2026, 1, 6)
    assert deadline_calculate(
        rule="key-decision-notice", start=decision, organisation=working_days
    ).due == D(2025, 12, 22)
    assert deadline_calculate(rule="key-decision-notice", start=decision).due == D(2026, 1, 6)


def test_it_recomputes_when_the_calendar_changes():
    before = deadline_calculate(rule="code-stage1-ack", start=D(2026, 6, 1)).due
    CalendarOverride.objects.create(date=D(2026, 6, 3), description="Proclaimed holiday")
    after = deadline_calculate(rule="code-stage1-ack", start=D(2026, 6, 1)).due
    assert (before, after) == (D(2026, 6, 8), D(2026, 6, 9))


def test_it_gives_an_organisation_calendar_with_its_closures():
    council = OrganisationFactory(slug="cal-council")
    CalendarOverride.objects.create(
        date=D(2026, 12, 24), description="Christmas Eve", organisation=council
    )
    assert calendar_for(profile="eng").is_working_day(D(2026, 12, 24))
    assert not calendar_for(profile="eng", organisation=council).is_working_day(D(2026, 12, 24))
