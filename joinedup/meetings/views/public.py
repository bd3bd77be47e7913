"""Public pages, open to anyone: published agendas, public reports, approved minutes of public
items and public decisions. Exempt or restricted content is never listed, not even by title."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from joinedup.core.models import Partnership
from joinedup.meetings import ical, pack, selectors


def _partnership(slug: str) -> Partnership:
    return get_object_or_404(Partnership, slug=slug)


def _meeting(partnership: Partnership, pk: int):
    meeting = selectors.public_meetings(partnership).filter(pk=pk).first()
    if meeting is None:
        raise Http404("Not found")
    return meeting


def public_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(slug)
    context = {
        "public_partnership": partnership,
        "meetings": selectors.public_meetings(partnership)[:100],
        "bodies": selectors.public_bodies(partnership),
    }
    return render(request, "public/meeting_list.html", context)


def public_meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _partnership(slug)
    meeting = _meeting(partnership, pk)
    context = {
        "public_partnership": partnership,
        "meeting": meeting,
        "items": selectors.public_items(meeting),
        "minutes": selectors.public_minutes(meeting),
        "summaries": selectors.public_exempt_summaries(meeting),
    }
    return render(request, "public/meeting_detail.html", context)


def public_item(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    partnership = _partnership(slug)
    meeting = _meeting(partnership, pk)
    item = selectors.public_items(meeting).filter(pk=item_pk).first()
    if item is None:
        raise Http404("Not found")
    minute = selectors.public_minutes(meeting).filter(item=item).first()
    context = {
        "public_partnership": partnership,
        "meeting": meeting,
        "item": item,
        "reports": selectors.public_reports(item),
        "minute": minute,
    }
    return render(request, "public/item_detail.html", context)


def public_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(slug)
    context = {
        "public_partnership": partnership,
        "decisions": selectors.public_decisions(partnership)[:200],
    }
    return render(request, "public/decision_list.html", context)


def public_pack(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The public agenda pack: public items and reports only."""
    meeting = _meeting(_partnership(slug), pk)
    data = pack.pack_build(meeting=meeting, user=None)
    response = HttpResponse(pack.render_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pack.filename(meeting)}"'
    return response


def ical_feed(request: HttpRequest, slug: str, body_slug: str) -> HttpResponse:
    partnership = _partnership(slug)
    body = selectors.public_bodies(partnership).filter(slug=body_slug).first()
    if body is None:
        raise Http404("Not found")
    text = ical.body_feed(body=body, base_url=request.build_absolute_uri("/")[:-1])
    return HttpResponse(text, content_type="text/calendar; charset=utf-8")
