"""REST endpoints for the forward plan (key decision notices), the urgency report (reg 19),
dispensations, the registers of interests and of gifts, votes and the chair's casting vote, and
the work-programme actions a decision led to. Same rules as joinedup.meetings.api.routes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from joinedup.api.errors import field_error
from joinedup.api.lookups import partnership_or_404
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.meetings import lookups, selectors, services, urgency
from joinedup.meetings.api.routes import DECISIONS, ITEM, _item, _person
from joinedup.meetings.api.schemas.meetings import DecisionOut
from joinedup.meetings.api.schemas.registers import (
    CastingVoteIn,
    DecisionLinksIn,
    DispensationIn,
    DispensationOut,
    DispensationRevokeIn,
    GiftIn,
    GiftOut,
    InterestIn,
    InterestOut,
    NoticeIn,
    NoticeOut,
    NoticePatch,
    ProcedureIn,
    ProcedureOut,
    TallyOut,
    UrgencyReportOut,
    VoteListOut,
)
from joinedup.meetings.models import (
    Decision,
    Dispensation,
    GiftHospitality,
    KeyDecisionNotice,
    RegisterEntry,
    Vote,
)
from joinedup.partnerships import lookups as partnership_lookups

router = Router(tags=["meetings"])

P = "/partnerships/{slug}"
NOTICES = P + "/key-decisions"
NOTICE = NOTICES + "/{int:notice_id}"
DISPENSATIONS = P + "/dispensations"


def _organisation(request: HttpRequest, partnership: Any, slug: str) -> Any:
    """The partner organisation whose scheme a register entry is kept under."""
    return partnership_lookups.organisation_or_error(
        partnership, slug, field="organisation", user=request.auth
    )


# ---------------------------------------------------------------- forward plan


@router.get(NOTICES, response={200: list[NoticeOut], **READ_ERRORS})
@paginate(PageNumber)
def notice_list(request: HttpRequest, slug: str) -> QuerySet[KeyDecisionNotice]:
    """The forward plan: key decision notices the caller may see, soonest decision first."""
    partnership = partnership_or_404(request, slug)
    notices = selectors.notice_list(user=request.auth, partnership=partnership)
    return notices.prefetch_related("restricted_to")


@router.post(NOTICES, response={201: NoticeOut, **WRITE_ERRORS})
def notice_create(request: HttpRequest, slug: str, payload: NoticeIn) -> tuple[int, Any]:
    """Publish a key decision notice; 422 when its route is not one the dates allow (T7)."""
    partnership = partnership_or_404(request, slug)
    data = payload.model_dump()
    body = partnership_lookups.body_or_error(
        partnership, data.pop("body"), field="body", user=request.auth
    )
    data["restricted_to"] = partnership_lookups.organisations_or_error(
        partnership, data["restricted_to"], field="restricted_to", user=request.auth
    )
    if data["restricted_to"] is None:
        data.pop("restricted_to")
    if "confidentiality" not in payload.model_fields_set:
        data.pop("confidentiality")
        data.pop("exempt_paragraph")
    return 201, services.key_decision_notice_create(actor=request.auth, body=body, **data)


@router.get(NOTICE, response={200: NoticeOut, **READ_ERRORS})
def notice_detail(request: HttpRequest, slug: str, notice_id: int) -> KeyDecisionNotice:
    partnership = partnership_or_404(request, slug)
    return selectors.notice_get(user=request.auth, partnership=partnership, pk=notice_id)


@router.patch(NOTICE, response={200: NoticeOut, **WRITE_ERRORS})
def notice_update(
    request: HttpRequest, slug: str, notice_id: int, payload: NoticePatch
) -> KeyDecisionNotice:
    """Change a notice, e.g. record the O&S chair's agreement to special urgency."""
    notice = notice_detail(request, slug, notice_id)
    data = payload.model_dump(exclude_unset=True)
    return services.key_decision_notice_update(actor=request.auth, notice=notice, **data)


