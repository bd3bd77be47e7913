"""Pages for the forward plan (key decision notices), the urgency report (reg 19),
dispensations, and the work-programme actions a decision led to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.permissions import scope
from joinedup.core.views.helpers import editable_copy, may_add
from joinedup.meetings import selectors, services, urgency
from joinedup.meetings.forms_registers import (
    DecisionLinksForm,
    DispensationForm,
    KeyDecisionNoticeForm,
    RevokeForm,
    UrgencyReportForm,
)
from joinedup.meetings.models import KeyDecisionNotice
from joinedup.meetings.views._common import FORM, editable, form_page, paginate, require, url


def _notice_url(notice: KeyDecisionNotice) -> str:
    return reverse("meetings:notice_detail", args=[notice.partnership.slug, notice.pk])


@partnership_view
def notice_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    notices = selectors.notice_list(user=request.user, partnership=partnership)
    context = {
        "partnership": partnership,
        "page": paginate(request, notices),
        "can_add": may_add(request.user, partnership),
    }
    return render(request, "meetings/notice_list.html", context)


@partnership_view
def notice_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    notice = selectors.notice_get(user=request.user, partnership=partnership, pk=pk)
    context = {
        "partnership": partnership,
        "notice": notice,
        "clock": selectors.notice_clock(notice),
        "problems": selectors.notice_problems(notice),
        "items": scope(notice.items.select_related("meeting"), request.user),
        "can_edit": editable(request, notice),
    }
    return render(request, "meetings/notice_detail.html", context)


@partnership_view
def notice_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    require(may_add(request.user, partnership))
    form = KeyDecisionNoticeForm(
        request.POST or None,
        instance=KeyDecisionNotice(partnership=partnership),
        partnership=partnership,
        user=request.user,
    )
    back = reverse("meetings:notice_list", args=[partnership.slug])
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.key_decision_notice_create(actor=request.user, **kw),
        success=lambda n: f"Key decision notice “{n.matter}” published.",
        redirect_to=_notice_url,
        context={
            "partnership": partnership,
            "title": "Publish a key decision notice",
            "back_url": back,
        },
        template=FORM,
    )


@partnership_view
def notice_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    notice = selectors.notice_get(user=request.user, partnership=partnership, pk=pk)
    require(editable(request, notice))
    form = KeyDecisionNoticeForm(
        request.POST or None,
        instance=editable_copy(notice),
        partnership=partnership,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.key_decision_notice_update(
            actor=request.user, notice=notice, **kw
        ),
        success=lambda n: "Key decision notice changed.",
        redirect_to=_notice_url,
        context={
            "partnership": partnership,
            "title": f"Change the notice: {notice.matter}",
            "back_url": _notice_url(notice),
        },
        template=FORM,
    )


@partnership_view
def urgency_report(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The reg 19 report for an organisation and quarter: on the page, or as DOCX/PDF/HTML."""
    today = timezone.localdate()
    initial = {"year": today.year, "quarter": (today.month - 1) // 3 + 1}
    form = UrgencyReportForm(request.GET or None, initial=initial, partnership=partnership)
    report = None
    if form.is_bound and form.is_valid():
        report = urgency.urgency_report(
            user=request.user, partnership=partnership, **form.cleaned_data
        )
        fmt = request.GET.get("format", "")
        if fmt in urgency.FORMATS:
            content, media_type, name = urgency.render(report, fmt)
            response = HttpResponse(content, content_type=media_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "partnership": partnership,
        "form": form,
        "report": report,
        "query": query.urlencode(),
    }
    return render(request, "meetings/urgency_report.html", context)


@partnership_view
def dispensation_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    today = timezone.localdate()
    rows = [
        (d, selectors.dispensation_valid_on(d, today), editable(request, d))
        for d in selectors.dispensation_list(user=request.user, partnership=partnership)[:200]
    ]
    context = {
        "partnership": partnership,
        "rows": rows,
        "can_add": may_add(request.user, partnership),
    }
    return render(request, "meetings/dispensation_list.html", context)


@partnership_view
def dispensation_grant(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    require(may_add(request.user, partnership))
    form = DispensationForm(request.POST or None, partnership=partnership, user=request.user)
    back = reverse("meetings:dispensation_list", args=[partnership.slug])
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.dispensation_grant(
            actor=request.user, partnership=partnership, **kw
        ),
        success=lambda d: f"Dispensation granted to {d.person}.",
        redirect_to=lambda d: back,
        context={"partnership": partnership, "title": "Grant a dispensation", "back_url": back},
        template=FORM,
    )


@partnership_view
def dispensation_revoke(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    dispensation = selectors.dispensation_get(user=request.user, partnership=partnership, pk=pk)
    require(editable(request, dispensation))
    form = RevokeForm(request.POST or None)
    back = reverse("meetings:dispensation_list", args=[partnership.slug])
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.dispensation_revoke(
            actor=request.user, dispensation=dispensation, **kw
        ),
        success=lambda d: f"Dispensation of {d.person} revoked.",
        redirect_to=lambda d: back,
        context={
            "partnership": partnership,
            "title": f"Revoke the dispensation of {dispensation.person}",
            "back_url": back,
        },
        template=FORM,
    )


@partnership_view
def decision_links(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Choose the work-programme actions the decision led to (from those the user may see)."""
    decision = selectors.decision_get(user=request.user, partnership=partnership, pk=pk)
    require(editable(request, decision))
    initial = {"programme_actions": list(decision.programme_actions.values_list("pk", flat=True))}
    form = DecisionLinksForm(
        request.POST or None, initial=initial, decision=decision, user=request.user
    )
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.decision_link(actor=request.user, decision=decision, **kw),
        success=lambda d: "The work-programme actions are linked.",
        redirect_to=url,
        context={
            "partnership": partnership,
            "title": f"What “{decision.title}” led to",
            "back_url": url(decision),
        },
        template=FORM,
    )


@partnership_view
def procedure_edit(request: HttpRequest, partnership: Partnership, terms_pk: int) -> HttpResponse:
    """Cross-organisation quorum and the chair's casting vote of one terms of reference version."""
    from joinedup.meetings.forms_registers import ProcedureRulesForm

    terms = selectors.terms_get(user=request.user, partnership=partnership, pk=terms_pk)
    require(editable(request, terms))
    from joinedup.meetings.models import ProcedureRules

    rules = ProcedureRules.objects.filter(terms=terms).first()
    initial: dict[str, Any] = {}
    if rules is not None:
        initial["chair_casting_vote"] = rules.chair_casting_vote
        initial |= {f"org_{q.organisation_id}": q.minimum for q in rules.quorum.all()}
    form = ProcedureRulesForm(request.POST or None, initial=initial, terms=terms, user=request.user)
    back = reverse(
        "partnerships:tor_detail", args=[partnership.slug, terms.body.slug, terms.version]
    )
    return form_page(
        request,
        form=form,
        save=lambda **kw: services.procedure_rules_set(actor=request.user, terms=terms, **kw),
        success=lambda r: "Quorum and voting rules saved.",
        redirect_to=lambda r: back,
        context={
            "partnership": partnership,
            "title": f"Quorum and voting: {terms}",
            "back_url": back,
        },
        template=FORM,
    )
