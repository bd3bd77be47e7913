"""Cross-cutting pages: your partnerships, and the 404 page (a partnership's own pages live in
joinedup/partnerships/views/home.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from joinedup.core.permissions import partnerships_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"partnerships": partnerships_for(request.user)})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 for a path no URL pattern matches: under /api/ in the API's own JSON shape (a client
    reading JSON never gets an HTML page), elsewhere our "Page not found" page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return defaults.page_not_found(request, exception)  # type: ignore[arg-type]
