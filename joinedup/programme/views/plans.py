"""Pages for plans: list, detail (the actions table), add, change, refresh, workstreams."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import (
    editable_copy,
    form_page,
    paginate,
    query_without_page,
    require,
    run_service,
)
from joinedup.programme import permissions as programme_permissions
from joinedup.programme import selectors, services
from joinedup.programme.forms import (
    ActionFilterForm,
    MilestoneForm,
    PlanForm,
    RefreshForm,
    WorkstreamForm,
)
from joinedup.programme.models import Plan
from joinedup.programme.views._common import (
    PAGE_SIZE,
    plan_url,
)

FORM = "programme/form.html"


@partnership_view
def plan_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    plans = selectors.plan_list(user=request.user, partnership=partnership)
    return render(
        request,
        "programme/plan_list.html",
        {
            "partnership": partnership,
            "plans": plans,
            "can_add": programme_permissions.can_add_plan(request.user, partnership),
        },
    )


@partnership_view
def plan_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    require(programme_permissions.can_add_plan(request.user, partnership))
    return form_page(
        request,
        form=PlanForm(request.POST or None, partnership=partnership, user=request.user),
        save=lambda **data: services.plan_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda plan: f"{plan} added.",
        redirect_to=plan_url,
        context={
            "partnership": partnership,
            "title": "Add a plan or work programme",
            "back_url": reverse("programme:plan_list", args=[partnership.slug]),
        },
        template=FORM,
    )


@partnership_view
def plan_detail(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    plan = selectors.plan_get(user=user, partnership=partnership, slug=plan_slug)
    filters = ActionFilterForm(request.GET or None, plan=plan, user=user)
    actions = selectors.action_list(user=user, plan=plan, today=today, **filters.selector_kwargs())
    page = paginate(request, actions, per_page=PAGE_SIZE)
    page.object_list = selectors.with_latest(page.object_list, today=today)
    context = {
        "partnership": partnership,
        "plan": plan,
        "filters": filters,
        "page": page,
        "query": query_without_page(request),
        "today": today,
        "can_edit": permissions.can_edit(user, plan),
        "can_add": programme_permissions.can_add_action(user, plan),
    }
    if request.htmx:
        return render(request, "programme/_partials/action_results.html", context)
    context["priorities"] = selectors.priorities(user=user, plan=plan)
    context["workstreams"] = selectors.workstreams(user=user, plan=plan)
    return render(request, "programme/plan_detail.html", context)


def _plan_for_edit(request: HttpRequest, partnership: Partnership, plan_slug: str) -> Plan:
    plan = selectors.plan_get(user=request.user, partnership=partnership, slug=plan_slug)
    require(permissions.can_edit(request.user, plan))
    return plan


@partnership_view
def plan_edit(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    plan = _plan_for_edit(request, partnership, plan_slug)
    form = PlanForm(
        request.POST or None,
        instance=editable_copy(plan),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **data: services.plan_update(actor=request.user, plan=plan, **data),
        success=lambda saved: f"{saved} saved.",
        redirect_to=plan_url,
        context={
            "partnership": partnership,
            "title": f"Change {plan}",
            "back_url": plan_url(plan),
            "plan": plan,
        },
        template=FORM,
    )


@partnership_view
def workstream_create(
    request: HttpRequest, partnership: Partnership, plan_slug: str
) -> HttpResponse:
    plan = _plan_for_edit(request, partnership, plan_slug)
    return form_page(
        request,
        form=WorkstreamForm(request.POST or None),
        save=lambda **data: services.workstream_create(actor=request.user, plan=plan, **data),
        success=lambda stream: f"Workstream {stream} added.",
        redirect_to=lambda stream: plan_url(plan, "workstream_list"),
        context={
            "partnership": partnership,
            "title": "Add a workstream",
            "back_url": plan_url(plan),
            "plan": plan,
        },
        template=FORM,
    )


@partnership_view
def milestone_create(
    request: HttpRequest, partnership: Partnership, plan_slug: str
) -> HttpResponse:
    plan = _plan_for_edit(request, partnership, plan_slug)
    return form_page(
        request,
        form=MilestoneForm(request.POST or None),
        save=lambda **data: services.milestone_create(actor=request.user, plan=plan, **data),
        success=lambda milestone: "Milestone added.",
        redirect_to=lambda milestone: plan_url(plan, "dashboard"),
        context={
            "partnership": partnership,
            "title": "Add a milestone",
            "back_url": plan_url(plan, "dashboard"),
            "plan": plan,
        },
        template=FORM,
    )


@partnership_view
def plan_refresh(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    plan = _plan_for_edit(request, partnership, plan_slug)
    form = RefreshForm(request.POST or None, plan=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form, lambda **data: services.plan_refresh(actor=request.user, plan=plan, **data)
        )
        if result is not None:
            messages.success(
                request,
                f"{result.plan} created: {len(result.carried)} action(s) carried forward, "
                f"{len(result.closed)} closed.",
            )
            return redirect(plan_url(result.plan))
    return render(
        request,
        "programme/plan_refresh.html",
        {"partnership": partnership, "plan": plan, "form": form, "back_url": plan_url(plan)},
    )


@partnership_view
def updates_due(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    """What needs an update before the next report; the programme officer sends reminders."""
    user = request.user
    plan = selectors.plan_get(user=user, partnership=partnership, slug=plan_slug)
    can_remind = permissions.can_edit(user, plan)
    if request.method == "POST":
        require(can_remind)
        run = services.update_reminders_send(actor=user, plan=plan)
        messages.success(
            request,
            f"{run.sent} reminder(s) sent; {len(run.unsendable)} owner(s) without an email "
            "address must be asked in person.",
        )
        return redirect(plan_url(plan, "updates_due"))
    mine = request.GET.get("mine") == "1"
    due = selectors.updates_due(user=user, plan=plan, owner=user if mine else None)
    return render(
        request,
        "programme/updates_due.html",
        {
            "partnership": partnership,
            "plan": plan,
            "actions": due,
            "mine": mine,
            "can_remind": can_remind,
        },
    )
