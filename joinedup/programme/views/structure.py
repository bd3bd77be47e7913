"""Pages changing a plan's structure: workstreams (add is in plans.py, change, close),
milestones (change) and an action's dependencies (list, remove; add is in actions.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import editable_copy, form_page, require
from joinedup.programme import selectors, services
from joinedup.programme.forms import MilestoneForm, WorkstreamCloseForm, WorkstreamForm
from joinedup.programme.models import ActionDependency
from joinedup.programme.views._common import action_url, plan_url

FORM = "programme/form.html"


@partnership_view
def workstream_list(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, partnership=partnership, slug=plan_slug)
    return render(
        request,
        "programme/workstreams.html",
        {
            "partnership": partnership,
            "plan": plan,
            "workstreams": selectors.workstreams(user=request.user, plan=plan),
            "milestones": selectors.plan_milestones(user=request.user, plan=plan),
            "can_edit": permissions.can_edit(request.user, plan),
        },
    )


def _stream(request: HttpRequest, partnership: Partnership, plan_slug: str, pk: int) -> tuple:
    plan = selectors.plan_get(user=request.user, partnership=partnership, slug=plan_slug)
    stream = selectors.workstreams(user=request.user, plan=plan).filter(pk=pk).first()
    if stream is None:
        raise Http404("Not found")
    require(permissions.can_edit(request.user, stream))
    return plan, stream


def _context(partnership: Partnership, plan: object, title: str, back: str) -> dict:
    return {"partnership": partnership, "plan": plan, "title": title, "back_url": back}


@partnership_view
def workstream_edit(
    request: HttpRequest, partnership: Partnership, plan_slug: str, workstream_pk: int
) -> HttpResponse:
    plan, stream = _stream(request, partnership, plan_slug, workstream_pk)
    back = plan_url(plan, "workstream_list")
    return form_page(
        request,
        form=WorkstreamForm(request.POST or None, instance=editable_copy(stream)),
        save=lambda **data: services.workstream_update(
            actor=request.user, workstream=stream, **data
        ),
        success=lambda saved: f"Workstream {saved} saved.",
        redirect_to=lambda saved: back,
        context=_context(partnership, plan, f"Change the workstream {stream}", back),
        template=FORM,
    )


@partnership_view
def workstream_close(
    request: HttpRequest, partnership: Partnership, plan_slug: str, workstream_pk: int
) -> HttpResponse:
    plan, stream = _stream(request, partnership, plan_slug, workstream_pk)
    back = plan_url(plan, "workstream_list")
    form = WorkstreamCloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    return form_page(
        request,
        form=form,
        save=lambda **data: services.workstream_close(
            actor=request.user, workstream=stream, **data
        ),
        success=lambda saved: f"Workstream {saved} closed.",
        redirect_to=lambda saved: back,
        context=_context(partnership, plan, f"Close the workstream {stream}", back),
        template=FORM,
    )


@partnership_view
def milestone_edit(
    request: HttpRequest, partnership: Partnership, plan_slug: str, milestone_pk: int
) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, partnership=partnership, slug=plan_slug)
    milestone = (
        selectors.plan_milestones(user=request.user, plan=plan).filter(pk=milestone_pk).first()
    )
    if milestone is None:
        raise Http404("Not found")
    owner = milestone.action or plan
    require(permissions.can_edit(request.user, owner))
    back = plan_url(plan, "workstream_list")
    return form_page(
        request,
        form=MilestoneForm(request.POST or None, instance=editable_copy(milestone)),
        save=lambda **data: services.milestone_update(
            actor=request.user, milestone=milestone, **data
        ),
        success=lambda saved: "Milestone saved.",
        redirect_to=lambda saved: back,
        context=_context(partnership, plan, "Change the milestone", back),
        template=FORM,
    )


@partnership_view
def dependencies(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """What the action waits on, each with a button to remove it (POST `dependency`)."""
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    can_edit = permissions.can_edit(request.user, action)
    found = selectors.action_dependencies(user=request.user, action=action)
    if request.method == "POST":
        require(can_edit)
        wanted = request.POST.get("dependency", "")
        dependency = next((d for d in found["waits_on"] if str(d.pk) == wanted), None)
        if dependency is None:
            raise Http404("Not found")
        _remove(request, dependency)
        return redirect(action_url(action, "dependencies"))
    return render(
        request,
        "programme/dependencies.html",
        {
            "partnership": partnership,
            "plan": action.plan,
            "action": action,
            "dependencies": found,
            "can_edit": can_edit,
        },
    )


def _remove(request: HttpRequest, dependency: ActionDependency) -> None:
    try:
        services.action_dependency_remove(
            actor=request.user,
            dependency=dependency,
            reason=request.POST.get("reason", "").strip()[:500],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    messages.success(
        request,
        f"Action {dependency.action.reference} no longer waits on "
        f"action {dependency.depends_on.reference}.",
    )
