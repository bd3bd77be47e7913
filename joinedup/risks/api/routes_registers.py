"""API operations on risk registers: list, create, change (versioned), appetites, the risks on a
register, its exception report and its reviews at meetings."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query
from ninja.pagination import paginate

from joinedup.accounts.lookups import people_or_error
from joinedup.api.lookups import (
    changes_from,
    partnership_or_404,
)
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.risks import selectors, services
from joinedup.risks.api._common import (
    REGISTER,
    REGISTERS,
    _actions,
    _appetites,
    _body,
    _conflict,
    _organisation,
    _organisations,
    _out,
    _parent,
    _person,
    _register,
    _today,
    risk_out,
    router,
)
from joinedup.risks.api.schemas import (
    AppetiteIn,
    ConflictOut,
    ExceptionsOut,
    RegisterIn,
    RegisterOut,
    RegisterPatch,
    RegisterReviewIn,
    RegisterReviewOut,
    RiskIn,
    RiskOut,
)
from joinedup.risks.models import Appetite, Register

# ---------------------------------------------------------------- registers


@router.get(REGISTERS, response={200: list[RegisterOut], **READ_ERRORS})
@paginate(PageNumber)
def register_list(request: HttpRequest, slug: str) -> Any:
    partnership = partnership_or_404(request, slug)
    regs = selectors.register_list(user=request.auth, partnership=partnership)
    appetites = Prefetch("appetites", queryset=Appetite.objects.select_related("approved_by"))
    return regs.prefetch_related("restricted_to", appetites)


@router.post(REGISTERS, response={201: RegisterOut, **WRITE_ERRORS})
def register_create(request: HttpRequest, slug: str, payload: RegisterIn) -> Any:
    partnership = partnership_or_404(request, slug)
    data = payload.model_dump()
    data["restricted_to"] = _organisations(request, partnership, data["restricted_to"])
    # "" (no organisation) is a partnership-wide register, as None is.
    data["organisation"] = (
        _organisation(request, partnership, data["organisation"], "organisation")
        if data["organisation"]
        else None
    )
    data["governing_body"] = _body(request, partnership, data["governing_body"], "governing_body")
    return 201, services.register_create(actor=request.auth, partnership=partnership, **data)


@router.get(REGISTER, response={200: RegisterOut, **READ_ERRORS})
def register_detail(request: HttpRequest, slug: str, register_slug: str) -> Register:
    return _register(request, slug, register_slug)


@router.patch(REGISTER, response={200: RegisterOut, 409: ConflictOut, **WRITE_ERRORS})
def register_update(
    request: HttpRequest, slug: str, register_slug: str, payload: RegisterPatch
) -> Any:
    """Change a register (name, governing body, threshold, appetites); `version` must be the
    one you read (else 409, nothing written)."""
    register = _register(request, slug, register_slug)
    partnership = register.partnership
    data = changes_from(payload)
    version = data.pop("version")
    if "restricted_to" in data:
        data["restricted_to"] = _organisations(request, partnership, data["restricted_to"])
    if "governing_body" in data:
        data["governing_body"] = _body(
            request, partnership, data["governing_body"], "governing_body"
        )
    data["appetites"] = _appetites(partnership, payload.appetites or [])
    try:
        services.register_update(
            actor=request.auth, register=register, expected_version=version, **data
        )
    except services.StaleVersionError as exc:
        return _conflict(exc)
    return _register(request, slug, register_slug)


@router.post(REGISTER + "/appetites", response={200: RegisterOut, **WRITE_ERRORS})
def appetite_set(request: HttpRequest, slug: str, register_slug: str, payload: AppetiteIn) -> Any:
    register = _register(request, slug, register_slug)
    values = _appetites(register.partnership, [payload])[0]
    services.appetite_set(actor=request.auth, register=register, **values)
    return _register(request, slug, register_slug)


@router.get(REGISTER + "/risks", response={200: PageNumber.Output, **READ_ERRORS})
def register_risks(
    request: HttpRequest,
    slug: str,
    register_slug: str,
    page: int = Query(1, ge=1),
    page_size: int = Query(25, ge=1, le=100),
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
    partnership = register.partnership
    data["restricted_to"] = _organisations(request, partnership, data["restricted_to"])
    if data["lead_organisation"]:
        data["lead_organisation"] = _organisation(
            request, partnership, data["lead_organisation"], "lead_organisation"
        )
    data["owner"] = _person(register.partnership, data["owner"], "owner")
    data["work_actions"] = _actions(request, register.partnership, data["work_actions"])
    data["parent"] = _parent(request, register.partnership, data["parent"])
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
    people = people_or_error(register.partnership, payload.reviewed_by, field="reviewed_by")
    review = services.register_review_at_meeting(
        actor=request.auth,
        register=register,
        meeting_date=payload.meeting_date,
        reviewed_by=people or [],
        body=_body(request, register.partnership, payload.body, "body"),
        minute=payload.minute,
    )
    return 201, review
