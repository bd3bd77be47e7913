"""Deadline endpoint: the one calendar service over HTTP (mounted by the API at /api/v1/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from joinedup.core.api.schemas import DeadlineOut, ErrorOut
from joinedup.core.calendar import (
    CalendarError,
    CalendarHorizonError,
    UnknownRuleError,
    deadline_calculate,
    parse_start,
)

router = Router(tags=["calendar"])


def _error(loc: list[str], msg: str) -> Status[dict[str, Any]]:
    return Status(422, {"detail": [{"loc": loc, "msg": msg, "type": "value_error"}]})


@router.get("/deadlines/{rule}", response={200: DeadlineOut, 422: ErrorOut})
def deadline_get(
    request: HttpRequest,
    rule: str,
    date: str,
    organisation: str | None = None,
    variant: str | None = None,
    explain: bool = False,
) -> Any:
    """The due date a named rule gives for `date` (an ISO date, or date-time for clock rules)."""
    from joinedup.accounts.models import Organisation

    try:
        start = parse_start(date)
    except ValueError:
        return _error(["query", "date"], f"{date!r} is not an ISO date or date-time.")
    org = None
    if organisation is not None:
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            return _error(["query", "organisation"], f"No organisation {organisation!r}.")
    try:
        result = deadline_calculate(rule=rule, start=start, organisation=org, variant=variant)
    except UnknownRuleError as exc:
        return _error(["path", "rule"], str(exc))
    except CalendarHorizonError as exc:
        return _error(["query", "date"], str(exc))
    except CalendarError as exc:
        return _error(["query", "variant"], str(exc))
    return {
        "rule": rule,
        "input": date,
        "due": result.due_iso,
        "profile": result.profile,
        "also": {key: value.isoformat() for key, value in result.also.items()},
        "explanation": result.explanation() if explain else [],
    }
