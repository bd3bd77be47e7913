"""Pages that change a risk or register after it is made: linked actions, register details and
appetites (with optimistic locking), revoking an acceptance, withdrawing a share, rating a control.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.permissions import get_visible_or_404
from joinedup.core.views.helpers import editable_copy, form_page, require
from joinedup.risks import selectors, services
from joinedup.risks.forms import (
    AppetiteForm,
    ControlRatingForm,
    ReasonForm,
    RegisterForm,
    RiskActionsForm,
)
from joinedup.risks.models import Register, Risk
from joinedup.risks.views.registers import register_url
from joinedup.risks.views.risks import risk_url


def _risk(request: HttpRequest, partnership: Partnership, pk: int) -> Risk:
    return selectors.risk_get(user=request.user, partnership=partnership, pk=pk)


def _register(request: HttpRequest, partnership: Partnership, slug: str) -> Register:
    return selectors.register_get(user=request.user, partnership=partnership, slug=slug)


def _context(partnership: Partnership, title: str, back: str) -> dict[str, object]:
    return {"partnership": partnership, "title": title, "back_url": back}


@partnership_view
def risk_actions(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Link or unlink work-programme actions that treat the risk."""
    risk = _risk(request, partnership, pk)
    require(permissions.can_edit(request.user, risk))
    return form_page(
        request,
        form=RiskActionsForm(request.POST or None, risk=risk, user=request.user),
        save=lambda **data: services.risk_update(actor=request.user, risk=risk, **data),
        success=lambda saved: f"Actions linked to {saved.reference} saved.",
        redirect_to=risk_url,
        context=_context(partnership, f"Work-programme actions for {risk}", risk_url(risk)),
    )


@partnership_view
def register_edit(
    request: HttpRequest, partnership: Partnership, register_slug: str
) -> HttpResponse:
    """Change the register's name, governing body and threshold (refused if changed since)."""
    register = _register(request, partnership, register_slug)
    require(permissions.can_edit(request.user, register))
    form = RegisterForm(
        request.POST or None,
        instance=editable_copy(register),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.register_update(actor=request.user, register=register, **data),
        success=lambda saved: f"{saved.name} saved.",
        redirect_to=register_url,
        context=_context(partnership, f"Change {register.name}", register_url(register)),
    )


@partnership_view
def appetite_edit(
    request: HttpRequest, partnership: Partnership, register_slug: str
) -> HttpResponse:
    """Set the register's appetite for a category, its approver and its review date."""
    register = _register(request, partnership, register_slug)
    require(permissions.can_edit(request.user, register))
    form = AppetiteForm(
        request.POST or None, register=register, matrix=selectors.matrix_for(register)
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.appetite_set(actor=request.user, register=register, **data),
        success=lambda appetite: f"Appetite for {appetite.get_category_display()} saved.",
        redirect_to=lambda appetite: register_url(register),
        context=_context(
            partnership, f"Set a risk appetite for {register.name}", register_url(register)
        ),
    )


@partnership_view
def acceptance_revoke(
    request: HttpRequest, partnership: Partnership, pk: int, acceptance: int
) -> HttpResponse:
    """Revoke a decision to tolerate the risk, saying why; the risk returns to assessed."""
    risk = _risk(request, partnership, pk)
    found = get_visible_or_404(risk.acceptances.all(), request.user, pk=acceptance)
    require(permissions.can_edit(request.user, risk))
    return form_page(
        request,
        form=ReasonForm(request.POST or None, label="Why is the acceptance revoked?"),
        save=lambda **data: services.risk_acceptance_revoke(
            actor=request.user, acceptance=found, **data
        ),
        success=lambda saved: f"{saved} revoked.",
        redirect_to=lambda saved: risk_url(risk),
        context=_context(partnership, f"Revoke the acceptance of {risk}", risk_url(risk)),
    )


@partnership_view
def share_withdraw(
    request: HttpRequest, partnership: Partnership, pk: int, entry: int
) -> HttpResponse:
    """The owning partner withdraws its risk from another register; it keeps the risk."""
    risk = _risk(request, partnership, pk)
    found = get_visible_or_404(risk.entries.select_related("register"), request.user, pk=entry)
    require(permissions.can_edit(request.user, risk))

    def save(**data: str) -> Risk:
        services.risk_unshare(actor=request.user, entry=found, **data)
        return risk

    return form_page(
        request,
        form=ReasonForm(request.POST or None, label="Why is it withdrawn?"),
        save=save,
        success=lambda saved: f"{saved.reference} withdrawn from {found.register.name}.",
        redirect_to=risk_url,
        context=_context(
            partnership, f"Withdraw {risk} from {found.register.name}", risk_url(risk)
        ),
    )


@partnership_view
def control_rate(
    request: HttpRequest, partnership: Partnership, pk: int, control: int
) -> HttpResponse:
    """Rate how well a control works."""
    risk = _risk(request, partnership, pk)
    found = get_visible_or_404(risk.controls.all(), request.user, pk=control)
    require(permissions.can_edit(request.user, risk))
    return form_page(
        request,
        form=ControlRatingForm(request.POST or None),
        save=lambda **data: services.control_rate(actor=request.user, control=found, **data),
        success=lambda saved: "Control rated.",
        redirect_to=lambda saved: risk_url(risk),
        context=_context(partnership, f"Rate a control of {risk}", risk_url(risk)),
    )
