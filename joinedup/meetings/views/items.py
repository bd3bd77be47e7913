"""Pages for an agenda item: the item with its reports, declarations, votes, minute, decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.permissions import get_visible_or_404, scope
from joinedup.meetings import selectors, services
from joinedup.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AttachmentForm,
    ConsideredForm,
    DecisionForm,
    DeclarationForm,
    MinuteForm,
    ReportForm,
    VoteForm,
)
from joinedup.meetings.models import AgendaItem, MinuteItem
from joinedup.meetings.views._common import (
    FORM,
    editable,
    form_page,
    item_or_404,
    meeting_or_404,
    require,
    url,
)


@partnership_view
def item_create(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, partnership, pk)
    require(editable(request, meeting))
    form = AgendaItemForm(
        request.POST or None,
        instance=AgendaItem(
            partnership=partnership,
            meeting=meeting,
            confidentiality=meeting.confidentiality,
            exempt_paragraph=meeting.exempt_paragraph,
        ),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.agenda_item_create(actor=request.user, meeting=meeting, **kw),
        success=lambda item: f"Item {item.order} added to the agenda.",
        redirect_to=url,
        context={
            "partnership": partnership,
            "title": "Add an agenda item",
            "back_url": url(meeting),
        },
        template=FORM,
    )


@partnership_view
def item_detail(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    item = item_or_404(request, partnership, pk, item_pk)
    user = request.user
    minute = scope(MinuteItem.objects.filter(item=item), user).first()
    declarations = [
        (d, selectors.declaration_vote_counted(d), selectors.declaration_notify_due(d))
        for d in scope(item.declarations.select_related("person"), user)
    ]
    reports = list(selectors.report_list(user=user, item=item))
    for report in reports:
        report.visible_attachments = list(scope(report.attachments.all(), user))
    context = {
        "partnership": partnership,
        "meeting": item.meeting,
        "item": item,
        "late": selectors.item_is_late(item),
        "reports": reports,
        "declarations": declarations,
        "prompts": selectors.register_prompts(user=user, item=item),
        "votes": scope(item.votes.select_related("person"), user),
        "minute": minute,
        "actions": selectors.action_list(user=user, minute=minute) if minute else [],
        "decisions": scope(item.decisions.all(), user),
        "tally": selectors.vote_tally(item) if item.votes.exists() else None,
        "notice": _visible_notice(item, user),
        "can_edit": editable(request, item),
    }
    return render(request, "meetings/item_detail.html", context)


def _visible_notice(item: AgendaItem, user: Any) -> Any:
    if not item.key_decision_notice_id:
        return None
    from joinedup.meetings.models import KeyDecisionNotice

    return scope(KeyDecisionNotice.objects.filter(pk=item.key_decision_notice_id), user).first()


def _item_form(
    request: HttpRequest,
    partnership: Partnership,
    pk: int,
    item_pk: int,
    *,
    form_class: type[Any],
    title: str,
    save: Callable[..., Any],
    success: Callable[[Any], str],
    extra: dict[str, Callable[[AgendaItem], Any]] | None = None,
) -> HttpResponse:
    """An add form about one item: build it (with `extra` arguments), save, back to the item."""
    item = item_or_404(request, partnership, pk, item_pk)
    require(editable(request, item))
    form = form_class(request.POST or None, **{k: v(item) for k, v in (extra or {}).items()})
    return form_page(
        request,
        form=form,
        save=lambda **kw: save(item, **kw),
        success=success,
        redirect_to=lambda saved: url(item),
        context={"partnership": partnership, "title": title, "back_url": url(item)},
        template=FORM,
    )


def _form_of_item(
    request: HttpRequest,
    partnership: Partnership,
    pk: int,
    item_pk: int,
    *,
    form_class: type[Any],
    title: str,
    save: Callable[..., Any],
    success: Callable[[Any], str],
) -> HttpResponse:
    """`_item_form` for a form built with the item itself (declarations, votes, casting vote)."""
    return _item_form(
        request,
        partnership,
        pk,
        item_pk,
        form_class=form_class,
        title=title,
        save=save,
        success=success,
        extra={"item": lambda item: item},
    )


@partnership_view
def item_considered(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    return _item_form(
        request,
        partnership,
        pk,
        item_pk,
        form_class=ConsideredForm,
        title="Mark the item considered",
        save=lambda item, **kw: services.agenda_item_mark_considered(
            actor=request.user, item=item, **kw
        ),
        success=lambda item: "The item is marked considered.",
    )


@partnership_view
def report_create(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    item = item_or_404(request, partnership, pk, item_pk)
    require(editable(request, item))
    from joinedup.meetings.models import Report

    form = ReportForm(
        request.POST or None,
        instance=Report(
            partnership=partnership,
            item=item,
            confidentiality=item.confidentiality,
            exempt_paragraph=item.exempt_paragraph,
        ),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.report_create(actor=request.user, item=item, **kw),
        success=lambda report: f"Report “{report.title}” added.",
        redirect_to=lambda report: url(item),
        context={"partnership": partnership, "title": "Add a report", "back_url": url(item)},
        template=FORM,
    )


@partnership_view
def declaration_add(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    return _form_of_item(
        request,
        partnership,
        pk,
        item_pk,
        form_class=DeclarationForm,
        title="Record a declaration of interest",
        save=lambda item, **kw: services.declaration_record(actor=request.user, item=item, **kw),
        success=lambda d: f"Declaration by {d.person} recorded.",
    )


@partnership_view
def vote_add(request: HttpRequest, partnership: Partnership, pk: int, item_pk: int) -> HttpResponse:
    return _form_of_item(
        request,
        partnership,
        pk,
        item_pk,
        form_class=VoteForm,
        title="Record a vote",
        save=lambda item, **kw: services.vote_record(actor=request.user, item=item, **kw),
        success=lambda v: f"Vote of {v.person} recorded.",
    )


@partnership_view
def minute_edit(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    item = item_or_404(request, partnership, pk, item_pk)
    existing = MinuteItem.objects.filter(item=item).first()
    initial = (
        {}
        if existing is None
        else {
            name: getattr(existing, name)
            for name in (
                "discussion",
                "resolutions",
                "public_summary",
                "votes_for",
                "votes_against",
                "abstentions",
            )
        }
    )
    require(editable(request, item))
    form = MinuteForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.minute_record(actor=request.user, item=item, **kw),
        success=lambda m: "Minute saved.",
        redirect_to=lambda m: url(item),
        context={
            "partnership": partnership,
            "title": f"Minute: {item.title}",
            "back_url": url(item),
        },
        template=FORM,
    )


@partnership_view
def action_add(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    def save(item: AgendaItem, **kw: object) -> object:
        minute = services.minute_record(actor=request.user, item=item)
        return services.action_arising_create(actor=request.user, minute=minute, **kw)

    return _item_form(
        request,
        partnership,
        pk,
        item_pk,
        form_class=ActionForm,
        title="Add an action arising",
        save=save,
        success=lambda a: "Action arising added.",
        extra={"partnership": lambda item: item.partnership},
    )


@partnership_view
def decision_create(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    return _item_form(
        request,
        partnership,
        pk,
        item_pk,
        form_class=DecisionForm,
        title="Record a decision",
        save=lambda item, **kw: services.decision_record(actor=request.user, item=item, **kw),
        success=lambda d: "Decision recorded in the register.",
    )


@partnership_view
def attachment_add(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int, report_pk: int
) -> HttpResponse:
    """Upload a file (or paste an appendix) for a report."""
    item = item_or_404(request, partnership, pk, item_pk)
    report = get_visible_or_404(item.reports.all(), request.user, pk=report_pk)
    require(editable(request, report))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.attachment_add(actor=request.user, report=report, **kw),
        success=lambda saved: f"“{saved.title}” attached.",
        redirect_to=lambda saved: url(item),
        context={
            "partnership": partnership,
            "title": f"Attach to {report.title}",
            "back_url": url(item),
        },
        template="meetings/upload.html",
    )


@partnership_view
def attachment_file(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int, attachment_pk: int
) -> HttpResponse:
    """The uploaded file (or the appendix text), to those who may see the attachment (else 404)."""
    from django.http import FileResponse

    from joinedup.meetings.models import Attachment

    item = item_or_404(request, partnership, pk, item_pk)
    found = Attachment.objects.filter(report__item=item)
    attachment = get_visible_or_404(found, request.user, pk=attachment_pk)
    if not attachment.file:
        return HttpResponse(attachment.text, content_type="text/plain; charset=utf-8")
    name = attachment.file.name.rsplit("/", 1)[-1]
    # Attachments are checked PDFs; anything stored before that check is a download, never a
    # page our site would open (an HTML file renamed must not run as one of our pages).
    if name.lower().endswith(".pdf"):
        return FileResponse(
            attachment.file.open("rb"), filename=name, content_type="application/pdf"
        )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type="application/octet-stream",
    )


@partnership_view
def item_edit(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    """Change an agenda item (its history is kept)."""
    from joinedup.core.views.helpers import editable_copy

    item = item_or_404(request, partnership, pk, item_pk)
    require(editable(request, item))
    form = AgendaItemForm(
        request.POST or None,
        instance=editable_copy(item),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.agenda_item_update(actor=request.user, item=item, **kw),
        success=lambda saved: f"Item {saved.order} changed.",
        redirect_to=url,
        context={
            "partnership": partnership,
            "title": f"Change item {item.order}",
            "back_url": url(item),
        },
        template=FORM,
    )


@partnership_view
def casting_vote(
    request: HttpRequest, partnership: Partnership, pk: int, item_pk: int
) -> HttpResponse:
    from joinedup.meetings.forms_registers import CastingVoteForm

    return _form_of_item(
        request,
        partnership,
        pk,
        item_pk,
        form_class=CastingVoteForm,
        title="Record the chair's casting vote",
        save=lambda item, **kw: services.vote_casting_record(actor=request.user, item=item, **kw),
        success=lambda v: "Casting vote recorded.",
    )
