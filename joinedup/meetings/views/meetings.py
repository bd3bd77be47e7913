"""Pages for meetings: lists (per partnership and per body), the meeting, new meetings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import may_add
from joinedup.meetings import pack, selectors, services
from joinedup.meetings.forms import AttendanceForm, MeetingForm, ScheduleForm
from joinedup.meetings.permissions import can_add_meeting
from joinedup.meetings.views._common import (
    FORM,
    editable,
    form_page,
    meeting_or_404,
    paginate,
    require,
    url,
)
from joinedup.partnerships import selectors as partnership_selectors


@partnership_view
def meeting_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    meetings = selectors.meeting_list(user=request.user, partnership=partnership)
    context = {
        "partnership": partnership,
        "page": paginate(request, meetings),
        "can_add": may_add(request.user, partnership),
        "heading": "Meetings",
    }
    return render(request, "meetings/meeting_list.html", context)


@partnership_view
def body_meetings(request: HttpRequest, partnership: Partnership, body_slug: str) -> HttpResponse:
    body = partnership_selectors.body_get(
        user=request.user, partnership=partnership, slug=body_slug
    )
    meetings = selectors.meeting_list(user=request.user, partnership=partnership, body=body)
    context = {
        "partnership": partnership,
        "body": body,
        "page": paginate(request, meetings),
        "can_add": permissions.can_edit(request.user, body)
        or permissions.can_administer(request.user, partnership),
        "heading": f"Meetings of {body.name}",
    }
    return render(request, "meetings/meeting_list.html", context)


@partnership_view
def meeting_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    require(may_add(request.user, partnership))
    form = MeetingForm(request.POST or None, partnership=partnership, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.meeting_create(actor=request.user, **kw),
        success=lambda m: f"Meeting of {m.body} on {m.date:%-d %B %Y} added.",
        redirect_to=url,
        context={
            "partnership": partnership,
            "title": "Add a meeting",
            "back_url": reverse("meetings:meeting_list", args=[partnership.slug]),
        },
        template=FORM,
    )


@partnership_view
def schedule_generate(
    request: HttpRequest, partnership: Partnership, body_slug: str
) -> HttpResponse:
    body = partnership_selectors.body_get(
        user=request.user, partnership=partnership, slug=body_slug
    )
    require(can_add_meeting(request.user, body))
    form = ScheduleForm(request.POST or None)
    back = reverse("meetings:body_meetings", args=[partnership.slug, body.slug])
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.meeting_schedule_generate(actor=request.user, body=body, **kw),
        success=lambda made: "Schedule of meetings created.",
        redirect_to=lambda made: back,
        context={
            "partnership": partnership,
            "title": f"Schedule meetings of {body.name}",
            "back_url": back,
        },
        template=FORM,
    )


@partnership_view
def meeting_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, partnership, pk)
    context = {
        "partnership": partnership,
        "meeting": meeting,
        "summary": selectors.meeting_summary(user=request.user, meeting=meeting),
        "attendance": selectors.attendance_list(user=request.user, meeting=meeting),
        "declarations": selectors.declaration_list(user=request.user, meeting=meeting),
        "minutes": selectors.minutes_get(user=request.user, meeting=meeting),
        "can_edit": editable(request, meeting),
        "terms": selectors.terms_in_force(meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


@partnership_view
def meeting_advance(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """POST: publish the agenda (today) or record that the meeting was held."""
    meeting = meeting_or_404(request, partnership, pk)
    require(editable(request, meeting) and request.method == "POST")
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    try:
        if request.POST.get("to") == "held":
            services.meeting_mark_held(actor=request.user, meeting=meeting)
        else:
            services.meeting_agenda_publish(
                actor=request.user, meeting=meeting, published_on=timezone.localdate()
            )
        messages.success(request, f"The meeting is now: {meeting.get_status_display().lower()}.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(url(meeting))


@partnership_view
def attendance_add(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, partnership, pk)
    require(editable(request, meeting))
    form = AttendanceForm(request.POST or None, meeting=meeting, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.attendance_record(actor=request.user, meeting=meeting, **kw),
        success=lambda row: f"Attendance recorded for {row.person}.",
        redirect_to=lambda row: url(meeting) + "#attendance",
        context={
            "partnership": partnership,
            "title": "Record attendance",
            "back_url": url(meeting),
        },
        template=FORM,
    )


@partnership_view
def meeting_pack(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """The agenda pack PDF as this user may see it (the full pack for those who see exempt)."""
    meeting = meeting_or_404(request, partnership, pk)
    data = pack.pack_build(meeting=meeting, user=request.user)
    response = HttpResponse(pack.render_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pack.filename(meeting)}"'
    return response


@partnership_view
def meeting_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Change when or where the meeting is, or its notes (kept in its history)."""
    from django.utils import timezone

    from joinedup.meetings.forms_registers import MeetingEditForm

    meeting = meeting_or_404(request, partnership, pk)
    require(editable(request, meeting))
    local = timezone.localtime(meeting.start)
    initial = {
        "date": local.date(),
        "time": local.time(),
        "venue": meeting.venue,
        "notes": meeting.notes,
    }
    form = MeetingEditForm(request.POST or None, initial=initial)

    def save(**kw: object) -> object:
        if kw.get("start") == meeting.start:
            kw.pop("start")  # unchanged: a held meeting may still have its venue or notes fixed
        return services.meeting_update(actor=request.user, meeting=meeting, **kw)

    return form_page(
        request,
        form=form,
        save=save,
        success=lambda m: "Meeting changed.",
        redirect_to=url,
        context={
            "partnership": partnership,
            "title": "Change the meeting",
            "back_url": url(meeting),
        },
        template=FORM,
    )
