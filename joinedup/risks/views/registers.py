"""Pages for registers: the list, the register table, heat map, exceptions, exports, import."""

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
    form_page,
    paginate,
    query_without_page,
    require,
)
from joinedup.risks import heatmap, io, report, selectors, services
from joinedup.risks import permissions as risk_permissions
from joinedup.risks.forms import ImportForm, RegisterFilterForm, RegisterReviewForm
from joinedup.risks.models import Register


def _register(request: HttpRequest, partnership: Partnership, register_slug: str) -> Register:
    return selectors.register_get(user=request.user, partnership=partnership, slug=register_slug)


def register_url(register: Register) -> str:
    return reverse("risks:register_detail", args=[register.partnership.slug, register.slug])


@partnership_view
def register_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    registers = selectors.register_list(user=request.user, partnership=partnership)
    return render(
        request, "risks/register_list.html", {"partnership": partnership, "registers": registers}
    )


def _filters(form: RegisterFilterForm) -> selectors.Filters:
    if not form.is_valid():
        return selectors.Filters()
    data = form.cleaned_data
    return selectors.Filters(
        organisation=data["organisation"].pk if data.get("organisation") else None,
        category=data.get("category") or "",
        band=data.get("band") or "",
        owner=data["owner"].pk if data.get("owner") else None,
        overdue=bool(data.get("overdue")),
    )


@partnership_view
def register_detail(
    request: HttpRequest, partnership: Partnership, register_slug: str
) -> HttpResponse:
    """The register table: filtered, paginated, one query for the rows whatever their number."""
    register = _register(request, partnership, register_slug)
    today = timezone.localdate()
    matrix = selectors.matrix_for(register)
    form = RegisterFilterForm(
        request.GET or None, partnership=partnership, user=request.user, matrix=matrix
    )
    qs = selectors.register_rows(
        user=request.user, register=register, filters=_filters(form), today=today
    )
    page = paginate(request, qs)
    rows = selectors.rows_for(page.object_list, register=register, today=today, user=request.user)
    context = {
        "partnership": partnership,
        "register": register,
        "matrix": matrix,
        "filters": form,
        "page": page,
        "rows": rows,
        "query": query_without_page(request),
        "can_add": risk_permissions.can_add_risk(request.user, partnership),
        "can_review": permissions.can_record_review(request.user, register),
        "can_edit": permissions.can_edit(request.user, register),
        "appetites": selectors.appetites(user=request.user, register=register),
        "today": today,
    }
    template = "risks/_partials/register_rows.html" if request.htmx else "risks/register.html"
    return render(request, template, context)


@partnership_view
def heat_map(request: HttpRequest, partnership: Partnership, register_slug: str) -> HttpResponse:
    register = _register(request, partnership, register_slug)
    today = timezone.localdate()
    matrix = selectors.matrix_for(register)
    grids = [
        heatmap.build(
            matrix,
            selectors.heat_data(
                user=request.user,
                register=register,
                today=today,
                which=which,
                per_cell=heatmap.MAX_MARKERS,
            ),
            which=which,
        )
        for which in ("inherent", "current")
    ]
    page = paginate(
        request, selectors.register_rows(user=request.user, register=register, today=today)
    )
    rows = selectors.rows_for(page.object_list, register=register, today=today, user=request.user)
    return render(
        request,
        "risks/heat_map.html",
        {
            "partnership": partnership,
            "register": register,
            "matrix": matrix,
            "grids": grids,
            "page": page,
            "rows": rows,
            "arrows": heatmap.ARROWS,
        },
    )


@partnership_view
def exceptions(request: HttpRequest, partnership: Partnership, register_slug: str) -> HttpResponse:
    register = _register(request, partnership, register_slug)
    report_rows = selectors.exceptions(
        user=request.user, register=register, today=timezone.localdate()
    )
    sections = [
        ("escalated", "Escalated", "Risks escalated to a governing body"),
        ("above_appetite", "Above appetite", "Current score above the category's appetite"),
        ("tolerated", "Tolerated", "Risks accepted above appetite, until their expiry"),
        ("overdue", "Review overdue", "Risks whose review date has passed"),
    ]
    return render(
        request,
        "risks/exceptions.html",
        {
            "partnership": partnership,
            "register": register,
            "sections": [(key, title, hint, report_rows[key]) for key, title, hint in sections],
        },
    )


@partnership_view
def register_review(
    request: HttpRequest, partnership: Partnership, register_slug: str
) -> HttpResponse:
    """Record that the governing body reviewed the whole register at a meeting."""
    register = _register(request, partnership, register_slug)
    require(permissions.can_record_review(request.user, register))
    return form_page(
        request,
        form=RegisterReviewForm(request.POST or None, register=register, user=request.user),
        save=lambda **data: services.register_review_at_meeting(
            actor=request.user, register=register, **data
        ),
        success=lambda review: f"{review} recorded for every risk on the register.",
        redirect_to=lambda review: register_url(register),
        context={
            "partnership": partnership,
            "title": f"Record a review of {register.name} at a meeting",
            "back_url": register_url(register),
        },
    )


@partnership_view
def register_export(
    request: HttpRequest, partnership: Partnership, register_slug: str
) -> HttpResponse:
    register = _register(request, partnership, register_slug)
    content = io.export_xlsx(user=request.user, register=register, today=timezone.localdate())
    response = HttpResponse(content, content_type=io.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{register.slug}.xlsx"'
    return response


@partnership_view
def register_report(
    request: HttpRequest, partnership: Partnership, register_slug: str, fmt: str
) -> HttpResponse:
    register = _register(request, partnership, register_slug)
    context = report.build_context(user=request.user, register=register, today=timezone.localdate())
    content, content_type = report.render(context, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{register.slug}-board-report.{fmt}"'
    return response


@partnership_view
def register_import(
    request: HttpRequest, partnership: Partnership, register_slug: str
) -> HttpResponse:
    """Import risks from a spreadsheet: every row is checked first; any error imports nothing."""
    register = _register(request, partnership, register_slug)
    require(permissions.can_edit(request.user, register))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[io.Problem] = []
    if request.method == "POST" and form.is_valid():
        result = io.import_xlsx(
            actor=request.user,
            register=register,
            content=form.cleaned_data["file"].read(),
            dry_run=form.cleaned_data["dry_run"],
        )
        problems = result.problems
        if not problems:
            verb = "would be imported" if result.dry_run else "imported"
            messages.success(request, f"{result.count} risks {verb}.")
            return redirect(register_url(register))
    return render(
        request,
        "risks/import.html",
        {"partnership": partnership, "register": register, "form": form, "problems": problems},
    )
