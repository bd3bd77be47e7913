"""Pages for sharing a risk, partners' own assessments, closure confirmations and status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import form_page, require
from joinedup.risks import permissions as risk_permissions
from joinedup.risks import selectors, services
from joinedup.risks.forms import ContributionForm, ShareForm, StatusForm
from joinedup.risks.models import Risk
from joinedup.risks.views.risks import risk_url


def _risk(request: HttpRequest, partnership: Partnership, pk: int) -> Risk:
    return selectors.risk_get(user=request.user, partnership=partnership, pk=pk)


def _context(partnership: Partnership, title: str, risk: Risk) -> dict[str, Any]:
    return {"partnership": partnership, "title": title, "back_url": risk_url(risk)}


@partnership_view
def risk_share(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """The owning partner shows its risk on another register (the partnership's, usually)."""
    risk = _risk(request, partnership, pk)
    require(permissions.can_edit(request.user, risk))
    form = ShareForm(request.POST or None, risk=risk, partnership=partnership, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda **data: services.risk_share(actor=request.user, risk=risk, **data),
        success=lambda entry: f"{entry} added.",
        redirect_to=lambda entry: risk_url(risk),
        context=_context(partnership, f"Share {risk} on another register", risk),
    )


@partnership_view
def contribution_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """A partner records its owner and its own assessment of a joint risk."""
    risk = _risk(request, partnership, pk)
    require(risk_permissions.can_contribute(request.user, partnership))
    form = ContributionForm(
        request.POST or None,
        risk=risk,
        user=request.user,
        matrix=selectors.matrix_for(risk.register),
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.contribution_set(actor=request.user, risk=risk, **data),
        success=lambda part: f"{part.organisation}'s assessment recorded.",
        redirect_to=lambda part: risk_url(risk),
        context=_context(partnership, f"Your organisation's part in {risk}", risk),
    )


@partnership_view
def risk_status(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Move the risk along its states; closing a joint risk needs every contributor."""
    risk = _risk(request, partnership, pk)
    require(permissions.can_edit(request.user, risk))
    return form_page(
        request,
        form=StatusForm(request.POST or None, risk=risk),
        save=lambda **data: services.risk_transition(actor=request.user, risk=risk, **data),
        success=lambda saved: f"{saved} is now {saved.get_status_display().lower()}.",
        redirect_to=risk_url,
        context=_context(partnership, f"Change the status of {risk}", risk),
    )


@require_POST
@partnership_view
def closure_confirm(
    request: HttpRequest, partnership: Partnership, pk: int, part: int
) -> HttpResponse:
    """A contributing owner confirms the joint risk may close."""
    risk = _risk(request, partnership, pk)
    contribution = risk.contributions.filter(pk=part).first()
    if contribution is None:
        raise PermissionDenied
    services.contribution_confirm_closure(actor=request.user, contribution=contribution)
    messages.success(request, f"{contribution.organisation} confirmed the risk may close.")
    return redirect(risk_url(risk))
