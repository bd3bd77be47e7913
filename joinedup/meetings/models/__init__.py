"""Meetings, agenda items, reports, attendance, interests, minutes and decisions."""

from __future__ import annotations

from joinedup.meetings.models.interests import (
    Declaration,
    Dispensation,
    GiftHospitality,
    InterestScheme,
    RegisterEntry,
    Vote,
)
from joinedup.meetings.models.meetings import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    Report,
)
from joinedup.meetings.models.minutes import ActionArising, Decision, MinuteItem, Minutes
from joinedup.meetings.models.notices import KeyDecisionNotice, ProcedureRules, QuorumRequirement

__all__ = [
    "ActionArising",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "Decision",
    "Declaration",
    "Dispensation",
    "GiftHospitality",
    "InterestScheme",
    "KeyDecisionNotice",
    "Meeting",
    "MinuteItem",
    "Minutes",
    "ProcedureRules",
    "QuorumRequirement",
    "RegisterEntry",
    "Report",
    "Vote",
]
