"""API operations on one risk: read, change (versioned), assess, partners' parts, joint score,
closure, status, acceptances, sharing and reviews."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.pagination import paginate

from joinedup.api.errors import field_error
from joinedup.api.lookups import changes_from
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.core.permissions import get_visible_or_404
from joinedup.risks import lookups as risk_lookups
from joinedup.risks import selectors, services
from joinedup.risks.api._common import (
    RISK,
    _actions,
    _conflict,
    _organisation,
    _organisations,
    _out,
    _parent,
    _person,
    _risk,
    _today,
    router,
)
from joinedup.risks.api.schemas import (
    AcceptanceIn,
    AcceptanceRevokeIn,
    AssessedOut,
    AssessmentIn,
    ConflictOut,
    ContributionIn,
    Pair,
    ReviewIn,
    ReviewOut,
    RiskOut,
    RiskPatch,
    ShareIn,
    StatusIn,
    WithdrawIn,
)

# ---------------------------------------------------------------- one risk


@router.get(RISK, response={200: RiskOut, **READ_ERRORS})
def risk_detail(request: HttpRequest, slug: str, risk_id: int) -> Any:
    return _out(request, _risk(request, slug, risk_id))


@router.patch(RISK, response={200: RiskOut, 409: ConflictOut, **WRITE_ERRORS})
def risk_update(request: HttpRequest, slug: str, risk_id: int, payload: RiskPatch) -> Any:
    """Change a risk's details or linked actions; `version` must be the one you read (else 409,
    nothing written). Scores change through /assessment."""
    risk = _risk(request, slug, risk_id)
    partnership = risk.partnership
    data = changes_from(payload)
    version = data.pop("version")
    if "restricted_to" in data:
        data["restricted_to"] = _organisations(request, partnership, data["restricted_to"])
    if "owner" in data:
        data["owner"] = _person(partnership, data["owner"], "owner")
    if "work_actions" in data:
        data["work_actions"] = _actions(request, partnership, data["work_actions"])
    if "parent" in data:
        data["parent"] = _parent(request, partnership, data["parent"])
    try:
        services.risk_update(actor=request.auth, risk=risk, expected_version=version, **data)
    except services.StaleVersionError as exc:
        return _conflict(exc)
    return _out(request, risk)


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
        organisation=_organisation(request, risk.partnership, payload.organisation, "organisation"),
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


@router.post(
    RISK + "/acceptances/{int:acceptance_id}/revoke", response={200: RiskOut, **WRITE_ERRORS}
)
def acceptance_revoke(
    request: HttpRequest, slug: str, risk_id: int, acceptance_id: int, payload: AcceptanceRevokeIn
) -> Any:
    """Revoke a decision to tolerate the risk, with a reason: it returns to assessed."""
    risk = _risk(request, slug, risk_id)
    acceptance = get_visible_or_404(risk.acceptances.all(), request.auth, pk=acceptance_id)
    services.risk_acceptance_revoke(
        actor=request.auth, acceptance=acceptance, reason=payload.reason
    )
    return _out(request, risk)


@router.post(RISK + "/shares/{int:entry_id}/withdraw", response={200: RiskOut, **WRITE_ERRORS})
def share_withdraw(
    request: HttpRequest, slug: str, risk_id: int, entry_id: int, payload: WithdrawIn
) -> Any:
    """The owning partner withdraws its risk from another register (it keeps the risk)."""
    risk = _risk(request, slug, risk_id)
    entry = get_visible_or_404(risk.entries.all(), request.auth, pk=entry_id)
    services.risk_unshare(actor=request.auth, entry=entry, reason=payload.reason)
    return _out(request, risk)


@router.post(RISK + "/shares", response={200: RiskOut, **WRITE_ERRORS})
def risk_share(request: HttpRequest, slug: str, risk_id: int, payload: ShareIn) -> Any:
    """The owning partner shows the risk on another register, at the level it chooses."""
    risk = _risk(request, slug, risk_id)
    register = risk_lookups.register_or_error(
        risk.partnership, payload.to_register, field="to_register", user=request.auth
    )
    services.risk_share(
        actor=request.auth,
        risk=risk,
        register=register,
        confidentiality=payload.confidentiality,
        exempt_paragraph=payload.exempt_paragraph,
        restricted_to=_organisations(request, risk.partnership, payload.restricted_to),
        reason=payload.reason,
    )
    return _out(request, risk)


@router.get(RISK + "/reviews", response={200: list[ReviewOut], **READ_ERRORS})
@paginate(PageNumber)
def review_list(request: HttpRequest, slug: str, risk_id: int) -> Any:
    risk = _risk(request, slug, risk_id)
    return selectors.risk_reviews(user=request.auth, risk=risk)


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
