"""Pages for one risk: its page with history and score timeline, add, change, assess, review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from joinedup.core import permissions
from joinedup.core.audit import history_for
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.services import partner_organisation_ids
from joinedup.core.views.helpers import editable_copy, form_page, require
from joinedup.risks import permissions as risk_permissions
from joinedup.risks import selectors, services
from joinedup.risks.forms import AcceptForm, AssessForm, ReviewForm, RiskForm
from joinedup.risks.models import Risk
from joinedup.risks.views.registers import register_url


def risk_url(risk: Risk) -> str:
    return reverse("risks:risk_detail", args=[risk.partnership.slug, risk.pk])


def _risk(request: HttpRequest, partnership: Partnership, pk: int) -> Risk:
    return selectors.risk_get(user=request.user, partnership=partnership, pk=pk)


@partnership_view
def risk_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    risk = _risk(request, partnership, pk)
    today = timezone.localdate()
    row = selectors.rows_for([risk], register=risk.register, today=today, user=request.user)[0]
    reviews = list(selectors.risk_reviews(user=request.user, risk=risk))
    context = {
        "partnership": partnership,
        "risk": risk,
        "row": row,
        "reviews": reviews,
        "timeline": list(reversed(reviews)),
        "history": history_for(risk)[:20],
        "can_edit": permissions.can_edit(request.user, risk),
        "can_contribute": risk_permissions.can_contribute(request.user, partnership),
        "acting_for": _acting_for(request.user, partnership),
        **selectors.risk_children(user=request.user, risk=risk),
    }
    return render(request, "risks/risk_detail.html", context)


def _acting_for(user: Any, partnership: Partnership) -> set[int]:
    """Organisations whose closure confirmations the user may give."""
    if risk_permissions.acts_for_every_partner(user, partnership):
        return partner_organisation_ids(partnership)
    return permissions.led_organisations(user, partnership.pk)


def _context(partnership: Partnership, title: str, back: str, **extra: Any) -> dict[str, Any]:
    return {"partnership": partnership, "title": title, "back_url": back, **extra}


@partnership_view
def risk_create(request: HttpRequest, partnership: Partnership, register_slug: str) -> HttpResponse:
    register = selectors.register_get(
        user=request.user, partnership=partnership, slug=register_slug
    )
    require(risk_permissions.can_add_risk(request.user, partnership))
    form = RiskForm(
        request.POST or None,
        partnership=partnership,
        user=request.user,
        initial={
            "lead_organisation": register.organisation_id,
            # A risk is never more visible than its register: offer the register's level.
            "confidentiality": register.confidentiality,
            "exempt_paragraph": register.exempt_paragraph,
            "restricted_to": list(register.restricted_to.values_list("pk", flat=True)),
        },
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.risk_create(actor=request.user, register=register, **data),
        success=lambda risk: f"{risk} added as a draft; assess it next.",
        redirect_to=risk_url,
        context=_context(partnership, f"Add a risk to {register.name}", register_url(register)),
    )


@partnership_view
def risk_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    risk = _risk(request, partnership, pk)
    require(permissions.can_edit(request.user, risk))
    form = RiskForm(
        request.POST or None,
        instance=editable_copy(risk),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.risk_update(actor=request.user, risk=risk, **data),
        success=lambda saved: f"{saved} saved.",
        redirect_to=risk_url,
        context=_context(partnership, f"Change {risk}", risk_url(risk)),
    )


@partnership_view
def risk_assess(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Score the risk; a target above the current score is saved with a warning."""
    risk = _risk(request, partnership, pk)
    require(permissions.can_edit(request.user, risk))
    matrix = selectors.matrix_for(risk.register)

    def save(**data: Any) -> Risk:
        result = services.risk_assess(actor=request.user, risk=editable_copy(risk), **data)
        for warning in result.warnings:
            messages.warning(request, warning)
        return result.risk

    return form_page(
        request,
        form=AssessForm(request.POST or None, matrix=matrix, risk=risk),
        save=save,
        success=lambda saved: f"{saved} assessed.",
        redirect_to=risk_url,
        context=_context(partnership, f"Assess {risk}", risk_url(risk), matrix=matrix),
        template="risks/assess.html",
    )


@partnership_view
def risk_review(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    risk = _risk(request, partnership, pk)
    require(permissions.can_record_review(request.user, risk))
    form = ReviewForm(
        request.POST or None,
        partnership=partnership,
        initial={"reviewer": request.user.pk, "reviewed_on": timezone.localdate()},
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.risk_review_record(actor=request.user, risk=risk, **data),
        success=lambda review: f"{review} recorded.",
        redirect_to=lambda review: risk_url(risk),
        context=_context(partnership, f"Record a review of {risk}", risk_url(risk)),
    )


@partnership_view
def risk_accept(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Tolerate the risk above appetite: approver, justification and expiry."""
    risk = _risk(request, partnership, pk)
    require(permissions.can_edit(request.user, risk))
    form = AcceptForm(
        request.POST or None,
        partnership=partnership,
        initial={"accepted_on": timezone.localdate()},
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.risk_accept(actor=request.user, risk=risk, **data),
        success=lambda acceptance: f"{acceptance} recorded.",
        redirect_to=lambda acceptance: risk_url(risk),
        context=_context(partnership, f"Tolerate {risk}", risk_url(risk)),
    )
