"""URLs of risk registers and risks."""

from __future__ import annotations

from django.urls import path

from joinedup.risks import views

app_name = "risks"

P = "p/<slug:slug>/risks/"
R = P + "risk/<int:pk>/"
G = P + "<slug:register_slug>/"

urlpatterns = [
    path(P, views.register_list, name="register_list"),
    path(R, views.risk_detail, name="risk_detail"),
    path(R + "edit/", views.risk_edit, name="risk_edit"),
    path(R + "assess/", views.risk_assess, name="risk_assess"),
    path(R + "review/", views.risk_review, name="risk_review"),
    path(R + "accept/", views.risk_accept, name="risk_accept"),
    path(R + "share/", views.risk_share, name="risk_share"),
    path(R + "status/", views.risk_status, name="risk_status"),
    path(R + "partners/", views.contribution_edit, name="contribution_edit"),
    path(R + "partners/<int:part>/confirm-closure/", views.closure_confirm, name="closure_confirm"),
    path(R + "actions/", views.risk_actions, name="risk_actions"),
    path(
        R + "acceptances/<int:acceptance>/revoke/",
        views.acceptance_revoke,
        name="acceptance_revoke",
    ),
    path(R + "shares/<int:entry>/withdraw/", views.share_withdraw, name="share_withdraw"),
    path(R + "controls/<int:control>/rate/", views.control_rate, name="control_rate"),
    path(G, views.register_detail, name="register_detail"),
    path(G + "new/", views.risk_create, name="risk_create"),
    path(G + "edit/", views.register_edit, name="register_edit"),
    path(G + "appetite/", views.appetite_edit, name="appetite_edit"),
    path(G + "heat-map/", views.heat_map, name="heat_map"),
    path(G + "exceptions/", views.exceptions, name="exceptions"),
    path(G + "review/", views.register_review, name="register_review"),
    path(G + "import/", views.register_import, name="register_import"),
    path(G + "export.xlsx", views.register_export, name="register_export"),
    path(G + "report.<str:fmt>", views.register_report, name="register_report"),
]
