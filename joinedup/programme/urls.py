"""URLs of plans, actions, progress updates, updates due and the board dashboard."""

from __future__ import annotations

from django.urls import path

from joinedup.programme import views

app_name = "programme"

P = "p/<slug:slug>/programme/"
PLAN = P + "<slug:plan_slug>/"
ACTION = P + "actions/<int:pk>/"
WORKSTREAM = PLAN + "workstreams/<int:workstream_pk>/"

urlpatterns = [
    path(P, views.plan_list, name="plan_list"),
    path(P + "new/", views.plan_create, name="plan_create"),
    path(P + "vocabularies/", views.vocabulary_list, name="vocabulary_list"),
    path(P + "vocabularies/new/", views.vocabulary_publish, name="vocabulary_publish"),
    path(ACTION, views.action_detail, name="action_detail"),
    path(ACTION + "edit/", views.action_edit, name="action_edit"),
    path(ACTION + "progress/", views.progress_add, name="progress_add"),
    path(ACTION + "dependencies/", views.dependencies, name="dependencies"),
    path(ACTION + "dependencies/new/", views.dependency_add, name="dependency_add"),
    path(ACTION + "milestones/new/", views.action_milestone_create, name="action_milestone_create"),
    path(PLAN, views.plan_detail, name="plan_detail"),
    path(PLAN + "edit/", views.plan_edit, name="plan_edit"),
    path(PLAN + "dashboard/", views.dashboard, name="dashboard"),
    path(PLAN + "updates-due/", views.updates_due, name="updates_due"),
    path(PLAN + "refresh/", views.plan_refresh, name="plan_refresh"),
    path(PLAN + "actions/new/", views.action_create, name="action_create"),
    path(PLAN + "workstreams/", views.workstream_list, name="workstream_list"),
    path(PLAN + "workstreams/new/", views.workstream_create, name="workstream_create"),
    path(WORKSTREAM + "edit/", views.workstream_edit, name="workstream_edit"),
    path(WORKSTREAM + "close/", views.workstream_close, name="workstream_close"),
    path(PLAN + "milestones/<int:milestone_pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path(PLAN + "milestones/new/", views.milestone_create, name="milestone_create"),
]
