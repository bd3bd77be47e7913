"""One error shape for the whole API.

- 401 `{"detail": "Unauthorized"}`: no valid token or session.
- 404 `{"detail": "Not Found"}`: the record does not exist *or the caller may not see it*.
- 403 `{"detail": "..."}`: the caller can see the record but may not make this change.
- 422 `{"detail": [{"loc": ["body", "field"], "msg": "...", "type": "..."}]}`: the request or
  the model's own rules rejected the data; Ninja's schema errors already have this shape and a
  Django `ValidationError` from a service is mapped onto it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DatabaseError, DataError, InternalError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from joinedup.core.calendar import CalendarHorizonError

logger = logging.getLogger(__name__)
NOT_FOUND = "Not Found"


def validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    """Field-level messages from a Django ValidationError, in Ninja's 422 shape."""
    if not hasattr(exc, "error_dict"):
        return [{"loc": ["body"], "msg": msg, "type": "validation_error"} for msg in exc.messages]
    details = []
    for field, messages in exc.message_dict.items():
        loc = ["body"] if field == NON_FIELD_ERRORS else ["body", field]
        details.extend({"loc": loc, "msg": msg, "type": "validation_error"} for msg in messages)
    return details


def field_error(field: str, msg: str) -> ValidationError:
    """A one-field ValidationError, for checks the API makes before calling a service."""
    return ValidationError({field: msg})


def install_exception_handlers(api: NinjaAPI) -> None:
    """Map Django's exceptions onto the shapes above."""

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": validation_details(exc)}, status=422)

    @api.exception_handler(OperationalError)
    @api.exception_handler(InternalError)
    def on_database_unavailable(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
        # The database refused the write (read-only, disk full, gone away): the transaction
        # was rolled back, so say so plainly rather than answer a bare 500.
        logger.exception("Database refused a request: %s", exc)
        message = "The database cannot take changes just now. Nothing was saved: try again later."
        return api.create_response(request, {"detail": message}, status=503)

    @api.exception_handler(DataError)
    def on_unstorable_value(request: HttpRequest, exc: DataError) -> HttpResponse:
        # A value the database cannot store (a NUL character in text on PostgreSQL): bad input.
        msg = "A value cannot be stored (it holds a character such as NUL, or is out of range)."
        detail = [{"loc": ["body"], "msg": msg, "type": "unstorable"}]
        return api.create_response(request, {"detail": detail}, status=422)

    @api.exception_handler(CalendarHorizonError)
    def on_date_beyond_calendar(request: HttpRequest, exc: CalendarHorizonError) -> HttpResponse:
        # A date the working-day calendar does not cover (1900, 2100): the service could not
        # compute a deadline for it. The message names the date and the horizon.
        detail = [{"loc": ["body"], "msg": str(exc), "type": "calendar_horizon"}]
        return api.create_response(request, {"detail": detail}, status=422)

    @api.exception_handler(OverflowError)
    def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        # A number too large for the database (an id of 10**20) is bad input, not our fault.
        detail = [{"loc": ["body"], "msg": "A number is too large.", "type": "overflow"}]
        return api.create_response(request, {"detail": detail}, status=422)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # One message, whatever the settings: Ninja's own handler appends the exception's text
        # under DEBUG ("Not Found: Not found"), which could also tell why a record is hidden.
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "You may not make this change."
        return api.create_response(request, {"detail": message}, status=403)
