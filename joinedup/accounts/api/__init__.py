"""The accounts API: the caller's own account, organisations and people (routes.py, schemas.py)."""

from joinedup.accounts.api.routes import router

__all__ = ["router"]
