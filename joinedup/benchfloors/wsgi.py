"""WSGI entry point of a benchmark run: the Django application, with one path answered before it.

`/bench/floor/wsgi` is the server's ceiling (floor "wsgi"): a plain WSGI callable returning
13 bytes from the same Gunicorn workers, without Django. Every other path goes to Django as in
production (config/wsgi.py); the URL modules are imported at start-up rather than on the first
request.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

HELLO_PATH = "/bench/floor/wsgi"
HELLO = b"Hello, world!"

django_application = get_wsgi_application()
# Import every URL module now (Django would on the first request), so that with Gunicorn's
# --preload it happens once, before the workers fork, not inside the first measured requests.
get_resolver().url_patterns  # noqa: B018


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == HELLO_PATH:
        start_response(
            "200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(HELLO)))]
        )
        return [HELLO]
    return django_application(environ, start_response)
