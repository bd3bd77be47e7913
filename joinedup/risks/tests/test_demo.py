"""The demo registers: loaded from the seeds, with a joint risk and a year of reviews, once."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.accounts.models import User
from joinedup.core.models import AuditEntry
from joinedup.demo.loader import demo_load
from joinedup.risks import selectors
from joinedup.risks.models import Register, RegisterReview, Review, Risk

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_registers_once() -> None:
    demo_load()
    counts = (Risk.objects.count(), Review.objects.count(), AuditEntry.objects.count())

    demo_load()

    assert (Risk.objects.count(), Review.objects.count(), AuditEntry.objects.count()) == counts
    assert Register.objects.filter(slug="herefordshire-partnership-risks").exists()
    assert Register.objects.filter(slug="chorley-partnership-risks").exists()


def test_it_has_a_year_of_steering_group_reviews_and_a_divergent_joint_risk() -> None:
    demo_load()
    register = Register.objects.get(slug="herefordshire-partnership-risks")
    reviews = RegisterReview.objects.filter(register=register)
    assert reviews.count() >= 10
    assert {r.body.slug for r in reviews} == {
        "herefordshire-steering-group",
        "herefordshire-hps-steering-group",
    }

    officer = User.objects.get(username="pst-project-director")
    today = dt.date(2026, 1, 15)
    qs = selectors.register_rows(user=officer, register=register, today=today)
    rows = {
        r.risk.reference: r
        for r in selectors.rows_for(qs, register=register, today=today, user=officer)
    }
    assert rows["PST-01"].divergent and rows["PST-01"].shown == 16
    assert [b.slug for b in rows["PST-01"].escalations] == ["herefordshire-cabinet"]
    assert {"HC-01", "PCT-01"} <= set(rows)  # shared by each partner on the PST register
    assert rows["PST-02"].trend in {"down", "same"}


def test_it_keeps_a_partners_restricted_risk_to_that_partner() -> None:
    demo_load()
    analyst = User.objects.get(username="herefordshire-performance-analyst")
    register = Register.objects.get(slug="herefordshire-pct-top-risks")
    qs = selectors.register_rows(user=analyst, register=register, today=dt.date(2026, 1, 1))
    assert "PCT-02" not in {r.reference for r in qs}


def test_it_links_the_demo_risks_to_the_development_plan() -> None:
    demo_load()

    risk = Risk.objects.get(register__slug="herefordshire-partnership-risks", reference="PST-04")

    assert sorted(a.reference for a in risk.work_actions.all()) == ["15", "16"]
    assert {a.plan.slug for a in risk.work_actions.all()} == {
        "herefordshire-development-plan-2007-08"
    }
