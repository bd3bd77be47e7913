"""Pages for minutes, the decision register and the register of interests."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import may_add
from joinedup.meetings import clocks, selectors, services
from joinedup.meetings.forms import ApproveMinutesForm, GiftForm, RegisterEntryForm
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
def minutes_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, partnership, pk)
    minutes = selectors.minutes_get(user=request.user, meeting=meeting)
    entries = selectors.minute_entries(user=request.user, minutes=minutes) if minutes else []
    context = {
        "partnership": partnership,
        "meeting": meeting,
        "minutes": minutes,
        "entries": entries,
        "attendance": selectors.attendance_list(user=request.user, meeting=meeting),
        "can_approve": minutes is not None and not minutes.approved and editable(request, minutes),
    }
    return render(request, "meetings/minutes_detail.html", context)


@partnership_view
def minutes_approve(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, partnership, pk)
    minutes = selectors.minutes_get(user=request.user, meeting=meeting)
    require(minutes is not None and editable(request, minutes))
    form = ApproveMinutesForm(request.POST or None, meeting=meeting)
    back = url(meeting)
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.minutes_approve(actor=request.user, minutes=minutes, **kw),
        success=lambda m: "The minutes are approved and signed.",
        redirect_to=lambda m: back,
        context={"partnership": partnership, "title": "Approve the minutes", "back_url": back},
        template=FORM,
    )


@partnership_view
def decision_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    body_slug = request.GET.get("body") or None
    body = None
    if body_slug:
        body = partnership_selectors.body_get(
            user=request.user, partnership=partnership, slug=body_slug
        )
    decisions = selectors.decision_list(user=request.user, partnership=partnership, body=body)
    context = {"partnership": partnership, "page": paginate(request, decisions), "body": body}
    return render(request, "meetings/decision_list.html", context)


@partnership_view
def decision_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, partnership=partnership, pk=pk)
    from joinedup.core.permissions import scope

    context = {
        "partnership": partnership,
        "decision": decision,
        "clock": selectors.decision_clock(decision),
        "implementable_from": selectors.decision_implementable_from(decision),
        "tor_versions": scope(decision.tor_versions.select_related("body"), request.user),
        "actions": scope(decision.actions.all(), request.user),
        "programme_actions": scope(decision.programme_actions.select_related("plan"), request.user),
        "notice_route": selectors.decision_route(decision),
        "can_edit": editable(request, decision),
    }
    return render(request, "meetings/decision_detail.html", context)


@partnership_view
def register(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    entries = selectors.register_list(user=request.user, partnership=partnership)
    with clocks.shared_calendar():
        gifts = [
            (gift, *selectors.gift_registration(gift))
            for gift in selectors.gift_list(user=request.user, partnership=partnership)[:100]
        ]
    context = {
        "partnership": partnership,
        "page": paginate(request, entries),
        "gifts": gifts,
        "can_add": may_add(request.user, partnership),
    }
    return render(request, "meetings/register.html", context)


def _register_form(
    request: HttpRequest,
    partnership: Partnership,
    *,
    form_class: Any,
    save: Any,
    title: str,
    success: str,
) -> HttpResponse:
    require(may_add(request.user, partnership))
    form = form_class(request.POST or None, partnership=partnership, user=request.user)
    back = reverse("meetings:register", args=[partnership.slug])
    return form_page(
        request,
        form=form,
        save=lambda **kw: save(actor=request.user, partnership=partnership, **kw),
        success=lambda saved: success,
        redirect_to=lambda saved: back,
        context={"partnership": partnership, "title": title, "back_url": back},
        template=FORM,
    )


@partnership_view
def register_entry_add(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _register_form(
        request,
        partnership,
        form_class=RegisterEntryForm,
        save=services.register_entry_create,
        title="Register an interest",
        success="Interest registered.",
    )


@partnership_view
def gift_add(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _register_form(
        request,
        partnership,
        form_class=GiftForm,
        save=services.gift_record,
        title="Record a gift or hospitality",
        success="Gift or hospitality recorded.",
    )
