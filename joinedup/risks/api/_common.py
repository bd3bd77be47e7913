"""What the risks API operations share: the router, paths, lookups and presenting a risk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from joinedup.accounts.lookups import person_or_error
from joinedup.accounts.models import User
from joinedup.api.lookups import (
    partnership_or_404,
)
from joinedup.core.lookups import scoped_all_or_error
from joinedup.core.models import Partnership
from joinedup.partnerships import lookups as partnership_lookups
from joinedup.risks import lookups as risk_lookups
from joinedup.risks import selectors, services
from joinedup.risks.models import Register, Risk

router = Router(tags=["risks"])
REGISTERS = "/partnerships/{slug}/risk-registers"
REGISTER = REGISTERS + "/{register_slug}"
RISK = "/partnerships/{slug}/risks/{int:risk_id}"


# ---------------------------------------------------------------- presenting a risk


def _score(likelihood: int | None, consequence: int | None, matrix: Any) -> dict | None:
    if likelihood is None or consequence is None:
        return None
    from joinedup.risks.scoring import score

    found = score(matrix, likelihood, consequence)
    return {
        "likelihood": likelihood,
        "consequence": consequence,
        "score": found.value,
        "band": found.band.key,
    }


def risk_out(row: selectors.Row) -> dict[str, Any]:
    """A register row as the API (and the XLSX export) shows it."""
    r, m = row.risk, row.matrix
    return {
        "id": r.pk,
        "version": r.version,
        "reference": r.reference,
        "title": r.title,
        "home_register": r.register.slug,
        "cause": r.cause,
        "event": r.event,
        "effect": r.effect,
        "category": r.category,
        "objective": r.objective,
        "lead_organisation": r.lead_organisation.slug,
        "owner": str(r.owner) if r.owner_id else None,
        "inherent": _score(r.inherent_likelihood, r.inherent_consequence, m),
        "current": _score(r.current_likelihood, r.current_consequence, m),
        "target": _score(r.target_likelihood, r.target_consequence, m),
        "target_date": r.target_date,
        "shown_score": row.shown,
        "band": row.band.key if row.band else None,
        "divergent_assessments": row.divergent,
        "status": row.status,
        "review_overdue": row.overdue,
        "trend": row.trend,
        "escalated_to": [body.slug for body in row.escalations],
        "treatment": r.treatment,
        "proximity": r.proximity,
        "review_frequency": r.review_frequency,
        "last_reviewed_on": r.last_reviewed_on,
        "next_review_due": r.next_review_due,
        "confidentiality": r.confidentiality,
        "contributions": [
            {
                "organisation": c.organisation.slug,
                "owner": str(c.owner) if c.owner_id else None,
                "likelihood": c.likelihood,
                "consequence": c.consequence,
                "score": c.score,
                "escalated_to": c.escalated_to.slug if c.escalated_to_id else None,
                "closure_confirmed_on": c.closure_confirmed_on,
            }
            for c in row.partners
        ],
        "work_actions": [
            {
                "id": a.pk,
                "reference": a.reference,
                "plan": a.plan.slug,
                "title": a.title,
                "status": str(a.status) if a.status_id else "Not started",
            }
            for a in row.actions
        ],
        "parent": r.parent_id,
    }


def _today() -> dt.date:
    return timezone.localdate()


def _register(request: HttpRequest, slug: str, register_slug: str) -> Register:
    partnership = partnership_or_404(request, slug)
    return selectors.register_get(user=request.auth, partnership=partnership, slug=register_slug)


def _risk(request: HttpRequest, slug: str, risk_id: int) -> Risk:
    partnership = partnership_or_404(request, slug)
    return selectors.risk_get(user=request.auth, partnership=partnership, pk=risk_id)


def _out(request: HttpRequest, risk: Risk, today: dt.date | None = None) -> dict[str, Any]:
    fresh = selectors.risk_get(user=request.auth, partnership=risk.partnership, pk=risk.pk)
    rows = selectors.rows_for(
        [fresh], register=fresh.register, today=today or _today(), user=request.auth
    )
    return risk_out(rows[0])


def _person(partnership: Partnership, person_id: int | None, field: str) -> User | None:
    """A person of the partnership (joinedup/accounts/lookups.py); anyone else is a 422."""
    return person_or_error(partnership, person_id, field=field)


def _body(request: HttpRequest, partnership: Partnership, slug: str | None, field: str) -> Any:
    return partnership_lookups.body_or_error(partnership, slug, field=field, user=request.auth)


def _organisation(
    request: HttpRequest, partnership: Partnership, slug: str | None, field: str
) -> Any:
    return partnership_lookups.organisation_or_error(
        partnership, slug, field=field, user=request.auth
    )


def _organisations(request: HttpRequest, partnership: Partnership, slugs: Any) -> Any:
    return partnership_lookups.organisations_or_error(
        partnership, slugs, field="restricted_to", user=request.auth
    )


def _actions(request: HttpRequest, partnership: Partnership, ids: list[int] | None) -> list[Any]:
    """The work-programme actions named by id, if the caller may see them all; else a 422."""
    found = scoped_all_or_error(
        selectors.visible_actions(user=request.auth).select_related("plan"),
        partnership,
        ids or [],
        field="work_actions",
        noun="action",
        user=request.auth,
    )
    return found or []


def _parent(request: HttpRequest, partnership: Partnership, pk: int | None) -> Risk | None:
    return risk_lookups.risk_or_error(partnership, pk, field="parent", user=request.auth)


def _conflict(exc: services.StaleVersionError) -> tuple[int, dict[str, Any]]:
    return 409, {"detail": exc.messages[0], "current_version": exc.current}


def _appetites(partnership: Partnership, items: list[Any]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        values = item.model_dump() if hasattr(item, "model_dump") else dict(item)
        values["approved_by"] = _person(partnership, values.get("approved_by"), "approved_by")
        found.append(values)
    return found
