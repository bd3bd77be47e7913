"""Logging filters named in settings.LOGGING."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404

# Answers to the client, not faults of ours: a refusal (403) or a record that is not there or
# not the caller's to see (404).
CLIENT_ANSWERS = (403, 404)


class OneLineClientErrors(logging.Filter):
    """Log a 403 or 404 as its one line ("Forbidden (Permission denied): /path"), without the
    traceback Django attaches to a PermissionDenied: the log keeps tracebacks for real faults."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        status = getattr(record, "status_code", None)
        if status in CLIENT_ANSWERS or isinstance(exc, (PermissionDenied, Http404)):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
