"""REST endpoints for plans, actions and progress updates."""

from ninja import Router

router = Router(tags=["programme"])
