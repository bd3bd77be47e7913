"""Reads for reviews: the open risks a register review covers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from joinedup.risks import scoring
from joinedup.risks.models import Register, Risk


def risks_on(register: Register) -> Any:
    """Every open risk on the register: its own and those shown on it."""
    return (
        Risk.objects.filter(Q(register=register) | Q(entries__register=register))
        .exclude(status__in=scoring.CLOSED_STATES)
        .distinct()
        .order_by("reference")
    )
