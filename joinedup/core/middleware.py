"""Session lifetime, and a ceiling on the size of a request body.

Session lifetime: signed-in sessions end after a spell of inactivity and after a fixed time.

Idle timeout: JOINEDUP_SESSION_IDLE_SECONDS (30 minutes by default) since the last request.
Absolute lifetime: JOINEDUP_SESSION_ABSOLUTE_SECONDS (8 hours) since sign-in, however active.
The last-seen time is written at most once a minute, so a busy page does not write the session
on every request.

Request size: a body whose Content-Length is over JOINEDUP_MAX_REQUEST_BYTES is refused with a
413 page before anything reads it (Django itself spools big uploads to disk but never refuses
them), so a 100 MB upload costs neither memory nor disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

STARTED = "joinedup_started_at"
LAST_SEEN = "joinedup_last_seen_at"
TOUCH_EVERY = 60


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.idle = settings.JOINEDUP_SESSION_IDLE_SECONDS
        self.absolute = settings.JOINEDUP_SESSION_ABSOLUTE_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and "Authorization" not in request.headers:
            self._check(request, time.time())
        return self.get_response(request)

    def _check(self, request: HttpRequest, now: float) -> None:
        session = request.session
        started = session.get(STARTED)
        last_seen = session.get(LAST_SEEN)
        if started is None or last_seen is None:
            session[STARTED] = started or now
            session[LAST_SEEN] = now
            return
        if now - last_seen > self.idle or now - started > self.absolute:
            logout(request)  # flushes the session; the user is anonymous from here on
            return
        if now - last_seen >= TOUCH_EVERY:
            session[LAST_SEEN] = now


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit = settings.JOINEDUP_MAX_REQUEST_BYTES

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            return self._too_large(request)
        return self.get_response(request)

    def _too_large(self, request: HttpRequest) -> HttpResponse:
        limit_mb = self.limit // (1024 * 1024)
        if request.path.startswith("/api/"):
            body = f'{{"detail": "The request is too large: the limit is {limit_mb} MB."}}'
            return HttpResponse(body, status=413, content_type="application/json")
        html = render_to_string("413.html", {"limit_mb": limit_mb}, request=request)
        return HttpResponse(html, status=413)
