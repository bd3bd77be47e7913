"""URLs of the pages linking an action to decisions and risks (under the action's address)."""

from __future__ import annotations

from django.urls import path

from joinedup.links import views

app_name = "links"

ACTION = "p/<slug:slug>/programme/actions/<int:pk>/"

urlpatterns = [
    path(ACTION + "decisions/link/", views.decision_link, name="decision_link"),
    path(ACTION + "decisions/unlink/", views.decision_unlink, name="decision_unlink"),
    path(ACTION + "risks/link/", views.risk_link, name="risk_link"),
    path(ACTION + "risks/unlink/", views.risk_unlink, name="risk_unlink"),
]
