"""The two Django floors: a trivial signed-in view, and the same with one scoped query."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.programme.models import Action


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    """Floor "django": the full middleware stack and a signed-in session, nothing else."""
    return HttpResponse(b"ok", content_type="text/plain")


@partnership_view
def scoped(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Floor "scoped": the partnership resolved as every page does (membership checked), then
    one indexed, partnership-scoped query through the permission layer."""
    first = (
        permissions.scope(Action.objects.filter(partnership=partnership), request.user)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return HttpResponse(f"ok {first}".encode(), content_type="text/plain")
