"""The REST API: one NinjaAPI at /api/v1/, each app adds its router (from its own `api/`).

OpenAPI at /api/v1/openapi.json, interactive docs at /api/v1/docs. Authentication, error shapes
and pagination are described in joinedup/api/auth.py, errors.py and pagination.py, and the
choice of Django Ninja in docs/adr/0002-rest-api-django-ninja.md. This module only wires them.
"""

from __future__ import annotations

from config.api.history import router as history_router
from joinedup.accounts.api import router as accounts_router
from joinedup.api.auth import api_auth
from joinedup.api.errors import install_exception_handlers
from joinedup.api.openapi import JoinedUpAPI
from joinedup.core.api import router as calendar_router
from joinedup.meetings.api import router as meetings_router
from joinedup.partnerships.api import router as partnerships_router
from joinedup.programme.api import router as programme_router
from joinedup.risks.api import router as risks_router

DESCRIPTION = """\
The Joined-Up REST API.

Authenticate with `Authorization: Bearer <token>` (issue a token with `joinedup token USERNAME`),
or with the browser session (unsafe methods then need the `X-CSRFToken` header).

A record you may not see is always `404`, never `403`. `403` means you can see the record but may
not make this change. `422` lists field-level problems as `{"detail": [{"loc": [...], "msg": ...}]}`
and nothing is written. Every list is paginated with `?page=` and `?page_size=` (at most 100).
"""

api = JoinedUpAPI(
    title="Joined-Up API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=api_auth(),
)
install_exception_handlers(api)

api.add_router("/", partnerships_router)
api.add_router("/", accounts_router)
api.add_router("/", history_router)
api.add_router("/", calendar_router)
api.add_router("/", programme_router)
api.add_router("/", risks_router)
api.add_router("/", meetings_router)
