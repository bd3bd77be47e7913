"""Session lifetime, a ceiling on the size of a request body, and text that cannot be stored.

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

import json
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from joinedup.core.text import MESSAGE, find_unstorable, has_surrogate, printable, unstorable

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


class UnstorableTextMiddleware:
    """Text no database can store (NUL, an unpaired surrogate) is refused where it arrives,
    with a 422 that names the field, before any view sends it to the database.

    Under /api/: the query string, a JSON body and form fields, in the API's error shape.
    Pages: the query string (a filter or a slug), and a surrogate in a form field (no browser
    sends one; only a form declaring an escaping charset can). A NUL in a page's form field
    is left to the form, which shows a form error on the field (Django's CharField refuses it,
    and every governed save refuses both: joinedup/core/text.py). Should such text still reach
    the database, the refusal is the same 422, never a 500 with a traceback.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = _in_query(request)
        if request.path.startswith("/api/"):
            found += _in_api_body(request)
        else:
            found += _in_form(request, surrogates_only=True)
        if found:
            return _unstorable_response(request, found)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not _is_unstorable_error(exception):
            return None
        found = _in_query(request) + _in_form(request)
        return _unstorable_response(request, found or [("body",)])


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _in_query(request: HttpRequest) -> list[tuple[Any, ...]]:
    return [
        ("query", printable(key))
        for key, values in request.GET.lists()
        if unstorable(key) or any(unstorable(value) for value in values)
    ]


def _in_form(request: HttpRequest, *, surrogates_only: bool = False) -> list[tuple[Any, ...]]:
    if request.method != "POST" or request.content_type not in FORM_TYPES:
        return []
    bad = has_surrogate if surrogates_only else unstorable
    return [
        ("form", printable(key))
        for key, values in request.POST.lists()
        if bad(key) or any(bad(value) for value in values)
    ]


def _in_api_body(request: HttpRequest) -> list[tuple[Any, ...]]:
    if request.content_type != "application/json":
        return _in_form(request)
    try:
        data = json.loads(request.body)
    except Exception:  # not JSON, or too large: the API answers that itself (400)
        return []
    return [("body", *loc) for loc in find_unstorable(data)]


def _is_unstorable_error(exception: Exception) -> bool:
    if isinstance(exception, UnicodeEncodeError):
        return "surrogate" in str(exception)
    return isinstance(exception, DataError) and "NUL" in str(exception)


def _unstorable_response(request: HttpRequest, found: list[tuple[Any, ...]]) -> HttpResponse:
    if request.path.startswith("/api/"):
        detail = [{"loc": list(loc), "msg": MESSAGE, "type": "unstorable_text"} for loc in found]
        return JsonResponse({"detail": detail}, status=422)
    names = [str(loc[-1]) for loc in found if len(loc) > 1]
    html = render_to_string("422.html", {"names": names}, request=request)
    return HttpResponse(html, status=422)
