"""Escalation notices: when a risk crosses a threshold, its governing body hears of it by email.

The email goes after the transaction commits (nothing is sent for a change that is rolled back)
and only to people who may see the risk: the body's current members and the partnership's
programme officers.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from joinedup.partnerships.models import Body
from joinedup.risks.models import Risk
from joinedup.risks.selectors.escalation import escalation_recipients


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
