"""Reads for meetings: every workspace selector takes the user; public ones show only public."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from joinedup.core import extensions
from joinedup.core.models import Confidentiality, Partnership
from joinedup.core.permissions import get_visible_or_404, scope, scope_public
from joinedup.meetings import clocks
from joinedup.meetings.models import (
    ActionArising,
    AgendaItem,
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
)
from joinedup.meetings.quorum import QuorumResult
from joinedup.meetings.selectors import interests as _interests

# Reads the services and the pages share (one module each, re-exported here).
from joinedup.meetings.selectors.agenda import (
    item_is_late as item_is_late,
)
from joinedup.meetings.selectors.agenda import (
    meeting_agenda_deadline as meeting_agenda_deadline,
)
from joinedup.meetings.selectors.attendance import (
    meeting_quorum as meeting_quorum,
)
from joinedup.meetings.selectors.attendance import (
    organisation_minimums as organisation_minimums,
)
from joinedup.meetings.selectors.attendance import (
    procedure_rules as procedure_rules,
)
from joinedup.meetings.selectors.attendance import (
    terms_in_force as terms_in_force,
)
from joinedup.meetings.selectors.attendance import (
    voters_present as voters_present,
)
from joinedup.meetings.selectors.attendance import (
    voting_seats as voting_seats,
)
from joinedup.meetings.selectors.decisions import (
    decision_clock as decision_clock,
)
from joinedup.meetings.selectors.decisions import (
    decision_implementable_from as decision_implementable_from,
)
from joinedup.meetings.selectors.interests import (
    declaration_notify_due as declaration_notify_due,
)
from joinedup.meetings.selectors.interests import (
    declaration_vote_counted as declaration_vote_counted,
)
from joinedup.meetings.selectors.interests import (
    dispensation_valid as dispensation_valid,
)
from joinedup.meetings.selectors.interests import (
    dispensation_valid_on as dispensation_valid_on,
)
from joinedup.meetings.selectors.interests import (
    gift_registration as gift_registration,
)
from joinedup.meetings.selectors.interests import (
    gift_threshold as gift_threshold,
)
from joinedup.meetings.selectors.notices import (
    decision_route as decision_route,
)
from joinedup.meetings.selectors.notices import (
    item_notice_problems as item_notice_problems,
)
from joinedup.meetings.selectors.notices import (
    notice_clock as notice_clock,
)
from joinedup.meetings.selectors.notices import (
    notice_problems as notice_problems,
)
from joinedup.meetings.selectors.votes import (
    VoteTally as VoteTally,
)
from joinedup.meetings.selectors.votes import (
    barred as barred,
)
from joinedup.meetings.selectors.votes import (
    eligible_voters as eligible_voters,
)
from joinedup.meetings.selectors.votes import (
    vote_tally as vote_tally,
)
from joinedup.partnerships.models import Body

PUBLISHED = [
    Meeting.Status.AGENDA_PUBLISHED,
    Meeting.Status.HELD,
    Meeting.Status.MINUTES_APPROVED,
]


def meeting_list(
    *, user: Any, partnership: Partnership, body: Body | None = None
) -> QuerySet[Meeting]:
    """The meetings the user may see, newest first, optionally of one body."""
    qs = Meeting.objects.filter(partnership=partnership).select_related("body__owner_organisation")
    if body is not None:
        qs = qs.filter(body=body)
    return scope(qs, user).order_by("-start")


def meeting_get(*, user: Any, partnership: Partnership, pk: int) -> Meeting:
    qs = Meeting.objects.filter(partnership=partnership).select_related("body")
    return get_visible_or_404(qs, user, pk=pk)


def item_list(*, user: Any, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda the user may see: exempt items only for those who may see exempt records."""
    return scope(AgendaItem.objects.filter(meeting=meeting), user).order_by("order")


def item_get(*, user: Any, meeting: Meeting, pk: int) -> AgendaItem:
    return get_visible_or_404(AgendaItem.objects.filter(meeting=meeting), user, pk=pk)


def report_list(*, user: Any, item: AgendaItem) -> QuerySet[Report]:
    return scope(Report.objects.filter(item=item), user).prefetch_related("attachments")


def attendance_list(*, user: Any, meeting: Meeting) -> QuerySet[Attendance]:
    qs = Attendance.objects.filter(meeting=meeting).select_related(
        "person", "substitute_for__person"
    )
    return scope(qs, user)


def declaration_list(*, user: Any, meeting: Meeting) -> QuerySet[Declaration]:
    qs = Declaration.objects.filter(item__meeting=meeting).select_related("person", "item")
    return scope(qs, user)


def minutes_get(*, user: Any, meeting: Meeting) -> Minutes | None:
    return scope(Minutes.objects.filter(meeting=meeting), user).first()


