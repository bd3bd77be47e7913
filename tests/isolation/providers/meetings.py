"""Meetings of a body with their agenda, papers, attendance, minutes and decisions, and the
registers of interests (joinedup/meetings)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from joinedup.accounts.tests.factories import UserFactory
from joinedup.meetings.models import (
    ActionArising,
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    Declaration,
    Dispensation,
    GiftHospitality,
    KeyDecisionNotice,
    Meeting,
    MinuteItem,
    Minutes,
    RegisterEntry,
    Report,
    Vote,
)
from joinedup.partnerships.tests.factories import BodyFactory
from tests.isolation.providers import Entity, Provider, by_slug, create, finish, governed_kwargs

ENTITIES = (
    # In the meetings app's URLs a body is the body the fixture meetings are of (a
    # partnerships.Body made here; its own history is checked as the partnerships `body`).
    Entity("meeting_body", params=("body_slug", "body"), render=by_slug),
    Entity(
        "meeting",
        model="meetings.Meeting",
        params=("meeting", "meeting_id", "meeting_pk"),
        segments=("meetings", "meeting"),
        body_fields=("approved_at",),  # the later meeting that approved the minutes
    ),
    Entity(
        "agenda_item",
        model="meetings.AgendaItem",
        params=("item", "item_id", "item_pk", "agenda_item", "agenda_item_id"),
        segments=("items", "item", "agenda"),
    ),
    Entity(
        "report",
        model="meetings.Report",
        params=("report", "report_id", "report_pk"),
        segments=("reports", "report"),
    ),
    Entity(
        "attachment",
        model="meetings.Attachment",
        params=("attachment", "attachment_id", "attachment_pk"),
        segments=("attachments", "attachment", "files"),
    ),
    Entity(
        "attendance",
        model="meetings.Attendance",
        params=("attendance", "attendance_id", "attendance_pk"),
        segments=("attendance",),
        marked=False,  # who and whether: shown with the meeting, whose marker is checked
    ),
    Entity(
        "minutes",
        model="meetings.Minutes",
        params=("minutes_id", "minutes_pk"),
        marked=False,  # a status only: shown with the meeting, whose marker is checked
    ),
    Entity(
        "minute_item",
        model="meetings.MinuteItem",
        params=("minute", "minute_id", "minute_pk"),
        segments=("minute-items",),
    ),
    Entity(
        "action_arising",
        model="meetings.ActionArising",
        params=("action_arising", "action_arising_id", "action_arising_pk"),
        segments=("actions", "actions-arising"),
    ),
    Entity(
        "decision",
        model="meetings.Decision",
        params=("decision", "decision_id", "decision_pk"),
        segments=("decisions", "decision"),
    ),
    Entity(
        "interest",
        model="meetings.RegisterEntry",
        params=("interest", "interest_id", "interest_pk", "entry_pk", "entry_id"),
        segments=("interests", "register-entries"),
        body_fields=("register_entry_id",),
    ),
    Entity(
        "gift",
        model="meetings.GiftHospitality",
        params=("gift", "gift_id", "gift_pk"),
        segments=("gifts", "gifts-and-hospitality", "hospitality"),
    ),
    Entity(
        "dispensation",
        model="meetings.Dispensation",
        params=("dispensation", "dispensation_id", "dispensation_pk"),
        segments=("dispensations",),
    ),
    Entity(
        "declaration",
        model="meetings.Declaration",
        params=("declaration", "declaration_id", "declaration_pk"),
        segments=("declarations",),
    ),
    Entity(
        "key_decision_notice",
        model="meetings.KeyDecisionNotice",
        params=("notice", "notice_id", "notice_pk"),
        segments=("key-decisions", "notices"),
        body_fields=("key_decision_notice_id",),
    ),
    Entity(
        "vote",
        model="meetings.Vote",
        params=("vote", "vote_id", "vote_pk"),
        segments=("votes",),
        marked=False,  # for/against: shown with its item, whose marker is checked
    ),
)


def _at(day: dt.date, hour: int = 14) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _item_records(
    meeting: Meeting, minutes: Minutes, level: str, marker: str, order: int, person: Any
) -> dict[str, Any]:
    """An agenda item of `meeting` with its report, attachment, declaration, vote, minute,
    action arising and decision, all at `level`."""
    partnership = meeting.partnership
    item = create(
        AgendaItem,
        level,
        partnership=partnership,
        meeting=meeting,
        order=order,
        title=f"{marker} agenda item",
        public_interest_reasoning=f"{marker} public interest reasoning",
        added_on=dt.date(2025, 11, 1),
        considered=True,
    )
    report = create(
        Report,
        level,
        partnership=partnership,
        item=item,
        title=f"{marker} report",
        purpose=f"{marker} report purpose",
        recommendations=f"{marker} recommendations",
        published_on=dt.date(2025, 11, 20),
    )
    attachment = create(
        Attachment,
        level,
        partnership=partnership,
        report=report,
        title=f"{marker} appendix",
        text=f"{marker} appendix text",
    )
    declaration = create(
        Declaration,
        level,
        partnership=partnership,
        item=item,
        person=person,
        interest_type="ori",
        description=f"{marker} declaration",
        action="left_room",
    )
    vote = create(Vote, level, partnership=partnership, item=item, person=person, choice="for")
    minute = create(
        MinuteItem,
        level,
        partnership=partnership,
        minutes=minutes,
        item=item,
        discussion=f"{marker} minute discussion",
        resolutions=f"{marker} resolution",
    )
    action = create(
        ActionArising,
        level,
        partnership=partnership,
        minute=minute,
        description=f"{marker} action arising",
        owner_title="Director",
        due_on=dt.date(2026, 2, 1),
    )
    decision = create(
        Decision,
        level,
        partnership=partnership,
        body=meeting.body,
        item=item,
        decided_on=dt.date(2025, 12, 2),
        title=f"{marker} decision",
        text=f"{marker} decision text",
        reasons=f"{marker} reasons",
        published_on=dt.date(2025, 12, 3),
    )
    decision.actions.add(action)
    return {
        "agenda_item": item,
        "report": report,
        "attachment": attachment,
        "declaration": declaration,
        "vote": vote,
        "minute_item": minute,
        "action_arising": action,
        "decision": decision,
    }


def make(
    world: Any, partnership: Any, level: str, owner: Any, restricted_to: list[Any], marker: str
) -> dict[str, Any]:
    tag = marker.lower()
    body = BodyFactory(
        partnership=partnership,
        slug=f"{tag}-committee",
        name=f"{marker} committee",
        owner_organisation=owner,
        kind="committee",
        **governed_kwargs(level),
    )
    person = UserFactory(username=f"{tag}-member", organisation=owner, role_title="Member")
    meeting = create(
        Meeting,
        level,
        partnership=partnership,
        body=body,
        start=_at(dt.date(2025, 12, 2)),
        venue=f"{marker} venue",
        status="minutes_approved",
        agenda_published_on=dt.date(2025, 11, 20),
        notes=f"{marker} meeting notes",
    )
    # Approved, so the public pages show the minutes of public meetings.
    minutes = create(
        Minutes,
        level,
        partnership=partnership,
        meeting=meeting,
        status="approved",
        signed_on=dt.date(2026, 1, 6),
    )
    attendance = create(Attendance, level, partnership=partnership, meeting=meeting, person=person)
    records: dict[str, Any] = {
        "meeting_body": body,
        "meeting": meeting,
        "minutes": minutes,
        "attendance": attendance,
    }
    records.update(_item_records(meeting, minutes, level, marker, 1, person))
    records["interest"] = create(
        RegisterEntry,
        level,
        partnership=partnership,
        person=person,
        organisation=owner,
        category="ori",
        subject=f"{marker} interest subject",
        details=f"{marker} interest details",
        published_on=dt.date(2025, 6, 1),
    )
    records["gift"] = create(
        GiftHospitality,
        level,
        partnership=partnership,
        person=person,
        organisation=owner,
        received_on=dt.date(2025, 9, 1),
        donor=f"{marker} donor",
        description=f"{marker} gift",
        estimated_value=Decimal("80.00"),
    )
    records["dispensation"] = create(
        Dispensation,
        level,
        partnership=partnership,
        person=person,
        organisation=owner,
        scope=f"{marker} dispensation scope",
        granted_on=dt.date(2025, 5, 1),
        valid_from=dt.date(2025, 5, 1),
        valid_to=dt.date(2027, 5, 1),
    )
    records["key_decision_notice"] = create(
        KeyDecisionNotice,
        level,
        partnership=partnership,
        body=body,
        matter=f"{marker} key decision matter",
        decision_maker=f"{marker} decision maker",
        first_published_on=dt.date(2025, 10, 1),
        expected_decision_on=dt.date(2025, 12, 2),
        documents=f"{marker} documents",
    )
    finish(list(records.values()), level, restricted_to, marker)
    return records


def nest(world: Any, sets: dict[str, Any]) -> None:
    """Under the public committee: restricted and exempt meetings, and restricted and exempt
    items (with all that hangs off them) on the public meeting; restricted and exempt
    appendices, declarations, actions arising and decisions on the public report, item and
    minute; and restricted and exempt minutes of a public item in the public meeting's approved
    minutes."""
    public = sets["public"]
    meeting, minutes = public["meeting"], public["minutes"]
    person = public["attendance"].person
    for order, level in ((2, "restricted"), (3, "exempt")):
        marker = sets[level].marker
        nested = _item_records(meeting, minutes, level, f"{marker} nested", order, person)
        nested["meeting"] = create(
            Meeting,
            level,
            partnership=meeting.partnership,
            body=meeting.body,
            start=_at(dt.date(2026, 1, 6 + order)),
            venue=f"{marker} nested venue",
            status="agenda_published",
            agenda_published_on=dt.date(2025, 12, 20),
            notes=f"{marker} nested meeting notes",
        )
        # A public item whose minute is not public (discussed in private session).
        carrier = create(
            AgendaItem,
            "public",
            partnership=meeting.partnership,
            meeting=meeting,
            order=order + 10,
            title=f"Public item {order + 10}",
            added_on=dt.date(2025, 11, 1),
        )
        # Hidden records hanging off the public item, report and minute themselves.
        nested["on_public_report"] = create(
            Attachment,
            level,
            partnership=meeting.partnership,
            report=public["report"],
            title=f"{marker} nested appendix of the public report",
            text=f"{marker} nested appendix text",
        )
        nested["on_public_item"] = create(
            Declaration,
            level,
            partnership=meeting.partnership,
            item=public["agenda_item"],
            person=person,
            interest_type="nri",
            description=f"{marker} nested declaration on the public item",
            action="did_not_vote",
        )
        nested["on_public_minute"] = create(
            ActionArising,
            level,
            partnership=meeting.partnership,
            minute=public["minute_item"],
            description=f"{marker} nested action arising from the public minute",
        )
        nested["decision_on_public_item"] = create(
            Decision,
            level,
            partnership=meeting.partnership,
            body=meeting.body,
            item=public["agenda_item"],
            decided_on=dt.date(2025, 12, 2),
            title=f"{marker} nested decision on the public item",
            text=f"{marker} nested decision text",
        )
        nested["carrier_minute"] = create(
            MinuteItem,
            level,
            partnership=meeting.partnership,
            minutes=minutes,
            item=carrier,
            discussion=f"{marker} nested private discussion of a public item",
        )
        finish(list(nested.values()), level, [world.nhs], marker)


PROVIDER = Provider(
    app="meetings",
    entities=ENTITIES,
    make=make,
    nest=nest,
    api_lists={
        "meetings": "meetings.Meeting",
        "items": "meetings.AgendaItem",
        "reports": "meetings.Report",
        "attendance": "meetings.Attendance",
        "declarations": "meetings.Declaration",
        "votes": "meetings.Vote",
        "decisions": "meetings.Decision",
        "interests": "meetings.RegisterEntry",
        "gifts": "meetings.GiftHospitality",
        "dispensations": "meetings.Dispensation",
        "key-decisions": "meetings.KeyDecisionNotice",
    },
)
