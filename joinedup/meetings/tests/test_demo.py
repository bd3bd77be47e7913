"""The demo meetings: loaded from the seed papers, idempotent, by role title."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.core.models import AuditEntry
from joinedup.demo.loader import demo_load
from joinedup.meetings.models import Decision, Declaration, Meeting, MinuteItem

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_meetings_once():
    demo_load()
    counts = (Meeting.objects.count(), Decision.objects.count(), AuditEntry.objects.count())
    assert counts[0] == 5
    demo_load()
    assert (Meeting.objects.count(), Decision.objects.count(), AuditEntry.objects.count()) == counts


def test_it_links_the_2008_cabinet_decision_to_the_hps_tor_version_2():
    demo_load()
    decision = Decision.objects.get(
        body__slug="herefordshire-cabinet", decided_on=dt.date(2008, 10, 2)
    )
    assert [(t.body.slug, t.version) for t in decision.tor_versions.all()] == [
        ("herefordshire-hps-steering-group", 2)
    ]
    assert decision.resolution_list()[1].startswith("(b) the revised Terms of Reference")
    assert decision.actions.count() == 1


def test_it_records_the_scrutiny_declaration_by_role_title():
    demo_load()
    declaration = Declaration.objects.get()
    assert str(declaration.person) == "Councillor (Overview and Scrutiny Committee member)"
    minute = MinuteItem.objects.get(item__title="Shared Services Update Report")
    assert len(minute.resolution_list()) == 3
