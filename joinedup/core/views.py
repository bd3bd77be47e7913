"""Cross-cutting pages: the list of the user's partnerships."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.core.permissions import partnerships_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"partnerships": partnerships_for(request.user)})
