"""REST endpoints for risk registers, risks and reviews.

Reads go through `joinedup.risks.selectors` (only what the caller may see, else 404); writes
through `joinedup.risks.services` (403 for a visible record the caller may not change, 422 for
bad input, with nothing written).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from joinedup.accounts.models import User
from joinedup.api.errors import field_error
from joinedup.api.lookups import organisation_by_slug, organisations_by_slug, partnership_or_404
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.core.models import Partnership
from joinedup.core.permissions import scope
from joinedup.partnerships.models import Body
from joinedup.risks import selectors, services
from joinedup.risks.models import Register, Risk
from joinedup.risks.schemas import (
    AcceptanceIn,
    AppetiteIn,
    AssessedOut,
    AssessmentIn,
    ContributionIn,
    ExceptionsOut,
    Pair,
    RegisterIn,
    RegisterOut,
    RegisterReviewIn,
    RegisterReviewOut,
    ReviewIn,
    ReviewOut,
    RiskIn,
    RiskOut,
    ShareIn,
    StatusIn,
)

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
    if person_id is None:
        return None
    person = User.objects.filter(pk=person_id, partnership_roles__partnership=partnership).first()
    if person is None:
        person = User.objects.filter(
            pk=person_id, organisation__partnerships__partnership=partnership
        ).first()
    if person is None:
        raise field_error(field, "There is no such person in this partnership.")
    return person


def _body(request: HttpRequest, partnership: Partnership, slug: str | None, field: str) -> Any:
    if slug is None:
        return None
    bodies = scope(Body.objects.filter(partnership=partnership), request.auth)
    body = bodies.filter(slug=slug).first()
    if body is None:
        raise field_error(field, f"There is no body {slug!r} in this partnership.")
    return body


# ---------------------------------------------------------------- registers


@router.get(REGISTERS, response={200: list[RegisterOut], **READ_ERRORS})
def register_list(request: HttpRequest, slug: str) -> Any:
    partnership = partnership_or_404(request, slug)
    regs = selectors.register_list(user=request.auth, partnership=partnership)
    return list(regs.prefetch_related("restricted_to", "appetites"))


@router.post(REGISTERS, response={201: RegisterOut, **WRITE_ERRORS})
def register_create(request: HttpRequest, slug: str, payload: RegisterIn) -> Any:
    partnership = partnership_or_404(request, slug)
    data = payload.model_dump()
    data["restricted_to"] = organisations_by_slug(data["restricted_to"], field="restricted_to")
    if data["organisation"]:
        data["organisation"] = organisation_by_slug(data["organisation"], field="organisation")
    data["governing_body"] = _body(request, partnership, data["governing_body"], "governing_body")
    return 201, services.register_create(actor=request.auth, partnership=partnership, **data)


@router.get(REGISTER, response={200: RegisterOut, **READ_ERRORS})
def register_detail(request: HttpRequest, slug: str, register_slug: str) -> Register:
    return _register(request, slug, register_slug)


@router.post(REGISTER + "/appetites", response={200: RegisterOut, **WRITE_ERRORS})
def appetite_set(request: HttpRequest, slug: str, register_slug: str, payload: AppetiteIn) -> Any:
    register = _register(request, slug, register_slug)
    services.appetite_set(actor=request.auth, register=register, **payload.model_dump())
    return register


@router.get(REGISTER + "/risks", response={200: PageNumber.Output, **READ_ERRORS})
def register_risks(
    request: HttpRequest, slug: str, register_slug: str, page: int = 1, page_size: int = 25
) -> Any:
    """The risks on the register (its own, shared and mirrored), highest score first."""
    register = _register(request, slug, register_slug)
    today = _today()
    qs = selectors.register_rows(user=request.auth, register=register, today=today)
    params = PageNumber.Input(page=page, page_size=page_size)
    envelope = PageNumber().paginate_queryset(qs, params, request)
    rows = selectors.rows_for(envelope["items"], register=register, today=today, user=request.auth)
    envelope["items"] = [RiskOut(**risk_out(row)).model_dump(mode="json") for row in rows]
    return envelope


@router.post(REGISTER + "/risks", response={201: RiskOut, **WRITE_ERRORS})
def risk_create(request: HttpRequest, slug: str, register_slug: str, payload: RiskIn) -> Any:
    register = _register(request, slug, register_slug)
    data = payload.model_dump()
    data["restricted_to"] = organisations_by_slug(data["restricted_to"], field="restricted_to")
    if data["lead_organisation"]:
        data["lead_organisation"] = organisation_by_slug(
            data["lead_organisation"], field="lead_organisation"
        )
    data["owner"] = _person(register.partnership, data["owner"], "owner")
    risk = services.risk_create(actor=request.auth, register=register, **data)
    return 201, _out(request, risk)


@router.get(REGISTER + "/exceptions", response={200: ExceptionsOut, **READ_ERRORS})
def register_exceptions(request: HttpRequest, slug: str, register_slug: str) -> Any:
    """Escalated, above-appetite, tolerated and overdue risks: the board's exception report."""
    register = _register(request, slug, register_slug)
    report = selectors.exceptions(user=request.auth, register=register, today=_today())
    return {key: [risk_out(row) for row in rows] for key, rows in report.items()}


@router.post(REGISTER + "/reviews", response={201: RegisterReviewOut, **WRITE_ERRORS})
def register_review(
    request: HttpRequest, slug: str, register_slug: str, payload: RegisterReviewIn
) -> Any:
    """The governing body reviewed the register at a meeting: one review per risk on it."""
    register = _register(request, slug, register_slug)
    people = [_person(register.partnership, pk, "reviewed_by") for pk in payload.reviewed_by]
    review = services.register_review_at_meeting(
        actor=request.auth,
        register=register,
        meeting_date=payload.meeting_date,
        reviewed_by=[p for p in people if p is not None],
        body=_body(request, register.partnership, payload.body, "body"),
        minute=payload.minute,
    )
    return 201, review


