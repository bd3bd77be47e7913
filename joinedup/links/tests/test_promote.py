"""An action arising in the minutes made a work-programme action, and linked to it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from joinedup.links import services as links
from joinedup.meetings import services
from joinedup.programme import services as programme_services
from joinedup.programme.tests.factories import vocabulary

pytestmark = pytest.mark.django_db
D = dt.date


def test_it_turns_an_action_arising_into_a_work_programme_action(world, committee, item):
    po = world["programme_officer"]
    plan = programme_services.plan_create(
        actor=po, partnership=world.own, slug="plan", name="Plan", vocabulary=vocabulary()
    )
    minute = services.minute_record(actor=po, item=item, resolutions="(a) noted")
    action = services.action_arising_create(
        actor=po,
        minute=minute,
        description="Report back to the committee",
        owner=world["board_member"],
        due_on=D(2026, 3, 1),
    )
    links.action_arising_promote(actor=po, action=action, plan=plan)
    created = action.programme_action
    assert created.title == "Report back to the committee"
    assert (created.owner, created.due_date, created.responsible_body) == (
        world["board_member"],
        D(2026, 3, 1),
        committee,
    )
    with pytest.raises(ValidationError):
        links.action_arising_promote(actor=po, action=action, plan=plan)
