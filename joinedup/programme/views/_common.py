"""What the programme pages share: URLs of records and the page size."""

from __future__ import annotations

from django.urls import reverse

from joinedup.programme.models import Action, Plan

PAGE_SIZE = 50


def plan_url(plan: Plan, name: str = "plan_detail") -> str:
    return reverse(f"programme:{name}", args=[plan.partnership.slug, plan.slug])


def action_url(action: Action, name: str = "action_detail") -> str:
    return reverse(f"programme:{name}", args=[action.partnership.slug, action.pk])
