"""The partnerships API: partnerships, partners, bodies, seats, reporting lines and terms of
reference (routes.py, schemas.py)."""

from joinedup.partnerships.api.routes import router

__all__ = ["router"]
