"""Pages for meetings, agenda items, minutes, decisions, interests and the public pages."""

from __future__ import annotations

from joinedup.meetings.views.items import (
    action_add,
    attachment_add,
    attachment_file,
    decision_create,
    declaration_add,
    item_considered,
    item_create,
    item_detail,
    minute_edit,
    report_create,
    vote_add,
)
from joinedup.meetings.views.meetings import (
    attendance_add,
    body_meetings,
    meeting_advance,
    meeting_create,
    meeting_detail,
    meeting_list,
    meeting_pack,
    schedule_generate,
)
from joinedup.meetings.views.public import (
    ical_feed,
    public_decisions,
    public_item,
    public_meeting,
    public_meetings,
    public_pack,
)
from joinedup.meetings.views.records import (
    decision_detail,
    decision_list,
    gift_add,
    minutes_approve,
    minutes_detail,
    register,
    register_entry_add,
)

__all__ = [
    "action_add",
    "attachment_add",
    "attachment_file",
    "attendance_add",
    "body_meetings",
    "decision_create",
    "decision_detail",
    "decision_list",
    "declaration_add",
    "gift_add",
    "ical_feed",
    "item_considered",
    "item_create",
    "item_detail",
    "meeting_advance",
    "meeting_create",
    "meeting_detail",
    "meeting_list",
    "meeting_pack",
    "minute_edit",
    "minutes_approve",
    "minutes_detail",
    "public_decisions",
    "public_item",
    "public_meeting",
    "public_meetings",
    "public_pack",
    "register",
    "register_entry_add",
    "report_create",
    "schedule_generate",
    "vote_add",
]
