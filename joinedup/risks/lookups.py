"""Lookups for risk registers and risks (joinedup/core/lookups.py): an id from a URL, a request
body, a form or the command line names a record of the partnership it is used in, or is
answered as one that does not exist."""

from __future__ import annotations

from typing import Any

from joinedup.core.lookups import check_in_partnership, scoped_or_error, scoped_or_none
from joinedup.core.models import Partnership
from joinedup.risks.models import Register, Risk

REGISTER = "register"
RISK = "risk"


def register_in_partnership(
    partnership: Partnership, slug: Any, *, user: Any = None
) -> Register | None:
    return scoped_or_none(Register.objects.all(), partnership, user=user, slug=slug)


def register_or_error(
    partnership: Partnership, slug: Any, *, field: str, user: Any = None
) -> Register | None:
    return scoped_or_error(
        Register.objects.all(), partnership, field=field, noun=REGISTER, user=user, slug=slug
    )


def risk_or_error(
    partnership: Partnership, pk: Any, *, field: str, user: Any = None
) -> Risk | None:
    return scoped_or_error(
        Risk.objects.all(), partnership, field=field, noun=RISK, user=user, pk=pk
    )


def check_register(
    partnership: Partnership, register: Any, field: str, errors: dict[str, list[str]]
) -> None:
    if register is not None:
        check_in_partnership(errors, field, REGISTER, register.partnership_id == partnership.pk)


def check_risk(
    partnership: Partnership, risk: Any, field: str, errors: dict[str, list[str]]
) -> None:
    if risk is not None:
        check_in_partnership(errors, field, RISK, risk.partnership_id == partnership.pk)
