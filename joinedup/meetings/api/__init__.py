"""The meetings API: meetings, agenda, attendance, declarations, minutes and decisions
(routes.py), the forward plan, urgency report, dispensations, registers and votes
(routes_registers.py, mounted inside routes.router), and their schemas (schemas/)."""

from joinedup.meetings.api.routes import router

__all__ = ["router"]
