"""REST operations for the progress report and for importing and exporting a plan's actions.

Mounted beside the programme operations (joinedup/programme/api/__init__.py). As everywhere
in the API, a partnership or plan the caller may not see is a 404. The report holds only what
the caller may see; an import is checked row by row against the caller's rights.

- `GET .../plans/{plan}/progress-report?as_of=` the report's rows, counts and priorities (JSON)
- `GET .../plans/{plan}/progress-report.{docx|pdf|html}?as_of=` the rendered report
- `GET .../plans/{plan}/actions.xlsx` and `actions.csv`: the actions as a spreadsheet
- `POST .../plans/{plan}/actions/import?dry_run=` a spreadsheet (multipart field `file`);
  422 lists every problem as `{"loc": ["body", "file", row, column], "msg": ...}`
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Router
from ninja.files import UploadedFile

from joinedup.api.lookups import partnership_or_404
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.core.io.safety import MAX_UPLOAD_BYTES, UploadRejected
from joinedup.core.permissions import get_visible_or_404
from joinedup.programme.api.schemas import ImportOut, ProgressReportOut
from joinedup.programme.io.actions import ImportResult, export_actions, import_actions
from joinedup.programme.models import Plan
from joinedup.programme.permissions import can_import
from joinedup.programme.report import progress_report_context, to_document
from joinedup.programme.views_io import attachment
from joinedup.reports.render import Format, render

router = Router(tags=["programme reports"])
PLAN = "/partnerships/{slug}/plans/{plan_slug}"


def _plan(request: HttpRequest, slug: str, plan_slug: str) -> Plan:
    partnership = partnership_or_404(request, slug)
    qs = Plan.objects.filter(partnership=partnership).select_related("partnership")
    return get_visible_or_404(qs, request.auth, slug=plan_slug)


@router.get(PLAN + "/progress-report", response={200: ProgressReportOut, **READ_ERRORS})
def progress_report(
    request: HttpRequest, slug: str, plan_slug: str, as_of: dt.date | None = None
) -> Any:
    """The progress report's content: rows grouped as the plan, counts by status, priorities."""
    plan = _plan(request, slug, plan_slug)
    report = progress_report_context(
        user=request.auth, plan=plan, as_of=as_of or timezone.localdate()
    )
    return {**report.__dict__, "total": report.total}


@router.get(
    PLAN + "/progress-report.{fmt}",
    response={200: None, **READ_ERRORS},
    openapi_extra={"responses": {200: {"description": "The report as DOCX, PDF or HTML"}}},
)
def progress_report_file(
    request: HttpRequest, slug: str, plan_slug: str, fmt: Format, as_of: dt.date | None = None
) -> HttpResponse:
    """The progress report rendered as DOCX, PDF or HTML (all three hold the same rows)."""
    plan = _plan(request, slug, plan_slug)
    report = progress_report_context(
        user=request.auth, plan=plan, as_of=as_of or timezone.localdate()
    )
    rendered = render(to_document(report), fmt)
    return attachment(rendered.content, rendered.content_type, rendered.filename)


def _export(request: HttpRequest, slug: str, plan_slug: str, fmt: str) -> HttpResponse:
    plan = _plan(request, slug, plan_slug)
    content, content_type, filename = export_actions(user=request.auth, plan=plan, fmt=fmt)
    return attachment(content, content_type, filename)


@router.get(PLAN + "/actions.xlsx", response={200: None, **READ_ERRORS})
def actions_export_xlsx(request: HttpRequest, slug: str, plan_slug: str) -> HttpResponse:
    """The actions the caller may see, as XLSX (cells neutralised against formulas)."""
    return _export(request, slug, plan_slug, "xlsx")


@router.get(PLAN + "/actions.csv", response={200: None, **READ_ERRORS})
def actions_export_csv(request: HttpRequest, slug: str, plan_slug: str) -> HttpResponse:
    """The actions the caller may see, as CSV (cells neutralised against formulas)."""
    return _export(request, slug, plan_slug, "csv")


def _problems(result: ImportResult) -> list[dict[str, Any]]:
    return [
        {
            "loc": ["body", "file", e.row, e.column],
            "msg": f"{e.value!r} {e.message}".strip(),
            "type": "import_error",
        }
        for e in result.errors
    ]


def _rejected(message: str) -> dict[str, Any]:
    return {"detail": [{"loc": ["body", "file"], "msg": message, "type": "upload_rejected"}]}


@router.post(PLAN + "/actions/import", response={200: ImportOut, **WRITE_ERRORS})
def actions_import(
    request: HttpRequest,
    slug: str,
    plan_slug: str,
    # Optional in the schema so that a plan the caller may not see is a 404 before any check
    # of the body; a missing file is then a 422 like any other rejected upload.
    file: UploadedFile | None = File(None),  # noqa: B008
    dry_run: bool = False,
) -> Any:
    """Import actions from XLSX or CSV: all or nothing; a known reference updates its action."""
    plan = _plan(request, slug, plan_slug)
    if not can_import(request.auth, plan.partnership):
        raise PermissionDenied("You may not import actions into this plan.")
    if file is None:
        return 422, _rejected("Upload an Excel workbook (.xlsx) or a CSV file as `file`.")
    if file.size and file.size > MAX_UPLOAD_BYTES:
        return 422, _rejected("The file is too large.")
    try:
        result = import_actions(
            actor=request.auth,
            plan=plan,
            data=file.read(),
            filename=file.name or "",
            dry_run=dry_run,
        )
    except UploadRejected as exc:
        return 422, _rejected(str(exc))
    if not result.ok:
        return 422, {"detail": _problems(result)}
    return 200, {**result.__dict__, "summary": result.summary()}
