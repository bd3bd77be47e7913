"""REST endpoints for risk registers, risks and reviews."""

from ninja import Router

router = Router(tags=["risks"])
