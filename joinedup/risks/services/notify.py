"""Escalation notices: when a risk crosses a threshold, its governing body hears of it by email.

The email goes after the transaction commits (nothing is sent for a change that is rolled back)
and only to people who may see the risk: the body's current members and the partnership's
programme officers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

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


def _message(risk: Risk, body: Body, score: int | None, whose: str, to: list[str]) -> EmailMessage:
    path = reverse("risks:risk_detail", args=[risk.partnership.slug, risk.pk])
    lines = [
        f"{risk.reference} {risk.title} ({risk.register.name}) is escalated to {body.name}.",
        f"Its current score is {score if score is not None else 'not agreed'}, at or above "
        f"{whose} escalation threshold or above its risk appetite.",
        "",
        f"See the risk: {path}",
        "It will appear on the exception report until it is de-escalated.",
    ]
    return EmailMessage(
        subject=f"Risk escalated to {body.name}: {risk.reference} {risk.title}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def notify_escalation(
    risk: Risk, *, body: Body | None, score: int | None, whose: str, today: dt.date
) -> bool:
    """Queue the escalation email for after the commit; whether anyone was there to tell."""
    if body is None:
        return False
    to = escalation_recipients(risk, body, today)
    if not to:
        return False
    message = _message(risk, body, score, whose, to)
    transaction.on_commit(lambda: message.send(fail_silently=True))
    return True


def body_of(body_id: int | None) -> Any:
    return Body.objects.filter(pk=body_id).first() if body_id else None
