"""Reads for escalation: the body a risk is escalated to and who may be told of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from joinedup.accounts.models import User
from joinedup.core import permissions
from joinedup.partnerships.models import Body, BodyMembership
from joinedup.risks.models import Risk


def escalation_recipients(risk: Risk, body: Body, today: dt.date) -> list[str]:
    """Email addresses of the body's members and programme officers who may see the risk."""
    seats = BodyMembership.objects.filter(body=body).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    people = set(User.objects.filter(pk__in=seats.values("person_id"), is_active=True))
    people |= set(
        User.objects.filter(
            is_active=True,
            partnership_roles__partnership_id=risk.partnership_id,
            partnership_roles__role=permissions.PROGRAMME_OFFICER,
        )
    )
    return sorted({p.email for p in people if p.email and permissions.can_view(p, risk)})


def body_of(body_id: int | None) -> Any:
    return Body.objects.filter(pk=body_id).first() if body_id else None
