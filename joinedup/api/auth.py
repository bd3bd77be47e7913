"""Who is calling: a bearer token (scripts, integrations) or the Django session (our own pages).

A token is checked with `ApiToken.authenticate`, which compares only hashes. A session caller
must pass Django's CSRF check on unsafe methods, exactly as a form post would. Anyone else is
refused with 401 by Ninja once every authenticator has returned None.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from joinedup.accounts.models import ApiToken, hash_token

# How often a token's last_used_at may be written, at most.
TOUCH_INTERVAL_SECONDS = 60


def _touch(raw: str) -> None:
    """Record that the token was used, at most once a minute per token."""
    key_hash = hash_token(raw)
    if not cache.add(f"joinedup:api-token-touch:{key_hash}", 1, TOUCH_INTERVAL_SECONDS):
        return
    try:
        with transaction.atomic():
            ApiToken.objects.filter(key_hash=key_hash).update(last_used_at=timezone.now())
    except DatabaseError:
        # Bookkeeping only: a database refusing writes (read-only, disk full) must not turn
        # every read into a 500; the failed save itself is answered in joinedup/api/errors.py.
        pass


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ju_...`: a token issued with `joinedup token USERNAME`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.authenticate(token.strip())
        if user is None:
            return None
        _touch(token.strip())
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session, with Django's CSRF check on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            # Not signed in: let Ninja answer 401 rather than a confusing CSRF 403.
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed.")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None


def api_auth() -> list[Any]:
    """Token first (cheap, explicit), then the session."""
    return [TokenAuth(), SessionAuth()]
