"""View decorators shared by every app."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from joinedup.core.permissions import partnership_for_member_or_404


def partnership_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required; the URL's partnership slug must be one the user belongs to (else 404).

    The view receives `partnership` instead of `slug`, and `request.partnership` is set so the
    header shows the partnership's name.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        partnership = partnership_for_member_or_404(request.user, slug)
        request.partnership = partnership  # type: ignore[attr-defined]
        return view(request, *args, partnership=partnership, **kwargs)

    return wrapper
