"""Pages linking an action to decisions and risks (the link is recorded on the other side).

Served at the action's own address (.../programme/actions/<pk>/decisions/link/ and so on)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.lookups import scoped_or_none
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import form_page, require
from joinedup.links import selectors as links
from joinedup.links import services
from joinedup.programme import selectors
from joinedup.programme.models import Action
from joinedup.programme.views._common import action_url

FORM = "programme/form.html"


class DecisionLinkForm(forms.Form):
    decision = forms.ModelChoiceField(
        queryset=links.Decision.objects.none(),
        label="Decision",
        help_text="A decision that led to this action or governs it",
    )

    def __init__(self, *args: Any, action: Action, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.queryset = links.decision_choices(action, user)
        field.label_from_instance = str

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RiskLinkForm(forms.Form):
    risk = forms.ModelChoiceField(
        queryset=links.Risk.objects.none(),
        label="Risk",
        help_text="A risk this action treats",
    )

    def __init__(self, *args: Any, action: Action, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["risk"]
        field.queryset = links.risk_choices(action, user)
        field.label_from_instance = lambda r: f"{r.reference}. {r.title} ({r.register})"

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def _editable_action(request: HttpRequest, partnership: Partnership, pk: int) -> Action:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(permissions.can_edit(request.user, action))
    return action


def _link_page(request: HttpRequest, partnership: Partnership, action: Action, kind: str) -> Any:
    form_class, service = {
        "decision": (DecisionLinkForm, services.action_decision_link),
        "risk": (RiskLinkForm, services.action_risk_link),
    }[kind]
    return form_page(
        request,
        form=form_class(request.POST or None, action=action, user=request.user),
        save=lambda **data: service(actor=request.user, action=action, **data),
        success=lambda other: f"Action {action.reference} linked to {kind} {other}.",
        redirect_to=lambda other: action_url(action),
        context={
            "partnership": partnership,
            "plan": action.plan,
            "title": f"Link action {action.reference} to a {kind}",
            "back_url": action_url(action),
        },
        template=FORM,
    )


@partnership_view
def decision_link(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    return _link_page(request, partnership, _editable_action(request, partnership, pk), "decision")


@partnership_view
def risk_link(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    return _link_page(request, partnership, _editable_action(request, partnership, pk), "risk")


def _unlink(request: HttpRequest, partnership: Partnership, pk: int, kind: str) -> HttpResponse:
    """POST `decision` or `risk` (an id): remove that direct link; an unseen one is a 404."""
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    # A POST-only button: a GET is refused (403) to whoever may see the action.
    require(request.method == "POST" and permissions.can_edit(request.user, action))
    source = links.visible_decisions if kind == "decision" else links.visible_risks
    # A decision or risk of this partnership the user may see; any other id is a 404 alike.
    other = scoped_or_none(source(request.user), partnership, pk=request.POST.get(kind) or None)
    if other is None:
        raise Http404("Not found")
    unlink = services.action_decision_unlink if kind == "decision" else services.action_risk_unlink
    try:
        unlink(actor=request.user, action=action, **{kind: other})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Action {action.reference} no longer linked to {other}.")
    return redirect(action_url(action))


@partnership_view
def decision_unlink(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    return _unlink(request, partnership, pk, "decision")


@partnership_view
def risk_unlink(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    return _unlink(request, partnership, pk, "risk")
