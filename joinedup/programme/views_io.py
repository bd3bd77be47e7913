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
from joinedup.core.io.safety import MAX_UPLOAD_BYTES, UploadRejected
from joinedup.core.models import Partnership
from joinedup.programme import permissions as programme_permissions
from joinedup.programme.io import pending
from joinedup.programme.io.actions import export_actions, import_actions
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


class ConfirmForm(forms.Form):
    """Import the file just checked, kept on the server under this token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


def _run_import(
    request: HttpRequest, plan: Plan, *, data: bytes, filename: str, dry_run: bool
) -> Any:
    result = import_actions(
        actor=request.user, plan=plan, data=data, filename=filename, dry_run=dry_run
    )
    if result.ok and dry_run:
        result.token = pending.keep(request.session, plan_id=plan.pk, filename=filename, data=data)
        result.filename = filename
    return result


def _upload(request: HttpRequest, plan: Plan, form: ImportForm) -> Any:
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_UPLOAD_BYTES:
            raise UploadRejected(
                f"The file is too large: the limit is {MAX_UPLOAD_BYTES // 2**20} MB."
            )
        return _run_import(
            request,
            plan,
            data=upload.read(),
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
    except UploadRejected as exc:
        form.add_error("file", str(exc))
    return None


def _confirm(request: HttpRequest, plan: Plan, form: ImportForm) -> Any:
    """Import the file kept after the dry run (no second upload)."""
    confirm = ConfirmForm(request.POST)
    try:
        if not confirm.is_valid():
            raise pending.PendingExpired(pending.EXPIRED)
        token = confirm.cleaned_data["token"]
        kept = pending.take(request.session, plan_id=plan.pk, token=token)
    except pending.PendingExpired as exc:
        form.cleaned_data = {}  # an unbound form, shown again with the message on its file
        form.add_error("file", str(exc))
        return None
    result = _run_import(request, plan, data=kept.data, filename=kept.filename, dry_run=False)
    if result.ok:
        pending.forget(request.session, token)
    return result


@partnership_view
@require_http_methods(["GET", "POST"])
def actions_import(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    """Upload a spreadsheet: check it (dry run) or import it, all or nothing. After a dry run
    the file is kept (for this session, for a while) so it can be imported without uploading
    it again."""
    plan = plan_or_404(request.user, partnership, plan_slug)
    if not programme_permissions.can_import(request.user, partnership):
        raise PermissionDenied
    result = None
    confirming = request.method == "POST" and "token" in request.POST
    form = ImportForm(None if confirming else request.POST or None, request.FILES or None)
    if confirming:
        result = _confirm(request, plan, form)
    elif request.method == "POST" and form.is_valid():
        result = _upload(request, plan, form)
    context = {"plan": plan, "partnership": partnership, "form": form, "result": result}
    status = 422 if (form.errors or (result and not result.ok)) else 200
    return render(request, "programme/io/import.html", context, status=status)
