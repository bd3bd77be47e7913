"""Demo meetings from the seed papers: loaded through the services, as the demo administrator.

Idempotent: a person, a seat or a meeting that already exists is left as it is (a meeting is
found by its body and date), so running the demo again writes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

from joinedup.accounts.models import Organisation, User
from joinedup.core.audit import audited_save
from joinedup.meetings import selectors, services
from joinedup.meetings.models import ActionArising, Meeting
from joinedup.partnerships import services as partnership_services
from joinedup.partnerships.models import Body, BodyMembership, TermsOfReference

DATA = Path(__file__).resolve().parent / "demo_data" / "meetings.yaml"
REASON = "Demo data (seed papers)"


def read_data() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def load(*, actor: Any) -> None:
    """Create the demo meetings that are missing (bodies and people come from the main demo)."""
    data = read_data()
    for person in data.get("people", []):
        _person(person, actor)
    for meeting in data["meetings"]:
        body = Body.objects.filter(slug=meeting["body"]).first()
        if body is None or _exists(body, meeting["date"]):
            continue
        _meeting(body, meeting, actor)


def _person(values: dict[str, Any], actor: Any) -> User:
    user = User.objects.filter(username=values["username"]).first()
    if user is None:
        org = Organisation.objects.get(slug=values["organisation"])
        user = User(username=values["username"], role_title=values["role_title"], organisation=org)
        user.set_unusable_password()
        audited_save(user, actor=None, reason=REASON)
    body = Body.objects.filter(slug=values.get("seat_on", "")).first()
    if body is not None and not BodyMembership.objects.filter(body=body, person=user).exists():
        partnership_services.body_membership_create(
            actor=actor, body=body, person=user, start_date=values.get("seat_from"), reason=REASON
        )
    return user


def _exists(body: Body, day: dt.date) -> bool:
    return any(m.date == day for m in Meeting.objects.filter(body=body))


def _start(values: dict[str, Any]) -> dt.datetime:
    time = dt.time.fromisoformat(values.get("time", "10:00"))
    return timezone.make_aware(dt.datetime.combine(values["date"], time))


def _meeting(body: Body, values: dict[str, Any], actor: Any) -> Meeting:
    meeting = services.meeting_create(
        actor=actor,
        body=body,
        start=_start(values),
        venue=values.get("venue", ""),
        notes=" ".join(values.get("notes", "").split()),
        reason=REASON,
    )
    for username in values.get("present", []):
        person = User.objects.get(username=username)
        services.attendance_record(actor=actor, meeting=meeting, person=person, reason=REASON)
    items = [_item(meeting, item, actor) for item in values.get("items", [])]
    if values.get("status") in ("agenda_published", "held"):
        published = selectors.meeting_agenda_deadline(meeting) or meeting.date
        services.meeting_agenda_publish(
            actor=actor, meeting=meeting, published_on=published, reason=REASON
        )
    if values.get("status") == "held":
        services.meeting_mark_held(actor=actor, meeting=meeting, reason=REASON)
        for item, item_values in zip(items, values.get("items", []), strict=True):
            _outcome(item, item_values, actor)
    return meeting


def _item(meeting: Meeting, values: dict[str, Any], actor: Any) -> Any:
    item = services.agenda_item_create(
        actor=actor,
        meeting=meeting,
        title=values["title"],
        decision_type=values.get("decision_type", "for_decision"),
        reason=REASON,
    )
    report_values = dict(values.get("report") or {})
    appendices = report_values.pop("appendices", [])
    if report_values:
        report_values = {k: _text(v) for k, v in report_values.items()}
        report = services.report_create(actor=actor, item=item, reason=REASON, **report_values)
        for appendix in appendices:
            services.attachment_add(
                actor=actor,
                report=report,
                title=appendix["title"],
                text=_text(appendix.get("text", "")),
                reason=REASON,
            )
    return item


def _text(value: Any) -> Any:
    """Folded YAML keeps its line breaks for lists (one a line); strip the trailing one."""
    return value.strip() if isinstance(value, str) else value


def _outcome(item: Any, values: dict[str, Any], actor: Any) -> None:
    for declaration in values.get("declarations", []):
        services.declaration_record(
            actor=actor,
            item=item,
            person=User.objects.get(username=declaration["person"]),
            interest_type=declaration["interest_type"],
            action=declaration["action"],
            description=_text(declaration.get("description", "")),
            reason=REASON,
        )
    services.agenda_item_mark_considered(actor=actor, item=item, reason=REASON)
    minute = values.get("minute")
    if minute:
        entry = services.minute_record(
            actor=actor,
            item=item,
            discussion=" ".join(minute.get("discussion", "").split()),
            resolutions=_text(minute.get("resolutions", "")),
            reason=REASON,
        )
        for action in minute.get("actions", []):
            owner = User.objects.filter(username=action.get("owner", "")).first()
            services.action_arising_create(
                actor=actor,
                minute=entry,
                description=" ".join(action["description"].split()),
                owner=owner,
                owner_title=action.get("owner_title", ""),
                due_on=action["due_on"],
                reason=REASON,
            )
    if values.get("decision"):
        _decision(item, values["decision"], actor)


def _decision(item: Any, values: dict[str, Any], actor: Any) -> None:
    decision = services.decision_record(
        actor=actor,
        item=item,
        title=values["title"],
        text=_text(values["text"]),
        reasons=" ".join(values.get("reasons", "").split()),
        alternatives_rejected=values.get("alternatives_rejected", ""),
        subject_to_call_in=values.get("subject_to_call_in"),
        reason=REASON,
    )
    versions = []
    tor = values.get("tor")
    if tor:
        # The foundation demo already approved this version (by Cabinet, that day): link it.
        versions = list(
            TermsOfReference.objects.filter(body__slug=tor["body"], version=tor["version"])
        )
    actions = list(ActionArising.objects.filter(minute__item=item))
    services.decision_link(
        actor=actor, decision=decision, tor_versions=versions, actions=actions, reason=REASON
    )
