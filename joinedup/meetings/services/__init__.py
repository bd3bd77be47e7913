"""Writes for meetings: every function checks the actor's rights, validates, writes history."""

from __future__ import annotations

from joinedup.meetings.services.attendance import (
    attendance_record,
    meeting_quorum,
    terms_in_force,
    voting_seats,
)
from joinedup.meetings.services.decisions import (
    decision_call_in,
    decision_call_in_resolve,
    decision_clock,
    decision_implementable_from,
    decision_link,
    decision_publish,
    decision_record,
)
from joinedup.meetings.services.interests import (
    declaration_notify_due,
    declaration_record,
    declaration_vote_counted,
    dispensation_grant,
    gift_record,
    gift_registration,
    gift_threshold,
    register_entry_create,
    register_prompts,
    vote_record,
)
from joinedup.meetings.services.items import (
    agenda_item_create,
    agenda_item_mark_considered,
    agenda_item_update,
    attachment_add,
    item_is_late,
    report_create,
    report_update,
)
from joinedup.meetings.services.meetings import (
    meeting_agenda_deadline,
    meeting_agenda_publish,
    meeting_create,
    meeting_mark_held,
    meeting_schedule_generate,
    meeting_update,
    schedule_dates,
)
from joinedup.meetings.services.minutes import (
    action_arising_create,
    action_arising_promote,
    minute_record,
    minutes_approve,
)

__all__ = [
    "action_arising_create",
    "action_arising_promote",
    "agenda_item_create",
    "agenda_item_mark_considered",
    "agenda_item_update",
    "attachment_add",
    "attendance_record",
    "decision_call_in",
    "decision_call_in_resolve",
    "decision_clock",
    "decision_implementable_from",
    "decision_link",
    "decision_publish",
    "decision_record",
    "declaration_notify_due",
    "declaration_record",
    "declaration_vote_counted",
    "dispensation_grant",
    "gift_record",
    "gift_registration",
    "gift_threshold",
    "item_is_late",
    "meeting_agenda_deadline",
    "meeting_agenda_publish",
    "meeting_create",
    "meeting_mark_held",
    "meeting_quorum",
    "meeting_schedule_generate",
    "meeting_update",
    "minute_record",
    "minutes_approve",
    "register_entry_create",
    "register_prompts",
    "report_create",
    "report_update",
    "schedule_dates",
    "terms_in_force",
    "vote_record",
    "voting_seats",
]
