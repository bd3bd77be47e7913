"""Pages for the partner organisations of a partnership."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

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
from joinedup.partnerships import selectors, services
from joinedup.partnerships.forms import PartnerFilterForm, PartnerForm


@partnership_view
def partner_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    filters = PartnerFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    partners = selectors.partner_list(
        user=request.user,
        partnership=partnership,
        membership_type=chosen.get("membership_type") or None,
        current_only=bool(chosen.get("current_only")),
    )
    context = {
        "partnership": partnership,
        "filters": filters,
        "page": paginate(request, partners),
        "query": query_without_page(request),
        "can_add": permissions.can_create_in(request.user, partnership),
    }
    template = (
        "partnerships/_partials/partner_results.html"
        if request.htmx
        else ("partnerships/partner_list.html")
    )
    return render(request, template, context)


@partnership_view
def partner_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    partner = selectors.partner_get(user=request.user, partnership=partnership, pk=pk)
    context = {
        "partnership": partnership,
        "partner": partner,
        "can_edit": permissions.can_edit(request.user, partner),
    }
    return render(request, "partnerships/partner_detail.html", context)


def _partner_url(partnership: Partnership, pk: int) -> str:
    return reverse("partnerships:partner_detail", args=[partnership.slug, pk])


@partnership_view
def partner_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    require(permissions.can_create_in(request.user, partnership))
    return form_page(
        request,
        form=PartnerForm(request.POST or None, partnership=partnership, user=request.user),
        save=lambda **data: services.partner_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda partner: f"{partner.organisation} added as a partner.",
        redirect_to=lambda partner: _partner_url(partnership, partner.pk),
        context={
            "partnership": partnership,
            "title": "Add a partner",
            "back_url": reverse("partnerships:partner_list", args=[partnership.slug]),
        },
    )


@partnership_view
def partner_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    partner = selectors.partner_get(user=request.user, partnership=partnership, pk=pk)
    require(permissions.can_edit(request.user, partner))
    form = PartnerForm(
        request.POST or None,
        instance=editable_copy(partner),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.partner_update(actor=request.user, partner=partner, **data),
        success=lambda saved: "Partner details saved.",
        redirect_to=lambda saved: _partner_url(partnership, partner.pk),
        context={
            "partnership": partnership,
            "title": f"Change {partner.organisation}",
            "back_url": _partner_url(partnership, partner.pk),
        },
    )
