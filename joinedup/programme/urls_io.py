"""URLs of the progress report and of action import/export (included from config/urls.py)."""

from __future__ import annotations

from django.urls import path

from joinedup.programme import views_io

app_name = "programme_io"

PLAN = "p/<slug:slug>/programme/<slug:plan_slug>/"

urlpatterns = [
    path(PLAN + "report/", views_io.progress_report, name="progress_report"),
    path(
        PLAN + "report.<str:fmt>",
        views_io.progress_report_download,
        name="progress_report_download",
    ),
    path(PLAN + "import/", views_io.actions_import, name="actions_import"),
    # One route per format: a spreadsheet is offered only as XLSX or CSV.
    path(PLAN + "export.xlsx", views_io.actions_export_xlsx, name="actions_export_xlsx"),
    path(PLAN + "export.csv", views_io.actions_export_csv, name="actions_export_csv"),
]