@router.get(P + "/urgency-report", response={200: UrgencyReportOut, **READ_ERRORS})
def urgency_report(
    request: HttpRequest,
    slug: str,
    organisation: str | None = None,
    year: int | None = None,
    quarter: int | None = None,
) -> dict[str, Any]:
    """Key decisions in a calendar quarter (the current one by default) taken under special
    urgency or the general exception, for the leader's report to council (reg 19): of one
    organisation's bodies (`?organisation=SLUG`), or of every body of the partnership."""
    from django.utils import timezone

    partnership = partnership_or_404(request, slug)
    today = timezone.localdate()
    year = today.year if year is None else year
    quarter = (today.month - 1) // 3 + 1 if quarter is None else quarter
    if quarter not in (1, 2, 3, 4):
        raise field_error("quarter", "The quarter is 1, 2, 3 or 4.")
    org = None
    if organisation:
        org = partnership_lookups.organisation_or_error(
            partnership, organisation, field="organisation", user=request.auth
        )
    report = urgency.urgency_report(
        user=request.auth, partnership=partnership, organisation=org, year=year, quarter=quarter
    )
    return {
        "organisation": report.organisation,
        "start": report.start,
        "end": report.end,
        "special_urgency": list(report.special),
        "general_exception": list(report.general),
    }


PROCEDURE = P + "/terms-of-reference/{int:terms_id}/procedure"


def _terms(request: HttpRequest, slug: str, terms_id: int) -> Any:
    partnership = partnership_or_404(request, slug)
    return selectors.terms_get(user=request.auth, partnership=partnership, pk=terms_id)


def _procedure_out(terms: Any) -> dict[str, Any]:
    from joinedup.meetings.models import ProcedureRules

    rules = ProcedureRules.objects.filter(terms=terms).first()
    if rules is None:
        return {"chair_casting_vote": False, "quorum": []}
    quorum = [
        {"organisation": q.organisation.slug, "minimum": q.minimum}
        for q in rules.quorum.select_related("organisation")
    ]
    return {"chair_casting_vote": rules.chair_casting_vote, "quorum": quorum}


@router.get(PROCEDURE, response={200: ProcedureOut, **READ_ERRORS})
def procedure_detail(request: HttpRequest, slug: str, terms_id: int) -> dict[str, Any]:
    """The cross-organisation quorum and casting vote of one terms of reference version (by id)."""
    return _procedure_out(_terms(request, slug, terms_id))


@router.put(PROCEDURE, response={200: ProcedureOut, **WRITE_ERRORS})
def procedure_set(
    request: HttpRequest, slug: str, terms_id: int, payload: ProcedureIn
) -> dict[str, Any]:
    """Set them ("at least one from the Council and one from the PCT"); 422 for a non-partner."""
    terms = _terms(request, slug, terms_id)
    quorum = {
        partnership_lookups.organisation_or_error(
            terms.partnership, q.organisation, field="quorum", user=request.auth
        ): q.minimum
        for q in payload.quorum
    }
    services.procedure_rules_set(
        actor=request.auth,
        terms=terms,
        chair_casting_vote=payload.chair_casting_vote,
        quorum=quorum,
        reason=payload.reason,
    )
    return _procedure_out(terms)


# ---------------------------------------------------------------- dispensations


@router.get(DISPENSATIONS, response={200: list[DispensationOut], **READ_ERRORS})
@paginate(PageNumber)
def dispensation_list(request: HttpRequest, slug: str) -> QuerySet[Dispensation]:
    partnership = partnership_or_404(request, slug)
    dispensations = selectors.dispensation_list(user=request.auth, partnership=partnership)
    return dispensations.prefetch_related("restricted_to")


@router.post(DISPENSATIONS, response={201: DispensationOut, **WRITE_ERRORS})
def dispensation_grant(
    request: HttpRequest, slug: str, payload: DispensationIn
) -> tuple[int, Dispensation]:
    """Grant a dispensation (at most four years, s.33)."""
    partnership = partnership_or_404(request, slug)
    data = payload.model_dump()
    data["person"] = _person(partnership, data.pop("person_id"))
    data["organisation"] = _organisation(request, partnership, data["organisation"])
    data["interest"] = lookups.interest_or_error(
        partnership, data.pop("interest_id"), field="interest_id", user=request.auth
    )
    made = services.dispensation_grant(actor=request.auth, partnership=partnership, **data)
    return 201, made


@router.get(
    DISPENSATIONS + "/{int:dispensation_id}", response={200: DispensationOut, **READ_ERRORS}
)
def dispensation_detail(request: HttpRequest, slug: str, dispensation_id: int) -> Dispensation:
    partnership = partnership_or_404(request, slug)
    return selectors.dispensation_get(
        user=request.auth, partnership=partnership, pk=dispensation_id
    )


@router.post(
    DISPENSATIONS + "/{int:dispensation_id}/revoke",
    response={200: DispensationOut, **WRITE_ERRORS},
)
def dispensation_revoke(
    request: HttpRequest, slug: str, dispensation_id: int, payload: DispensationRevokeIn
) -> Dispensation:
    dispensation = dispensation_detail(request, slug, dispensation_id)
    return services.dispensation_revoke(
        actor=request.auth, dispensation=dispensation, **payload.model_dump()
    )


