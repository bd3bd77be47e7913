"""One error shape for the whole API.

- 401 `{"detail": "Unauthorized"}`: no valid token or session.
- 404 `{"detail": "Not Found"}`: the record does not exist *or the caller may not see it*.
- 403 `{"detail": "..."}`: the caller can see the record but may not make this change.
- 422 `{"detail": [{"loc": ["body", "field"], "msg": "...", "type": "..."}]}`: the request or
  the model's own rules rejected the data; Ninja's schema errors already have this shape and a
  Django `ValidationError` from a service is mapped onto it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI


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
    """Map Django's exceptions onto the shapes above (Http404 is Ninja's own default)."""

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": validation_details(exc)}, status=422)

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "You may not make this change."
        return api.create_response(request, {"detail": message}, status=403)
