"""URLs of partners, bodies, memberships, reporting lines and terms of reference."""

from __future__ import annotations

from django.urls import path

from joinedup.partnerships import views

app_name = "partnerships"

P = "p/<slug:slug>/"
B = P + "bodies/<slug:body_slug>/"

urlpatterns = [
    path(P + "partners/", views.partner_list, name="partner_list"),
    path(P + "partners/new/", views.partner_create, name="partner_create"),
    path(P + "partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path(P + "partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path(P + "bodies/", views.body_list, name="body_list"),
    path(P + "bodies/graph/", views.body_graph, name="body_graph"),
    path(P + "bodies/graph.svg", views.body_graph_svg, name="body_graph_svg"),
    path(P + "bodies/new/", views.body_create, name="body_create"),
    path(B, views.body_detail, name="body_detail"),
    path(B + "edit/", views.body_edit, name="body_edit"),
    path(B + "members/new/", views.membership_create, name="membership_create"),
    path(B + "members/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path(B + "lines/new/", views.reporting_line_create, name="reporting_line_create"),
    path(B + "tor/new/", views.tor_create, name="tor_create"),
    path(B + "tor/compare/", views.tor_compare, name="tor_compare"),
    path(B + "tor/<int:version>/", views.tor_detail, name="tor_detail"),
    path(B + "tor/<int:version>/approve/", views.tor_approve, name="tor_approve"),
]
