"""Included by config/urls.py only when settings.JOINEDUP_BENCH_FLOORS is on."""

from __future__ import annotations

from django.urls import path

from joinedup.benchfloors import views

app_name = "benchfloors"

urlpatterns = [
    path("bench/floor/django/", views.trivial, name="trivial"),
    path("bench/floor/p/<slug:slug>/scoped/", views.scoped, name="scoped"),
]