def minute_entries(*, user: Any, minutes: Minutes) -> list[MinuteItem]:
    """The minute entries the user may see, each with `visible_actions` (scoped on their own)."""
    actions = scope(ActionArising.objects.all(), user).select_related("owner")
    qs = MinuteItem.objects.filter(minutes=minutes).select_related("item")
    qs = qs.prefetch_related(Prefetch("actions", queryset=actions, to_attr="visible_actions"))
    return list(scope(qs, user))


def action_list(*, user: Any, minute: MinuteItem) -> QuerySet[ActionArising]:
    """Actions arising from a minute that the user may see (each has its own level)."""
    return scope(ActionArising.objects.filter(minute=minute), user).select_related("owner")


def register_prompts(*, user: Any, item: AgendaItem) -> list[RegisterEntry]:
    """The register entries that prompt a declaration on the item, as far as the user may see."""
    visible = set(
        scope(RegisterEntry.objects.filter(partnership=item.partnership), user).values_list(
            "pk", flat=True
        )
    )
    return [entry for entry in _interests.register_prompts(item) if entry.pk in visible]


def decision_list(
    *, user: Any, partnership: Partnership, body: Body | None = None
) -> QuerySet[Decision]:
    qs = Decision.objects.filter(partnership=partnership).select_related("body", "item")
    if body is not None:
        qs = qs.filter(body=body)
    return scope(qs, user).order_by("-decided_on", "id")


def _no_actions(*, user: Any, partnership: Any = None) -> QuerySet[Any]:
    return Decision._meta.get_field("programme_actions").related_model.objects.none()


def visible_programme_actions(*, user: Any, partnership: Any = None) -> QuerySet[Any]:
    """The work-programme actions the user may see (of the partnership, object or id), as
    joinedup.links provides them (core.extensions "meetings.visible_actions"); none without it."""
    found = extensions.hook("meetings.visible_actions", _no_actions)
    return found(user=user, partnership=partnership)


def decision_rows(decisions: QuerySet[Decision], *, user: Any) -> QuerySet[Decision]:
    """Decisions with what the API shows of each read at once, not per decision: the clock's
    organisation, the notice route, the partner organisations, and the terms of reference
    versions and work-programme actions linked to it that the user may see (scoped)."""
    from joinedup.partnerships.models import TermsOfReference

    versions = scope(TermsOfReference.objects.select_related("body"), user)
    actions = visible_programme_actions(user=user)
    return decisions.select_related(
        "body__owner_organisation", "item__key_decision_notice"
    ).prefetch_related(
        "restricted_to",
        Prefetch("tor_versions", queryset=versions, to_attr="visible_tor_versions"),
        Prefetch("programme_actions", queryset=actions, to_attr="visible_programme_actions"),
    )


def decision_get(*, user: Any, partnership: Partnership, pk: int) -> Decision:
    qs = Decision.objects.filter(partnership=partnership).select_related("body", "item")
    return get_visible_or_404(qs, user, pk=pk)


def register_list(*, user: Any, partnership: Partnership) -> QuerySet[RegisterEntry]:
    qs = RegisterEntry.objects.filter(partnership=partnership).select_related(
        "person", "organisation"
    )
    return scope(qs, user)


def gift_list(*, user: Any, partnership: Partnership) -> QuerySet[GiftHospitality]:
    qs = GiftHospitality.objects.filter(partnership=partnership).select_related(
        "person", "organisation"
    )
    return scope(qs, user).order_by("-received_on")


def notice_list(
    *, user: Any, partnership: Partnership, body: Body | None = None
) -> QuerySet[KeyDecisionNotice]:
    """The forward plan as the user may see it, soonest decision first."""
    qs = KeyDecisionNotice.objects.filter(partnership=partnership).select_related(
        "body__owner_organisation"
    )
    if body is not None:
        qs = qs.filter(body=body)
    return scope(qs, user).order_by("expected_decision_on", "id")


def notice_get(*, user: Any, partnership: Partnership, pk: int) -> KeyDecisionNotice:
    qs = KeyDecisionNotice.objects.filter(partnership=partnership).select_related("body")
    return get_visible_or_404(qs, user, pk=pk)


def terms_get(*, user: Any, partnership: Partnership, pk: int) -> Any:
    """One visible terms of reference version of the partnership, by id (else 404)."""
    from joinedup.partnerships.models import TermsOfReference

    qs = TermsOfReference.objects.filter(partnership=partnership).select_related("body")
    return get_visible_or_404(qs, user, pk=pk)


def dispensation_list(*, user: Any, partnership: Partnership) -> QuerySet[Dispensation]:
    qs = Dispensation.objects.filter(partnership=partnership).select_related(
        "person", "interest", "organisation"
    )
    return scope(qs, user).order_by("-valid_from", "id")


