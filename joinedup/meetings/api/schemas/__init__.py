"""Schemas of the meetings API: meetings.py for meetings, agenda, minutes and decisions,
registers.py for the forward plan, dispensations, registers and votes."""
