"""An iCalendar (RFC 5545) feed of a public body's meetings, written by hand (no dependency)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from joinedup.meetings import selectors
from joinedup.meetings.models import Meeting
from joinedup.partnerships.models import Body

PRODID = "-//Joined-Up//Meetings//EN"
DURATION = dt.timedelta(hours=2)


def escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(meeting: Meeting, base_url: str, stamp: dt.datetime) -> list[str]:
    path = reverse("meetings:public_meeting", args=[meeting.partnership.slug, meeting.pk])
    status = "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED"
    return [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@joined-up",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(meeting.start)}",
        f"DTEND:{_utc(meeting.start + DURATION)}",
        f"SUMMARY:{escape(meeting.body.name)}",
        f"LOCATION:{escape(meeting.venue)}",
        f"URL:{base_url}{path}",
        f"STATUS:{status}",
        "END:VEVENT",
    ]


def body_feed(*, body: Body, base_url: str | None = None) -> str:
    """The feed of a public body's public meetings (scheduled ones included, no agenda detail).

    Each meeting's URL is absolute (calendar programs cannot follow a path): `base_url` is the
    site's address as the request reached it, or else the JOINEDUP_SITE_URL setting.
    """
    base_url = (base_url or settings.JOINEDUP_SITE_URL).rstrip("/")
    meetings = (
        Meeting.objects.filter(body=body, confidentiality="public")
        .select_related("body", "partnership")
        .order_by("start")
    )
    if body not in selectors.public_bodies(body.partnership):
        meetings = meetings.none()
    stamp = max((m.updated_at for m in meetings), default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(body.name)}",
    ]
    for meeting in meetings:
        lines.extend(_event(meeting, base_url, stamp))
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
