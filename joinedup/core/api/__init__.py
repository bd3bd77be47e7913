"""The calendar API: the deadline endpoint (routes.py, schemas.py)."""

from joinedup.core.api.routes import router

__all__ = ["router"]