def dispensation_get(*, user: Any, partnership: Partnership, pk: int) -> Dispensation:
    qs = Dispensation.objects.filter(partnership=partnership).select_related("person", "interest")
    return get_visible_or_404(qs, user, pk=pk)


@dataclass
class ItemState:
    item: AgendaItem
    late: bool
    decisions: list[Decision] = field(default_factory=list)


@dataclass
class MeetingSummary:
    """What a meeting page shows beyond the records: derived dates, late items and quorum."""

    meeting: Meeting
    agenda_deadline: dt.date | None
    latest_calendar_day: dt.date | None
    items: list[ItemState]
    quorum: QuorumResult | None


def meeting_summary(*, user: Any, meeting: Meeting) -> MeetingSummary:
    """The meeting's agenda (as the user may see it) with its clocks and quorum."""
    decisions = Prefetch(
        "decisions", queryset=scope(Decision.objects.all(), user), to_attr="visible_decisions"
    )
    with clocks.shared_calendar():
        deadline = meeting_agenda_deadline(meeting)
        items = []
        for item in item_list(user=user, meeting=meeting).prefetch_related(decisions):
            item.meeting = meeting  # the agenda's own meeting: not read again per item
            items.append(
                ItemState(item=item, late=item_is_late(item), decisions=item.visible_decisions)
            )
    calendar_day = None
    if deadline is not None:
        from joinedup.core.calendar import deadline_calculate

        rule = meeting.body.publication_rule
        calendar_day = deadline_calculate(rule=rule, start=meeting.date).also.get(
            "latest_calendar_day"
        )
    return MeetingSummary(meeting, deadline, calendar_day, items, meeting_quorum(meeting))


# ---------------------------------------------------------------- public pages


def public_bodies(partnership: Partnership) -> QuerySet[Body]:
    return scope_public(Body.objects.filter(partnership=partnership))


def public_meetings(partnership: Partnership, body: Body | None = None) -> QuerySet[Meeting]:
    """Public meetings of public bodies whose agenda has been published."""
    qs = scope_public(Meeting.objects.filter(partnership=partnership, status__in=PUBLISHED))
    qs = qs.filter(body__confidentiality=Confidentiality.PUBLIC).select_related("body")
    if body is not None:
        qs = qs.filter(body=body)
    return qs.order_by("-start")


def public_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Public items only: an exempt or restricted item is not even listed by title."""
    return scope_public(AgendaItem.objects.filter(meeting=meeting)).order_by("order")


def public_reports(item: AgendaItem) -> QuerySet[Report]:
    return scope_public(Report.objects.filter(item=item)).prefetch_related("attachments")


def public_minutes(meeting: Meeting) -> QuerySet[MinuteItem]:
    """Minute entries of public items, once the minutes are approved (M4)."""
    minutes = scope_public(Minutes.objects.filter(meeting=meeting, status="approved")).first()
    if minutes is None:
        return MinuteItem.objects.none()
    qs = MinuteItem.objects.filter(minutes=minutes, item__confidentiality=Confidentiality.PUBLIC)
    return scope_public(qs).select_related("item")


@dataclass(frozen=True)
class ExemptSummary:
    """What the public minutes say of business taken in private: only its public summary (M4)."""

    order: int
    title: str
    paragraph: int | None
    summary: str


def public_exempt_summaries(meeting: Meeting) -> list[ExemptSummary]:
    """The public summaries written for exempt minutes of the approved minutes (s.100C(2)).

    Never the exempt text: only the summary, the item number, the Schedule 12A paragraph and,
    where the item itself is public, its title. Restricted items are left out altogether.
    """
    minutes = scope_public(Minutes.objects.filter(meeting=meeting, status="approved")).first()
    if minutes is None:
        return []
    exempt = Confidentiality.EXEMPT
    qs = (
        MinuteItem.objects.filter(minutes=minutes)
        .filter(Q(confidentiality=exempt) | Q(item__confidentiality=exempt))
        .exclude(item__confidentiality=Confidentiality.RESTRICTED)
        .exclude(public_summary="")
        .select_related("item")
        .order_by("item__order")
    )
    return [
        ExemptSummary(
            order=entry.item.order,
            title=entry.item.title if entry.item.confidentiality == Confidentiality.PUBLIC else "",
            paragraph=entry.exempt_paragraph or entry.item.exempt_paragraph,
            summary=entry.public_summary,
        )
        for entry in qs
    ]


def public_decisions(partnership: Partnership) -> QuerySet[Decision]:
    qs = scope_public(Decision.objects.filter(partnership=partnership))
    return qs.filter(body__confidentiality=Confidentiality.PUBLIC).select_related("body")
