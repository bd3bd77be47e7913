"""Pages for the progress report (HTML, with DOCX/PDF/HTML downloads) and for importing and
exporting a plan's actions. Every page starts from a plan the user may see (else 404); the
import also needs the right to add actions (else 403), and each row is then checked by the
services as that user."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.programme.io.actions import export_actions, import_actions
from joinedup.programme.io.safety import MAX_UPLOAD_BYTES, UploadRejected
from joinedup.programme.models import Plan
from joinedup.programme.report import progress_report_context, to_document
from joinedup.reports.html import template_context
from joinedup.reports.render import Format
from joinedup.reports.render import render as render_report


def plan_or_404(user: Any, partnership: Partnership, plan_slug: str) -> Plan:
    qs = Plan.objects.filter(partnership=partnership).select_related("partnership")
    return permissions.get_visible_or_404(qs, user, slug=plan_slug)


def as_of_from(request: HttpRequest) -> tuple[dt.date, str]:
    """The report date from ?as_of=YYYY-MM-DD (today when absent), and an error if it is bad."""
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return timezone.localdate(), ""
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        return timezone.localdate(), "Enter the report date as a date, like 2008-10-02."


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # Our own file names: slug, date and extension only, so no quoting problems (ASVS 5.4).
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@partnership_view
def progress_report(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    """The progress report as a page, for the date asked for, with its downloads."""
    plan = plan_or_404(request.user, partnership, plan_slug)
    as_of, date_error = as_of_from(request)
    document = to_document(progress_report_context(user=request.user, plan=plan, as_of=as_of))
    context = template_context(document) | {
        "plan": plan,
        "partnership": partnership,
        "as_of": as_of,
        "date_error": date_error,
        "formats": [f.value for f in Format],
    }
    return render(request, "programme/io/report.html", context)


@partnership_view
def progress_report_download(
    request: HttpRequest, partnership: Partnership, plan_slug: str, fmt: str
) -> HttpResponse:
    if fmt not in {f.value for f in Format}:
        raise Http404("No such format")
    plan = plan_or_404(request.user, partnership, plan_slug)
    as_of, _ = as_of_from(request)
    report = progress_report_context(user=request.user, plan=plan, as_of=as_of)
    rendered = render_report(to_document(report), Format(fmt))
    return attachment(rendered.content, rendered.content_type, rendered.filename)


def _export(request: HttpRequest, partnership: Partnership, plan_slug: str, fmt: str) -> Any:
    plan = plan_or_404(request.user, partnership, plan_slug)
    content, content_type, filename = export_actions(user=request.user, plan=plan, fmt=fmt)
    return attachment(content, content_type, filename)


@partnership_view
def actions_export_xlsx(
    request: HttpRequest, partnership: Partnership, plan_slug: str
) -> HttpResponse:
    """The actions the user may see, as an Excel workbook."""
    return _export(request, partnership, plan_slug, "xlsx")


@partnership_view
def actions_export_csv(
    request: HttpRequest, partnership: Partnership, plan_slug: str
) -> HttpResponse:
    """The actions the user may see, as CSV."""
    return _export(request, partnership, plan_slug, "csv")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet of actions",
        help_text=(
            f"An Excel workbook (.xlsx) or CSV file, at most {MAX_UPLOAD_BYTES // 2**20} MB. "
            "The first row names the columns; Reference and Proposed activity are required."
        ),
    )
    dry_run = forms.BooleanField(
        label="Check the file only: show what would change and write nothing",
        required=False,
        initial=True,
    )


def may_import(user: Any, partnership: Partnership) -> bool:
    """Programme officers and partner leads import actions, as they add them (each row is
    then checked by the services: a partner lead only for their own organisation)."""
    return permissions.has_role(
        user, partnership, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )


@partnership_view
@require_http_methods(["GET", "POST"])
def actions_import(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    """Upload a spreadsheet: check it (dry run) or import it, all or nothing."""
    plan = plan_or_404(request.user, partnership, plan_slug)
    if not may_import(request.user, partnership):
        raise PermissionDenied
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise UploadRejected(
                    f"The file is too large: the limit is {MAX_UPLOAD_BYTES // 2**20} MB."
                )
            result = import_actions(
                actor=request.user,
                plan=plan,
                data=upload.read(),
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
        except UploadRejected as exc:
            form.add_error("file", str(exc))
    context = {"plan": plan, "partnership": partnership, "form": form, "result": result}
    status = 422 if (form.errors or (result and not result.ok)) else 200
    return render(request, "programme/io/import.html", context, status=status)
