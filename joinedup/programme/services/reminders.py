"""Update reminders: tell each action owner which updates are due before the next report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.programme.models import Plan
from joinedup.programme.selectors import Reminder, reminders_for
from joinedup.programme.services._common import deny_unless


@dataclass
class ReminderRun:
    plan: Plan
    as_of: dt.date
    reminders: list[Reminder] = field(default_factory=list)
    sent: int = 0
    dry_run: bool = False

    @property
    def unsendable(self) -> list[Reminder]:
        """Reminders with no owner or no email address: the programme officer must chase them."""
        return [r for r in self.reminders if not r.email]


def _message(run: ReminderRun, reminder: Reminder) -> EmailMessage:
    plan = run.plan
    when = f" by {plan.next_report_on:%d %B %Y}" if plan.next_report_on else ""
    body = "\n".join(
        [
            f"Progress updates are due on {len(reminder.actions)} action(s) of {plan}{when}",
            f"(no update since the last report on {plan.last_reported_on:%d %B %Y}):"
            if plan.last_reported_on
            else "(no update has been given yet):",
            "",
            *[f"- {a.reference}: {a.title}" for a in reminder.actions],
            "",
            "Please add your update in Joined-Up.",
        ]
    )
    return EmailMessage(
        subject=f"Progress updates due: {plan}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.email],
    )


def update_reminders_send(
    *, actor: Actor, plan: Plan, as_of: dt.date | None = None, dry_run: bool = False
) -> ReminderRun:
    """Email each owner the updates due (the Django email backend); `dry_run` only lists them.

    `actor` None means the system (the scheduled `joinedup programme remind` command).
    """
    if actor is not None:
        deny_unless(permissions.can_edit(actor, plan), "You may not send reminders for this plan.")
    run = ReminderRun(plan=plan, as_of=as_of or timezone.localdate(), dry_run=dry_run)
    run.reminders = reminders_for(plan, as_of=run.as_of)
    messages = [_message(run, r) for r in run.reminders if r.email]
    if not dry_run and messages:
        run.sent = get_connection().send_messages(messages) or 0
    return run
