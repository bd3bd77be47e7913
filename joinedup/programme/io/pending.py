"""Uploaded files kept between a dry run and the import that follows it.

After a successful dry run the file is written under VAR_DIR/programme-imports/ with a random
token; the token is remembered in the officer's session with the plan it was checked against,
so only that session can import it, into that plan, within `TTL`. An expired, unknown or used
token is refused with a clear message (the officer uploads the file again). Files older than
TTL are removed whenever another file is kept.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

TTL_SECONDS = 30 * 60
SESSION_KEY = "programme_pending_imports"
EXPIRED = (
    "The checked file is no longer kept (files are kept for 30 minutes after the check, "
    "for this session only). Upload the file again."
)


class PendingExpired(Exception):
    """The token names no file this session may still import."""


@dataclass(frozen=True)
class Pending:
    token: str
    filename: str
    data: bytes


def _now() -> float:
    return time.time()


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "programme-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(now: float) -> None:
    for path in _folder().glob("*.upload"):
        if now - path.stat().st_mtime > TTL_SECONDS:
            path.unlink(missing_ok=True)


def keep(session: Any, *, plan_id: int, filename: str, data: bytes) -> str:
    """Keep the file for this session and plan; return its token."""
    now = _now()
    _sweep(now)
    token = secrets.token_urlsafe(24)
    (_folder() / f"{token}.upload").write_bytes(data)
    kept = {t: v for t, v in session.get(SESSION_KEY, {}).items() if now - v["at"] < TTL_SECONDS}
    kept[token] = {"plan": plan_id, "filename": filename, "at": now}
    session[SESSION_KEY] = kept
    return token


def take(session: Any, *, plan_id: int, token: str) -> Pending:
    """The kept file for this token, session and plan (raise PendingExpired otherwise)."""
    entry = session.get(SESSION_KEY, {}).get(token)
    path = _folder() / f"{token}.upload"
    fresh = entry is not None and _now() - entry["at"] < TTL_SECONDS
    if (
        not fresh
        or entry["plan"] != plan_id
        or not token.replace("-", "").replace("_", "").isalnum()
    ):
        raise PendingExpired(EXPIRED)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PendingExpired(EXPIRED) from None
    return Pending(token=token, filename=entry["filename"], data=data)


def forget(session: Any, token: str) -> None:
    """Remove the kept file once it has been imported."""
    kept = dict(session.get(SESSION_KEY, {}))
    kept.pop(token, None)
    session[SESSION_KEY] = kept
    (_folder() / f"{token}.upload").unlink(missing_ok=True)
