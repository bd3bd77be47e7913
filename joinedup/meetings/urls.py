"""URLs of meetings, agenda items, minutes, decisions, interests and the public meeting pages."""

from __future__ import annotations

from django.urls import path

from joinedup.meetings import views

app_name = "meetings"

P = "p/<slug:slug>/"
M = P + "meetings/<int:pk>/"
I = M + "items/<int:item_pk>/"  # noqa: E741
PUB = "public/<slug:slug>/"

urlpatterns = [
    path(P + "meetings/", views.meeting_list, name="meeting_list"),
    path(P + "meetings/new/", views.meeting_create, name="meeting_create"),
    path(P + "bodies/<slug:body_slug>/meetings/", views.body_meetings, name="body_meetings"),
    path(
        P + "bodies/<slug:body_slug>/meetings/schedule/",
        views.schedule_generate,
        name="schedule_generate",
    ),
    path(
        P + "terms/<int:terms_pk>/procedure/edit/",
        views.procedure_edit,
        name="procedure_edit",
    ),
    path(M, views.meeting_detail, name="meeting_detail"),
    path(M + "status/", views.meeting_advance, name="meeting_advance"),
    path(M + "edit/", views.meeting_edit, name="meeting_edit"),
    path(M + "attendance/new/", views.attendance_add, name="attendance_add"),
    path(M + "pack.pdf", views.meeting_pack, name="meeting_pack"),
    path(M + "minutes/", views.minutes_detail, name="minutes_detail"),
    path(M + "minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path(M + "items/new/", views.item_create, name="item_create"),
    path(I, views.item_detail, name="item_detail"),
    path(I + "considered/", views.item_considered, name="item_considered"),
    path(I + "edit/", views.item_edit, name="item_edit"),
    path(I + "casting-vote/edit/", views.casting_vote, name="casting_vote"),
    path(I + "reports/new/", views.report_create, name="report_create"),
    path(
        I + "reports/<int:report_pk>/attachments/new/",
        views.attachment_add,
        name="attachment_add",
    ),
    path(I + "files/<int:attachment_pk>/", views.attachment_file, name="attachment_file"),
    path(I + "declarations/new/", views.declaration_add, name="declaration_add"),
    path(I + "votes/new/", views.vote_add, name="vote_add"),
    path(I + "minute/", views.minute_edit, name="minute_edit"),
    path(I + "actions/new/", views.action_add, name="action_add"),
    path(I + "decisions/new/", views.decision_create, name="decision_create"),
    path(P + "decisions/", views.decision_list, name="decision_list"),
    path(P + "decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path(P + "decisions/<int:pk>/links/edit/", views.decision_links, name="decision_links"),
    path(P + "key-decisions/", views.notice_list, name="notice_list"),
    path(P + "key-decisions/new/", views.notice_create, name="notice_create"),
    path(P + "key-decisions/<int:pk>/", views.notice_detail, name="notice_detail"),
    path(P + "key-decisions/<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path(P + "urgency-report/", views.urgency_report, name="urgency_report"),
    path(P + "dispensations/", views.dispensation_list, name="dispensation_list"),
    path(P + "dispensations/new/", views.dispensation_grant, name="dispensation_grant"),
    path(
        P + "dispensations/<int:pk>/end/",
        views.dispensation_revoke,
        name="dispensation_revoke",
    ),
    path(P + "interests/", views.register, name="register"),
    path(P + "interests/new/", views.register_entry_add, name="register_entry_add"),
    path(P + "interests/gifts/new/", views.gift_add, name="gift_add"),
    path(PUB + "meetings/", views.public_meetings, name="public_meetings"),
    path(PUB + "meetings/<int:pk>/", views.public_meeting, name="public_meeting"),
    path(PUB + "meetings/<int:pk>/items/<int:item_pk>/", views.public_item, name="public_item"),
    path(PUB + "meetings/<int:pk>/pack.pdf", views.public_pack, name="public_pack"),
    path(PUB + "decisions/", views.public_decisions, name="public_decisions"),
    path(PUB + "bodies/<slug:body_slug>/meetings.ics", views.ical_feed, name="ical_feed"),
]
