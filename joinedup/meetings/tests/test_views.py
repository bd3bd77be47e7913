"""The meetings pages by persona, the public pages (never exempt content) and the iCal feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from joinedup.meetings import services
from joinedup.meetings.models import AgendaItem, Meeting
from joinedup.meetings.tests.conftest import at, present

D = dt.date
SECRET = "Staff consultation on the restructure"
SECRET_REPORT = "Redundancy numbers by team"


@pytest.fixture
def published(world, meeting, item, exempt_item):
    """The 6 January meeting: a public and an exempt item, agenda published, minutes approved."""
    po = world["programme_officer"]
    services.report_create(actor=po, item=item, title="Shared services report", purpose="Update")
    services.report_create(actor=po, item=exempt_item, title=SECRET_REPORT, purpose="Numbers")
    services.meeting_agenda_publish(actor=po, meeting=meeting, published_on=D(2025, 12, 23))
    services.meeting_mark_held(actor=po, meeting=meeting)
    present(world, meeting, "board_member", "contributor", "viewer")
    services.minute_record(actor=po, item=item, resolutions="(a) the update be noted")
    services.minute_record(actor=po, item=exempt_item, resolutions="(a) the secret plan be agreed")
    services.decision_record(actor=po, item=item, title="Shared services noted", text="(a) noted")
    services.decision_record(actor=po, item=exempt_item, title=SECRET, text="(a) agreed")
    nxt = services.meeting_create(
        actor=po, body=meeting.body, start=at(D(2026, 2, 3)), venue="Shire Hall"
    )
    services.minutes_approve(
        actor=po,
        minutes=meeting.minutes,
        approved_at=nxt,
        signed_by=world["board_member"],
        signed_on=D(2026, 2, 3),
    )
    return meeting


def _pages(meeting):
    item = AgendaItem.objects.get(meeting=meeting, order=1)
    args = ["own", meeting.pk]
    return [
        reverse("meetings:meeting_list", args=["own"]),
        reverse("meetings:body_meetings", args=["own", meeting.body.slug]),
        reverse("meetings:meeting_detail", args=args),
        reverse("meetings:item_detail", args=[*args, item.pk]),
        reverse("meetings:minutes_detail", args=args),
        reverse("meetings:decision_list", args=["own"]),
        reverse("meetings:decision_detail", args=["own", item.decisions.get().pk]),
        reverse("meetings:register", args=["own"]),
    ]


@pytest.mark.parametrize("persona", ["programme_officer", "board_member", "viewer"])
def test_it_shows_the_meeting_pages_to_members(client_for, published, persona):
    client = client_for(persona)
    for page in _pages(published):
        assert client.get(page).status_code == 200, page


def test_it_gives_the_outsider_404_everywhere(client_for, published):
    client = client_for("outsider")
    for page in _pages(published):
        assert client.get(page).status_code == 404, page


def test_it_hides_exempt_items_from_those_who_may_not_see_them(client_for, published):
    exempt = AgendaItem.objects.get(meeting=published, title=SECRET)
    url = reverse("meetings:meeting_detail", args=["own", published.pk])
    item_url = reverse("meetings:item_detail", args=["own", published.pk, exempt.pk])
    viewer = client_for("viewer")
    assert SECRET not in viewer.get(url).content.decode()
    assert viewer.get(item_url).status_code == 404
    board = client_for("board_member")
    assert SECRET in board.get(url).content.decode()
    assert SECRET_REPORT in board.get(item_url).content.decode()


def test_it_never_shows_exempt_content_on_the_public_pages(client, published):
    exempt = AgendaItem.objects.get(meeting=published, title=SECRET)
    pages = [
        reverse("meetings:public_meetings", args=["own"]),
        reverse("meetings:public_meeting", args=["own", published.pk]),
        reverse("meetings:public_decisions", args=["own"]),
    ]
    for page in pages:
        body = client.get(page).content.decode()
        assert SECRET not in body and "secret plan" not in body and SECRET_REPORT not in body
    public = client.get(pages[1]).content.decode()
    assert "the update be noted" in public
    assert (
        client.get(
            reverse("meetings:public_item", args=["own", published.pk, exempt.pk])
        ).status_code
        == 404
    )


def test_it_does_not_publish_draft_minutes_or_unpublished_agendas(client, world, meeting, item):
    services.minute_record(actor=world["programme_officer"], item=item, resolutions="(a) draft")
    assert (
        client.get(reverse("meetings:public_meeting", args=["own", meeting.pk])).status_code == 404
    )
    services.meeting_agenda_publish(
        actor=world["programme_officer"], meeting=meeting, published_on=D(2025, 12, 23)
    )
    page = client.get(reverse("meetings:public_meeting", args=["own", meeting.pk]))
    assert page.status_code == 200 and "(a) draft" not in page.content.decode()


def test_it_serves_an_ical_feed_of_a_public_body(client, published):
    response = client.get(reverse("meetings:ical_feed", args=["own", published.body.slug]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert text.count("BEGIN:VEVENT") == Meeting.objects.filter(body=published.body).count()
    assert "DTSTART:20260106T140000Z" in text
    assert all(len(line.encode()) <= 75 for line in lines)
    # Calendar programs cannot follow a path: each meeting's URL is absolute.
    urls = [line for line in text.replace("\r\n ", "").split("\r\n") if line.startswith("URL:")]
    assert urls and all(url.startswith("URL:http://testserver/public/own/") for url in urls)


def test_it_refuses_marking_a_late_item_considered_without_a_reason_on_the_page(
    client_for, world, meeting
):
    late = services.agenda_item_create(
        actor=world["programme_officer"], meeting=meeting, title="Urgent", added_on=D(2026, 1, 5)
    )
    client = client_for("programme_officer")
    url = reverse("meetings:item_considered", args=["own", meeting.pk, late.pk])
    response = client.post(url, {"urgency_reason": ""})
    assert response.status_code == 200
    assert "late item" in response.content.decode()
    assert not AgendaItem.objects.get(pk=late.pk).considered
    response = client.post(url, {"urgency_reason": "Grant deadline"})
    assert response.status_code == 302


def test_it_lets_the_programme_officer_add_a_meeting_and_refuses_the_viewer(client_for, committee):
    data = {"body": committee.pk, "date": "2026-03-03", "time": "14:00", "venue": "Shire Hall"}
    assert (
        client_for("viewer")
        .post(reverse("meetings:meeting_create", args=["own"]), data)
        .status_code
        == 403
    )
    response = client_for("programme_officer").post(
        reverse("meetings:meeting_create", args=["own"]), data
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(body=committee).count() == 1


def test_it_builds_the_pack_pdf_from_the_page(client_for, published):
    response = client_for("programme_officer").get(
        reverse("meetings:meeting_pack", args=["own", published.pk])
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def _form_pages(meeting, item):
    args = ["own", meeting.pk]
    return [
        reverse("meetings:meeting_create", args=["own"]),
        reverse("meetings:schedule_generate", args=["own", meeting.body.slug]),
        reverse("meetings:attendance_add", args=args),
        reverse("meetings:item_create", args=args),
        reverse("meetings:minutes_approve", args=args),
        *[
            reverse(f"meetings:{name}", args=[*args, item.pk])
            for name in (
                "item_considered",
                "report_create",
                "declaration_add",
                "vote_add",
                "minute_edit",
                "action_add",
                "decision_create",
            )
        ],
    ]


def test_it_shows_every_form_to_the_programme_officer_and_refuses_the_viewer(
    client_for, world, meeting, item
):
    services.minute_record(actor=world["programme_officer"], item=item, discussion="x")
    pages = _form_pages(meeting, item)
    officer = client_for("programme_officer")
    for page in pages:
        assert officer.get(page).status_code == 200, page
    viewer = client_for("viewer")
    for page in pages:
        assert viewer.get(page).status_code == 403, page


def test_it_records_a_declaration_and_refuses_a_dpi_remaining_on_the_page(
    client_for, world, meeting, item
):
    url = reverse("meetings:declaration_add", args=["own", meeting.pk, item.pk])
    client = client_for("programme_officer")
    data = {"person": world["contributor"].pk, "interest_type": "dpi", "action": "remained"}
    response = client.post(url, data)
    assert response.status_code == 200 and "they must leave the room" in response.content.decode()
    data["action"] = "left_room"
    assert client.post(url, data).status_code == 302


def test_it_publishes_the_agenda_from_the_meeting_page(client_for, meeting):
    client = client_for("programme_officer")
    url = reverse("meetings:meeting_advance", args=["own", meeting.pk])
    assert client.post(url, {"to": "agenda_published"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "agenda_published"


def test_it_uploads_a_file_and_serves_it_only_to_those_who_may_see_it(
    client_for, world, meeting, exempt_item
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.security.hostile_files import pdf

    report = services.report_create(
        actor=world["programme_officer"], item=exempt_item, title="Staffing"
    )
    officer = client_for("programme_officer")
    url = reverse("meetings:attachment_add", args=["own", meeting.pk, exempt_item.pk, report.pk])
    upload = SimpleUploadedFile("appendix.pdf", pdf(1), content_type="application/pdf")
    assert officer.post(url, {"title": "Appendix A", "file": upload}).status_code == 302
    attachment = report.attachments.get()
    file_url = reverse(
        "meetings:attachment_file", args=["own", meeting.pk, exempt_item.pk, attachment.pk]
    )
    assert b"".join(officer.get(file_url).streaming_content) == pdf(1)
    officer.logout()
    assert client_for("viewer").get(file_url).status_code == 404


def test_it_registers_an_interest_and_a_gift_from_the_register_page(client_for, world):
    client = client_for("programme_officer")
    entry = {
        "person": world["contributor"].pk,
        "organisation": world.council.pk,
        "category": "dpi",
        "dpi_kind": "securities",
        "subject": "Acme Holdings",
    }
    assert (
        client.post(reverse("meetings:register_entry_add", args=["own"]), entry).status_code == 302
    )
    gift = {
        "person": world["board_member"].pk,
        "organisation": world.council.pk,
        "received_on": "2026-03-01",
        "donor": "A supplier",
        "description": "Dinner",
        "estimated_value": "60",
        "accepted": "on",
    }
    assert client.post(reverse("meetings:gift_add", args=["own"]), gift).status_code == 302
    page = client.get(reverse("meetings:register", args=["own"])).content.decode()
    assert "Acme Holdings" in page and "29 Mar 2026" in page


def test_it_says_attendance_not_recorded_rather_than_not_quorate(client_for, world, meeting):
    url = reverse("meetings:meeting_detail", args=["own", meeting.pk])
    html = client_for("viewer").get(url).content.decode()
    assert "Attendance not recorded" in html
    assert "Not quorate" not in html and "govuk-tag--red" not in html
    present(world, meeting, "board_member")
    html = client_for("viewer").get(url).content.decode()
    assert "Not quorate" in html and "1 of 3 voting members present" in html
    assert "Attendance not recorded" not in html
    present(world, meeting, "viewer", "contributor")
    assert ">Quorate<" in client_for("viewer").get(url).content.decode()
