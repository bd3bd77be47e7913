"""REST endpoints for meetings, items, attendance, declarations, minutes and decisions."""

from ninja import Router

router = Router(tags=["meetings"])
