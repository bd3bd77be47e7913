"""Writes for meetings: every function checks the actor's rights, validates, writes history."""

from __future__ import annotations

from joinedup.meetings.services.attendance import attendance_record
from joinedup.meetings.services.decisions import (
    decision_call_in,
    decision_call_in_resolve,
    decision_link,
    decision_publish,
    decision_record,
)
from joinedup.meetings.services.interests import (
    declaration_record,
    dispensation_grant,
    dispensation_revoke,
    gift_record,
    register_entry_create,
)
from joinedup.meetings.services.items import (
    agenda_item_create,
    agenda_item_mark_considered,
    agenda_item_update,
    attachment_add,
    report_create,
    report_update,
)
from joinedup.meetings.services.meetings import (
    meeting_agenda_publish,
    meeting_create,
    meeting_mark_held,
    meeting_schedule_generate,
    meeting_update,
)
from joinedup.meetings.services.minutes import (
    action_arising_create,
    minute_record,
    minutes_approve,
)
from joinedup.meetings.services.notices import (
    key_decision_notice_create,
    key_decision_notice_update,
)
from joinedup.meetings.services.procedure import meeting_archive, procedure_rules_set
from joinedup.meetings.services.votes import vote_casting_record, vote_record

__all__ = [
    "action_arising_create",
    "agenda_item_create",
    "agenda_item_mark_considered",
    "agenda_item_update",
    "attachment_add",
    "attendance_record",
    "decision_call_in",
    "decision_call_in_resolve",
    "decision_link",
    "decision_publish",
    "decision_record",
    "declaration_record",
    "dispensation_grant",
    "dispensation_revoke",
    "gift_record",
    "key_decision_notice_create",
    "key_decision_notice_update",
    "meeting_agenda_publish",
    "meeting_archive",
    "meeting_create",
    "meeting_mark_held",
    "meeting_schedule_generate",
    "meeting_update",
    "minute_record",
    "minutes_approve",
    "procedure_rules_set",
    "register_entry_create",
    "report_create",
    "report_update",
    "vote_casting_record",
    "vote_record",
]
