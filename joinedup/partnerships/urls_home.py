"""A partnership's home, record history and public page: named in the "core" namespace (their
names predate the move out of core; config/urls.py joins these to core's own)."""

from __future__ import annotations

from django.urls import path

from joinedup.partnerships.views import home as views

urlpatterns = [
    path("p/<slug:slug>/", views.partnership_home, name="partnership_home"),
    path("p/<slug:slug>/history/<str:model>/<str:pk>/", views.history, name="history"),
    path("public/<slug:slug>/", views.public_partnership, name="public_partnership"),
]
