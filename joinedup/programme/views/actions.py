"""Pages for actions: add, detail (progress timeline), change (optimistic lock), progress."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from joinedup.core import extensions, permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import editable_copy, form_page, require, run_service
from joinedup.programme import selectors, services
from joinedup.programme.forms import ActionForm, MilestoneForm, ProgressForm
from joinedup.programme.models import Action
from joinedup.programme.permissions import can_add_action, can_add_progress
from joinedup.programme.views._common import action_url, plan_url

FORM = "programme/form.html"


@partnership_view
def action_create(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, partnership=partnership, slug=plan_slug)
    require(can_add_action(request.user, plan))
    form = ActionForm(request.POST or None, partnership=partnership, user=request.user, plan=plan)
    return form_page(
        request,
        form=form,
        save=lambda **data: services.action_create(actor=request.user, plan=plan, **data),
        success=lambda action: f"Action {action.reference} added.",
        redirect_to=action_url,
        context={
            "partnership": partnership,
            "plan": plan,
            "title": "Add an action",
            "back_url": plan_url(plan),
        },
        template=FORM,
    )


def _progress_form(request: HttpRequest, action: Action, data: object = None) -> ProgressForm:
    return ProgressForm(
        data, action=action, user=request.user, initial={"date": timezone.localdate()}
    )


def _detail_context(request: HttpRequest, partnership: Partnership, action: Action) -> dict:
    user, today = request.user, timezone.localdate()
    selectors.decorate(action, today=today)
    return {
        "partnership": partnership,
        "plan": action.plan,
        "action": action,
        "updates": list(selectors.action_updates(action=action)),
        "milestones": selectors.action_milestones(user=user, action=action),
        "dependencies": selectors.action_dependencies(user=user, action=action),
        "carried_forward_as": selectors.carried_forward_as(user=user, action=action),
        "previous": action.previous_action
        if action.previous_action and permissions.can_view(user, action.previous_action)
        else None,
        "can_edit": permissions.can_edit(user, action),
        "can_report": can_add_progress(user, action),
        "panels": extensions.panels("programme.action_detail", action=action, user=user),
    }


@partnership_view
def action_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    context = _detail_context(request, partnership, action)
    if context["can_report"]:
        context["progress_form"] = _progress_form(request, action)
    return render(request, "programme/action_detail.html", context)


@partnership_view
def action_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(permissions.can_edit(request.user, action))
    form = ActionForm(
        request.POST or None,
        instance=editable_copy(action),
        partnership=partnership,
        user=request.user,
        plan=action.plan,
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.action_update(actor=request.user, action=action, **data),
        success=lambda saved: f"Action {saved.reference} saved.",
        redirect_to=action_url,
        context={
            "partnership": partnership,
            "plan": action.plan,
            "title": f"Change action {action.reference}",
            "back_url": action_url(action),
        },
        template=FORM,
    )


@partnership_view
def progress_add(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Add a progress update: inline on the action page with htmx, or as a page of its own."""
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(can_add_progress(request.user, action))
    form = _progress_form(request, action, request.POST or None)
    saved = None
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda **data: services.action_progress_add(actor=request.user, action=action, **data),
        )
        if saved is not None and not request.htmx:
            messages.success(request, "Progress update added.")
            return redirect(action_url(action))
    if request.htmx:
        if saved is not None:
            action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
            form = _progress_form(request, action)
        context = _detail_context(request, partnership, action)
        context.update(progress_form=form, just_added=saved)
        return render(request, "programme/_partials/progress.html", context)
    return render(
        request,
        "programme/progress_form.html",
        {
            "partnership": partnership,
            "plan": action.plan,
            "action": action,
            "form": form,
            "back_url": action_url(action),
        },
    )


class DependencyForm(forms.Form):
    depends_on = forms.ModelChoiceField(queryset=Action.objects.none(), label="Waits on action")
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args: object, action: Action, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["depends_on"]
        field.queryset = selectors.visible_actions(user=user, plan=action.plan).exclude(
            pk=action.pk
        )
        field.label_from_instance = lambda a: f"{a.reference}. {a.title[:70]}"

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


@partnership_view
def dependency_add(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(permissions.can_edit(request.user, action))
    return form_page(
        request,
        form=DependencyForm(request.POST or None, action=action, user=request.user),
        save=lambda **data: services.action_dependency_add(
            actor=request.user, action=action, **data
        ),
        success=lambda dep: f"Action {action.reference} now waits on {dep.depends_on.reference}.",
        redirect_to=lambda dep: action_url(action),
        context={
            "partnership": partnership,
            "plan": action.plan,
            "title": f"Action {action.reference} waits on…",
            "back_url": action_url(action),
        },
        template=FORM,
    )


@partnership_view
def action_milestone_create(
    request: HttpRequest, partnership: Partnership, pk: int
) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(permissions.can_edit(request.user, action))
    return form_page(
        request,
        form=MilestoneForm(request.POST or None),
        save=lambda **data: services.milestone_create(
            actor=request.user, plan=action.plan, action=action, **data
        ),
        success=lambda milestone: "Milestone added.",
        redirect_to=lambda milestone: action_url(action),
        context={
            "partnership": partnership,
            "plan": action.plan,
            "title": f"Add a milestone to action {action.reference}",
            "back_url": action_url(action),
        },
        template=FORM,
    )
