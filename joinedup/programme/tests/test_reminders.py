"""Update reminders: what needs an update before the next report, and the emails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from joinedup.accounts.tests.factories import UserFactory
from joinedup.programme import services
from joinedup.programme.tests.factories import ActionFactory, ProgressUpdateFactory, word

pytestmark = pytest.mark.django_db
REPORTED = dt.date(2008, 10, 2)


@pytest.fixture
def reported_plan(plan):
    plan.last_reported_on = REPORTED
    plan.next_report_on = dt.date(2008, 12, 2)
    plan.save()
    return plan


def test_it_emails_each_owner_the_updates_they_owe(reported_plan, world):
    owner = UserFactory(email="owner@example.org", organisation=world.council)
    stale = ActionFactory(plan=reported_plan, reference="5", owner=owner, status=word("Underway"))
    ProgressUpdateFactory(action=stale, date=REPORTED)
    fresh = ActionFactory(plan=reported_plan, reference="6", owner=owner, status=word("Underway"))
    ProgressUpdateFactory(action=fresh, date=dt.date(2008, 11, 1))
    ActionFactory(plan=reported_plan, reference="1", owner=owner, status=word("Achieved"))
    run = services.update_reminders_send(
        actor=world["programme_officer"], plan=reported_plan, as_of=dt.date(2008, 11, 20)
    )
    assert run.sent == 1
    (message,) = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "- 5:" in message.body and "- 6:" not in message.body and "- 1:" not in message.body
    assert "02 December 2008" in message.body


def test_it_lists_without_sending_on_a_dry_run(reported_plan, world):
    owner = UserFactory(email="owner@example.org", organisation=world.council)
    ActionFactory(plan=reported_plan, owner=owner)
    ActionFactory(plan=reported_plan, owner=None)
    run = services.update_reminders_send(actor=None, plan=reported_plan, dry_run=True)
    assert run.sent == 0 and not mail.outbox
    assert len(run.reminders) == 2
    assert [r.owner for r in run.unsendable] == [None]


def test_it_refuses_reminders_from_someone_who_cannot_edit_the_plan(reported_plan, world):
    with pytest.raises(PermissionDenied):
        services.update_reminders_send(actor=world["viewer"], plan=reported_plan)
