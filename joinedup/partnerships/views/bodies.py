"""Pages for governance bodies, their members and their reporting lines."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import (
    editable_copy,
    form_page,
    paginate,
    query_without_page,
    require,
)
from joinedup.partnerships import graph, selectors, services
from joinedup.partnerships import permissions as partnership_permissions
from joinedup.partnerships.forms import (
    BodyFilterForm,
    BodyForm,
    MembershipFilterForm,
    MembershipForm,
    ReportingLineForm,
)
from joinedup.partnerships.models import Body


def _body_url(body: Body) -> str:
    return reverse("partnerships:body_detail", args=[body.partnership.slug, body.slug])


@partnership_view
def body_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    filters = BodyFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    bodies = selectors.body_list(
        user=request.user,
        partnership=partnership,
        kind=chosen.get("kind") or None,
        q=chosen.get("q", ""),
    )
    context = {
        "partnership": partnership,
        "filters": filters,
        "page": paginate(request, bodies),
        "query": query_without_page(request),
        "can_add": partnership_permissions.can_add_bodies(request.user, partnership),
    }
    # One view, two faces: htmx asks for the results only when a filter changes.
    template = (
        "partnerships/_partials/body_results.html"
        if request.htmx
        else ("partnerships/body_list.html")
    )
    return render(request, template, context)


def _graph_svg(request: HttpRequest, partnership: Partnership, *, standalone: bool) -> str:
    data = selectors.accountability_graph(user=request.user, partnership=partnership)
    href = lambda node: reverse(  # noqa: E731
        "partnerships:body_detail", args=[partnership.slug, node.slug]
    )
    title = f"Accountability structure of {partnership.name}"
    return graph.render_svg(data, href=href, title=title, standalone=standalone)


@partnership_view
def body_graph(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    lines = selectors.reporting_lines(user=request.user, partnership=partnership)
    svg = _graph_svg(request, partnership, standalone=False)
    return render(
        request,
        "partnerships/body_graph.html",
        {
            "partnership": partnership,
            "svg": mark_safe(svg),  # noqa: S308 – built from escaped parts
            "lines": lines.order_by("child__name", "parent__name"),
            "bodies": selectors.body_list(user=request.user, partnership=partnership),
        },
    )


@partnership_view
def body_graph_svg(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    svg = _graph_svg(request, partnership, standalone=True)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@partnership_view
def body_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    require(partnership_permissions.can_add_bodies(request.user, partnership))
    return form_page(
        request,
        form=BodyForm(request.POST or None, partnership=partnership, user=request.user),
        save=lambda **data: services.body_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda body: f"{body} added.",
        redirect_to=_body_url,
        context={
            "partnership": partnership,
            "title": "Add a board, group or committee",
            "back_url": reverse("partnerships:body_list", args=[partnership.slug]),
        },
    )


@partnership_view
def body_detail(request: HttpRequest, partnership: Partnership, body_slug: str) -> HttpResponse:
    user = request.user
    body = selectors.body_get(user=user, partnership=partnership, slug=body_slug)
    filters = MembershipFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    seats = selectors.body_memberships(
        user=user,
        body=body,
        current_only=bool(chosen.get("current_only")),
        membership_type=chosen.get("membership_type") or None,
    )
    page = paginate(request, seats, per_page=50)
    context = {
        "partnership": partnership,
        "body": body,
        "filters": filters,
        "page": page,
        "query": query_without_page(request),
        "lines_up": selectors.body_parents(user=user, body=body),
        "lines_down": selectors.body_children(user=user, body=body),
        "versions": selectors.tor_versions(user=user, body=body),
        "can_edit": permissions.can_edit(user, body),
        "can_add": partnership_permissions.can_add_bodies(user, partnership),
        "editable_seats": {s.pk for s in page if permissions.can_edit(user, s)},
    }
    if request.htmx:
        return render(request, "partnerships/_partials/member_results.html", context)
    return render(request, "partnerships/body_detail.html", context)


@partnership_view
def body_edit(request: HttpRequest, partnership: Partnership, body_slug: str) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    require(permissions.can_edit(request.user, body))
    form = BodyForm(
        request.POST or None,
        instance=editable_copy(body),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.body_update(actor=request.user, body=body, **data),
        success=lambda saved: f"{saved} saved.",
        redirect_to=_body_url,
        context={
            "partnership": partnership,
            "title": f"Change {body}",
            "back_url": _body_url(body),
            "body": body,
        },
    )


@partnership_view
def membership_create(
    request: HttpRequest, partnership: Partnership, body_slug: str
) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    require(partnership_permissions.can_add_bodies(request.user, partnership))
    form = MembershipForm(
        request.POST or None, partnership=partnership, user=request.user, body=body
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.body_membership_create(actor=request.user, body=body, **data),
        success=lambda seat: f"{seat.person} added to {body}.",
        redirect_to=lambda seat: _body_url(body),
        context={
            "partnership": partnership,
            "title": f"Add a member to {body}",
            "back_url": _body_url(body),
            "body": body,
        },
    )


@partnership_view
def membership_edit(
    request: HttpRequest, partnership: Partnership, body_slug: str, pk: int
) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    seat = selectors.membership_get(user=request.user, body=body, pk=pk)
    require(permissions.can_edit(request.user, seat))
    form = MembershipForm(
        request.POST or None,
        instance=editable_copy(seat),
        partnership=partnership,
        user=request.user,
        body=body,
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.body_membership_update(
            actor=request.user, membership=seat, **data
        ),
        success=lambda saved: f"{saved.person}'s seat saved.",
        redirect_to=lambda saved: _body_url(body),
        context={
            "partnership": partnership,
            "title": f"Change {seat.person}'s seat",
            "back_url": _body_url(body),
            "body": body,
            "history_obj": seat,
        },
    )


@partnership_view
def reporting_line_create(
    request: HttpRequest, partnership: Partnership, body_slug: str
) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    require(permissions.can_create_in(request.user, partnership, body.owner_organisation_id))
    form = ReportingLineForm(
        request.POST or None, partnership=partnership, user=request.user, child=body
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.reporting_line_create(actor=request.user, child=body, **data),
        success=lambda line: f"{line} recorded.",
        redirect_to=lambda line: _body_url(body),
        context={
            "partnership": partnership,
            "title": f"Add a reporting line for {body}",
            "back_url": _body_url(body),
            "body": body,
        },
    )