# ---------------------------------------------------------------- one risk


@router.get(RISK, response={200: RiskOut, **READ_ERRORS})
def risk_detail(request: HttpRequest, slug: str, risk_id: int) -> Any:
    return _out(request, _risk(request, slug, risk_id))


@router.post(RISK + "/assessment", response={200: AssessedOut, **WRITE_ERRORS})
def risk_assess(request: HttpRequest, slug: str, risk_id: int, payload: AssessmentIn) -> Any:
    """Score the risk; `warnings` lists what was accepted but needs a look (target > current)."""
    risk = _risk(request, slug, risk_id)

    def pair(value: Any) -> tuple[int, int] | None:
        return (value.likelihood, value.consequence) if value is not None else None

    result = services.risk_assess(
        actor=request.auth,
        risk=risk,
        inherent=(payload.inherent.likelihood, payload.inherent.consequence),
        current=pair(payload.current),
        target=pair(payload.target),
        target_date=payload.target_date,
        today=payload.today,
        reason=payload.reason,
    )
    return {"risk": _out(request, result.risk, payload.today), "warnings": result.warnings}


@router.post(RISK + "/contributions", response={200: RiskOut, **WRITE_ERRORS})
def contribution_set(request: HttpRequest, slug: str, risk_id: int, payload: ContributionIn) -> Any:
    """A partner's own owner and assessment of a joint risk."""
    risk = _risk(request, slug, risk_id)
    services.contribution_set(
        actor=request.auth,
        risk=risk,
        organisation=organisation_by_slug(payload.organisation, field="organisation"),
        owner=_person(risk.partnership, payload.owner, "owner"),
        likelihood=payload.likelihood,
        consequence=payload.consequence,
        today=payload.today,
    )
    return _out(request, risk, payload.today)


@router.post(RISK + "/joint-score", response={200: RiskOut, **WRITE_ERRORS})
def joint_score(request: HttpRequest, slug: str, risk_id: int, payload: Pair) -> Any:
    """Record the partners' agreed joint score (clears the divergence flag)."""
    risk = _risk(request, slug, risk_id)
    services.risk_agree_joint_score(
        actor=request.auth,
        risk=risk,
        likelihood=payload.likelihood,
        consequence=payload.consequence,
    )
    return _out(request, risk)


@router.post(
    RISK + "/contributions/{org_slug}/confirm-closure", response={200: RiskOut, **WRITE_ERRORS}
)
def confirm_closure(request: HttpRequest, slug: str, risk_id: int, org_slug: str) -> Any:
    risk = _risk(request, slug, risk_id)
    contribution = risk.contributions.filter(organisation__slug=org_slug).first()
    if contribution is None:
        raise field_error("organisation", f"{org_slug!r} is not a contributor to this risk.")
    services.contribution_confirm_closure(actor=request.auth, contribution=contribution)
    return _out(request, risk)


@router.post(RISK + "/status", response={200: RiskOut, **WRITE_ERRORS})
def risk_status(request: HttpRequest, slug: str, risk_id: int, payload: StatusIn) -> Any:
    risk = _risk(request, slug, risk_id)
    services.risk_transition(
        actor=request.auth, risk=risk, status=payload.status, reason=payload.reason
    )
    return _out(request, risk)


@router.post(RISK + "/acceptances", response={200: RiskOut, **WRITE_ERRORS})
def risk_accept(request: HttpRequest, slug: str, risk_id: int, payload: AcceptanceIn) -> Any:
    risk = _risk(request, slug, risk_id)
    services.risk_accept(
        actor=request.auth,
        risk=risk,
        approver=_person(risk.partnership, payload.approver, "approver"),
        justification=payload.justification,
        expires_on=payload.expires_on,
        accepted_on=payload.accepted_on or _today(),
    )
    return _out(request, risk, payload.accepted_on)


@router.post(RISK + "/shares", response={200: RiskOut, **WRITE_ERRORS})
def risk_share(request: HttpRequest, slug: str, risk_id: int, payload: ShareIn) -> Any:
    """The owning partner shows the risk on another register, at the level it chooses."""
    risk = _risk(request, slug, risk_id)
    register = Register.objects.filter(
        partnership=risk.partnership, slug=payload.to_register
    ).first()
    if register is None:
        raise field_error("to_register", f"There is no register {payload.to_register!r} here.")
    services.risk_share(
        actor=request.auth,
        risk=risk,
        register=register,
        confidentiality=payload.confidentiality,
        exempt_paragraph=payload.exempt_paragraph,
        restricted_to=organisations_by_slug(payload.restricted_to, field="restricted_to"),
        reason=payload.reason,
    )
    return _out(request, risk)


@router.get(RISK + "/reviews", response={200: list[ReviewOut], **READ_ERRORS})
def review_list(request: HttpRequest, slug: str, risk_id: int) -> Any:
    risk = _risk(request, slug, risk_id)
    return list(selectors.risk_reviews(user=request.auth, risk=risk))


@router.post(RISK + "/reviews", response={201: ReviewOut, **WRITE_ERRORS})
def review_create(request: HttpRequest, slug: str, risk_id: int, payload: ReviewIn) -> Any:
    risk = _risk(request, slug, risk_id)
    review = services.risk_review_record(
        actor=request.auth,
        risk=risk,
        reviewer=_person(risk.partnership, payload.reviewer, "reviewer"),
        reviewed_on=payload.reviewed_on,
        commentary=payload.commentary,
    )
    return 201, review
