"""Pages for a body's terms of reference: versions, drafting, approval and comparison."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.core.views.helpers import form_page, require
from joinedup.partnerships import compare, selectors, services
from joinedup.partnerships.forms import TermsOfReferenceForm, TorApproveForm
from joinedup.partnerships.models import Body, TermsOfReference
from joinedup.partnerships.permissions import can_approve_terms_of_reference


def _tor_url(tor: TermsOfReference) -> str:
    return reverse(
        "partnerships:tor_detail", args=[tor.partnership.slug, tor.body.slug, tor.version]
    )


def _body_url(body: Body) -> str:
    return reverse("partnerships:body_detail", args=[body.partnership.slug, body.slug])


@partnership_view
def tor_create(request: HttpRequest, partnership: Partnership, body_slug: str) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    require(permissions.can_create_in(request.user, partnership, body.owner_organisation_id))
    return form_page(
        request,
        form=TermsOfReferenceForm(request.POST or None, partnership=partnership, user=request.user),
        save=lambda **data: services.tor_version_create(actor=request.user, body=body, **data),
        success=lambda tor: f"Draft version {tor.version} started.",
        redirect_to=_tor_url,
        context={
            "partnership": partnership,
            "body": body,
            "title": f"New terms of reference for {body}",
            "back_url": _body_url(body),
        },
    )


@partnership_view
def tor_detail(
    request: HttpRequest, partnership: Partnership, body_slug: str, version: int
) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    tor = selectors.tor_get(user=request.user, body=body, version=version)
    can_edit = permissions.can_edit(request.user, tor)
    approve_form = None
    may_approve = can_edit and can_approve_terms_of_reference(request.user, tor)
    if may_approve and tor.status == TermsOfReference.Status.DRAFT:
        approve_form = TorApproveForm(partnership=partnership, user=request.user)
    return render(
        request,
        "partnerships/tor_detail.html",
        {
            "partnership": partnership,
            "body": body,
            "tor": tor,
            "can_edit": can_edit,
            "approve_form": approve_form,
            "versions": selectors.tor_versions(user=request.user, body=body),
        },
    )


@require_http_methods(["GET", "POST"])
@partnership_view
def tor_approve(
    request: HttpRequest, partnership: Partnership, body_slug: str, version: int
) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    tor = selectors.tor_get(user=request.user, body=body, version=version)
    require(
        permissions.can_edit(request.user, tor)
        and can_approve_terms_of_reference(request.user, tor)
    )
    return form_page(
        request,
        form=TorApproveForm(request.POST or None, partnership=partnership, user=request.user),
        save=lambda **data: services.tor_version_approve(actor=request.user, tor=tor, **data),
        success=lambda approved: f"Version {approved.version} approved.",
        redirect_to=_tor_url,
        context={"partnership": partnership, "body": body, "tor": tor},
        template="partnerships/tor_approve.html",
    )


def _version_arg(request: HttpRequest, name: str, default: int | None) -> int | None:
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise Http404("No such version") from None


@partnership_view
def tor_compare(request: HttpRequest, partnership: Partnership, body_slug: str) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, slug=body_slug)
    versions = list(selectors.tor_versions(user=request.user, body=body))
    numbers = [v.version for v in versions]
    a_num = _version_arg(request, "a", numbers[1] if len(numbers) > 1 else None)
    b_num = _version_arg(request, "b", numbers[0] if numbers else None)
    if a_num is None or b_num is None:
        raise Http404("Nothing to compare")
    a = selectors.tor_get(user=request.user, body=body, version=a_num)
    b = selectors.tor_get(user=request.user, body=body, version=b_num)
    diffs = compare.compare_tor(a, b)
    return render(
        request,
        "partnerships/tor_compare.html",
        {
            "partnership": partnership,
            "body": body,
            "a": a,
            "b": b,
            "versions": versions,
            "changed": [d for d in diffs if d.changed],
            "unchanged": [d.label for d in diffs if not d.changed],
            "view": "inline" if request.GET.get("view") == "inline" else "side",
        },
    )
