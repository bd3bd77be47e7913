"""What the app pages share: the form round trip, pagination, the add-rights check."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from joinedup.core import permissions
from joinedup.core.forms import attach_errors
from joinedup.core.models import Partnership

PAGE_SIZE = 25
M = TypeVar("M", bound=Model)


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def may_add(user: Any, partnership: Partnership) -> bool:
    """Programme officers add anything; partner leads add records of their organisation."""
    return permissions.has_role(
        user, partnership, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )


def require(allowed: bool) -> None:
    """A visible record the user may not change is a 403 (invisible ones were already 404)."""
    if not allowed:
        raise PermissionDenied


def editable_copy(obj: M) -> M:
    """A copy for the form to write into, so the service still sees the record as stored."""
    return copy.copy(obj)


def run_service(form: Any, call: Callable[..., M]) -> M | None:
    """Call the service with the form's data; on a validation error, show it on the form."""
    try:
        return call(**form.service_kwargs())
    except ValidationError as exc:
        attach_errors(form, exc)
        return None


def form_page(
    request: HttpRequest,
    *,
    form: Any,
    save: Callable[..., M],
    success: Callable[[M], str],
    redirect_to: Callable[[M], str],
    context: dict[str, Any],
    template: str = "core/form.html",
) -> HttpResponse:
    """The form round trip: on a valid POST, save through the service, say so and redirect.

    `save` is called with the form's service arguments; `success` and `redirect_to` get what it
    returned. Otherwise (a GET, an invalid form or a refused save) the form is shown again.
    """
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, save)
        if saved is not None:
            messages.success(request, success(saved))
            return redirect(redirect_to(saved))
    return render(request, template, {**context, "form": form})


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