# ---------------------------------------------------------------- registers


@router.get(P + "/interests", response={200: list[InterestOut], **READ_ERRORS})
@paginate(PageNumber)
def interest_list(request: HttpRequest, slug: str) -> QuerySet[RegisterEntry]:
    """The register of interests; a sensitive interest shows only that it exists (s.32)."""
    partnership = partnership_or_404(request, slug)
    entries = selectors.register_list(user=request.auth, partnership=partnership)
    return entries.prefetch_related("restricted_to")


@router.post(P + "/interests", response={201: InterestOut, **WRITE_ERRORS})
def interest_create(
    request: HttpRequest, slug: str, payload: InterestIn
) -> tuple[int, RegisterEntry]:
    partnership = partnership_or_404(request, slug)
    data = payload.model_dump()
    data.pop("exempt_paragraph", None)
    data["restricted_to"] = partnership_lookups.organisations_or_error(
        partnership, data["restricted_to"], field="restricted_to", user=request.auth
    )
    if data["restricted_to"] is None:
        data.pop("restricted_to")
    data["person"] = _person(partnership, data.pop("person_id"))
    data["organisation"] = _organisation(request, partnership, data["organisation"])
    data["dpi_kind"] = data["dpi_kind"] or ""
    entry = services.register_entry_create(actor=request.auth, partnership=partnership, **data)
    return 201, entry


@router.get(P + "/gifts", response={200: list[GiftOut], **READ_ERRORS})
@paginate(PageNumber)
def gift_list(request: HttpRequest, slug: str) -> QuerySet[GiftHospitality]:
    """Gifts and hospitality, with whether and by when each must be registered (T9)."""
    partnership = partnership_or_404(request, slug)
    gifts = selectors.gift_list(user=request.auth, partnership=partnership)
    return gifts.prefetch_related("restricted_to")


@router.post(P + "/gifts", response={201: GiftOut, **WRITE_ERRORS})
def gift_create(request: HttpRequest, slug: str, payload: GiftIn) -> tuple[int, GiftHospitality]:
    partnership = partnership_or_404(request, slug)
    data = payload.model_dump()
    data["person"] = _person(partnership, data.pop("person_id"))
    data["organisation"] = _organisation(request, partnership, data["organisation"])
    return 201, services.gift_record(actor=request.auth, partnership=partnership, **data)


# ---------------------------------------------------------------- votes


@router.get(ITEM + "/tally", response={200: TallyOut, **READ_ERRORS})
def vote_tally(request: HttpRequest, slug: str, meeting_id: int, item_id: int) -> dict[str, Any]:
    """The counted votes (a barred member's vote left out) and the outcome."""
    tally = selectors.vote_tally(_item(request, slug, meeting_id, item_id))
    return {
        "votes_for": tally.votes_for,
        "against": tally.against,
        "abstentions": tally.abstentions,
        "eligible": tally.eligible,
        "casting": tally.casting,
        "tied": tally.tied,
        "carried": tally.carried,
    }


@router.post(ITEM + "/casting-vote", response={201: VoteListOut, **WRITE_ERRORS})
def casting_vote(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int, payload: CastingVoteIn
) -> tuple[int, Vote]:
    """The chair's casting vote on a tie, where the terms of reference give one (422 else)."""
    item = _item(request, slug, meeting_id, item_id)
    vote = services.vote_casting_record(
        actor=request.auth,
        item=item,
        person=_person(item.partnership, payload.person_id),
        choice=payload.choice,
    )
    return 201, vote


# ---------------------------------------------------------------- decision links


@router.put(
    DECISIONS + "/{int:decision_id}/programme-actions", response={200: DecisionOut, **WRITE_ERRORS}
)
def decision_programme_actions(
    request: HttpRequest, slug: str, decision_id: int, payload: DecisionLinksIn
) -> Decision:
    """Set the work-programme actions the decision led to (from those the caller may see)."""
    from joinedup.core.lookups import scoped_all_or_error

    partnership = partnership_or_404(request, slug)
    decision = selectors.decision_get(user=request.auth, partnership=partnership, pk=decision_id)
    found = scoped_all_or_error(
        selectors.visible_programme_actions(user=request.auth).select_related("plan"),
        partnership,
        payload.programme_actions,
        field="programme_actions",
        noun="action",
        user=request.auth,
    )
    return services.decision_link(
        actor=request.auth, decision=decision, programme_actions=found, reason=payload.reason
    )


__all__ = ["router"]
