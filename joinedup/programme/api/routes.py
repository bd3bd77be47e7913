"""REST operations for plans, actions, progress updates, milestones and status vocabularies.

Every path starts with a partnership the caller must belong to (else 404). Reads go through
`joinedup.programme.selectors` (only what the caller may see); writes go through
`joinedup.programme.services` (403 without the right, 422 on bad data). A PATCH of an action
carries the `version` the caller read: if someone saved the action since, the answer is 409 and
nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from joinedup.accounts.lookups import person_or_error
from joinedup.api.errors import field_error
from joinedup.api.lookups import changes_from
from joinedup.api.lookups import partnership_or_404 as _partnership
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.core import extensions
from joinedup.core.models import Partnership
from joinedup.partnerships import lookups as partnership_lookups
from joinedup.programme import lookups, selectors, services
from joinedup.programme.api.schemas import (
    ActionIn,
    ActionListOut,
    ActionOut,
    ActionPatch,
    ConflictOut,
    MilestoneIn,
    MilestoneOut,
    PlanIn,
    PlanOut,
    PlanPatch,
    ProgressIn,
    ProgressOut,
    VocabularyOut,
)
from joinedup.programme.models import (
    Action,
    Milestone,
    Plan,
    ProgressUpdate,
    StatusVocabulary,
    StatusWord,
)

router = Router(tags=["programme"])

PLANS = "/partnerships/{slug}/plans"
PLAN = PLANS + "/{plan_slug}"
ACTION = "/partnerships/{slug}/actions/{int:action_id}"


# ---------------------------------------------------------------- lookups


def _plan(request: HttpRequest, slug: str, plan_slug: str) -> Plan:
    partnership = _partnership(request, slug)
    return selectors.plan_get(user=request.auth, partnership=partnership, slug=plan_slug)


def _action(request: HttpRequest, slug: str, action_id: int) -> Action:
    partnership = _partnership(request, slug)
    return selectors.action_get(user=request.auth, partnership=partnership, pk=action_id)


def _body(request: HttpRequest, partnership: Partnership, slug: str | None, field: str) -> Any:
    return partnership_lookups.body_or_error(partnership, slug, field=field, user=request.auth)


def _organisations(request: HttpRequest, partnership: Partnership, slugs: Any) -> Any:
    return partnership_lookups.organisations_or_error(
        partnership, slugs, field="restricted_to", user=request.auth
    )


def _word(plan: Plan, word: str | None) -> StatusWord | None:
    if word is None:
        return None
    found = StatusWord.objects.filter(vocabulary_id=plan.vocabulary_id, word__iexact=word).first()
    if found is None:
        choices = ", ".join(selectors.status_words(plan).values_list("word", flat=True))
        raise field_error("status", f"{word!r} is not a status word of this plan ({choices}).")
    return found


def _visible_action(request: HttpRequest, plan: Plan, pk: int | None, field: str) -> Any:
    """An action of the plan the caller may see."""
    return lookups.action_or_error(plan.partnership, pk, field=field, user=request.auth, plan=plan)


def _action_args(request: HttpRequest, plan: Plan, data: dict[str, Any]) -> dict[str, Any]:
    """Payload identifiers → records: slugs, names and ids become the objects they name."""
    partnership = plan.partnership
    if "restricted_to" in data:
        data["restricted_to"] = _organisations(request, partnership, data["restricted_to"])
    if data.get("workstream") is not None:
        data["workstream"] = lookups.workstream_or_error(
            plan, data["workstream"], field="workstream", user=request.auth
        )
    if data.get("lead_organisation") is not None:
        data["lead_organisation"] = partnership_lookups.organisation_or_error(
            partnership, data["lead_organisation"], field="lead_organisation", user=request.auth
        )
    if data.get("owner") is not None:
        data["owner"] = person_or_error(partnership, data["owner"], field="owner")
    if "responsible_body" in data:
        data["responsible_body"] = _body(
            request, partnership, data["responsible_body"], "responsible_body"
        )
    if "status" in data:
        data["status"] = _word(plan, data["status"])
    return data


# ---------------------------------------------------------------- vocabularies


@router.get("/status-vocabularies", response={200: list[VocabularyOut], **READ_ERRORS})
@paginate(PageNumber)
def vocabulary_list(request: HttpRequest) -> QuerySet[StatusVocabulary]:
    """Every status vocabulary (reference data) and its words."""
    return StatusVocabulary.objects.prefetch_related("words")


# ---------------------------------------------------------------- plans


@router.get(PLANS, response={200: list[PlanOut], **READ_ERRORS})
@paginate(PageNumber)
def plan_list(request: HttpRequest, slug: str) -> list[Plan]:
    partnership = _partnership(request, slug)
    plans = selectors.plan_list(user=request.auth, partnership=partnership)
    return list(
        Plan.objects.filter(pk__in=[p.pk for p in plans])
        .select_related("owning_body", "reports_to", "vocabulary", "previous_plan")
        .prefetch_related("restricted_to")
    )


@router.post(PLANS, response={201: PlanOut, **WRITE_ERRORS})
def plan_create(request: HttpRequest, slug: str, payload: PlanIn) -> tuple[int, Plan]:
    partnership = _partnership(request, slug)
    data = payload.model_dump()
    data["restricted_to"] = _organisations(request, partnership, data["restricted_to"])
    try:
        data["vocabulary"] = selectors.vocabulary_latest(data["vocabulary"])
    except StatusVocabulary.DoesNotExist:
        raise field_error("vocabulary", "There is no such status vocabulary.") from None
    for field in ("owning_body", "reports_to"):
        data[field] = _body(request, partnership, data[field], field)
    return 201, services.plan_create(actor=request.auth, partnership=partnership, **data)


@router.get(PLAN, response={200: PlanOut, **READ_ERRORS})
def plan_detail(request: HttpRequest, slug: str, plan_slug: str) -> Plan:
    return _plan(request, slug, plan_slug)


@router.patch(PLAN, response={200: PlanOut, **WRITE_ERRORS})
def plan_update(request: HttpRequest, slug: str, plan_slug: str, payload: PlanPatch) -> Plan:
    plan = _plan(request, slug, plan_slug)
    data = changes_from(payload)
    if "restricted_to" in data:
        data["restricted_to"] = _organisations(request, plan.partnership, data["restricted_to"])
    for field in ("owning_body", "reports_to"):
        if field in data:
            data[field] = _body(request, plan.partnership, data[field], field)
    return services.plan_update(actor=request.auth, plan=plan, **data)


# ---------------------------------------------------------------- actions


def _with_progress(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Each action's newest update as plain columns (one query for the whole page)."""
    newest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-id")
    return actions.annotate(
        progress_to_date=Subquery(newest.values("narrative")[:1]),
        progress_date=Subquery(newest.values("date")[:1]),
        progress_see_action=Subquery(newest.values("see_action_id")[:1]),
    )


@router.get(PLAN + "/actions", response={200: list[ActionListOut], **READ_ERRORS})
@paginate(PageNumber)
def action_list(
    request: HttpRequest,
    slug: str,
    plan_slug: str,
    state: str | None = None,
    overdue_only: bool = False,
    q: str = "",
) -> QuerySet[Action]:
    """The plan's actions in plan order, each with its progress to date."""
    plan = _plan(request, slug, plan_slug)
    actions = selectors.action_list(
        user=request.auth, plan=plan, state=state, overdue_only=overdue_only, q=q
    )
    actions = _with_progress(actions.select_related("plan")).prefetch_related("restricted_to")
    # The decisions and risks linked to each action, read in a fixed number of queries.
    prefetches = extensions.hook("programme.action_prefetches", lambda user: [])(request.auth)
    return actions.prefetch_related(*prefetches)


@router.post(PLAN + "/actions", response={201: ActionOut, **WRITE_ERRORS})
def action_create(
    request: HttpRequest, slug: str, plan_slug: str, payload: ActionIn
) -> tuple[int, Action]:
    plan = _plan(request, slug, plan_slug)
    data = _action_args(request, plan, payload.model_dump())
    return 201, services.action_create(actor=request.auth, plan=plan, **data)


@router.get(ACTION, response={200: ActionOut, **READ_ERRORS})
def action_detail(request: HttpRequest, slug: str, action_id: int) -> Action:
    return _action(request, slug, action_id)


@router.patch(ACTION, response={200: ActionOut, 409: ConflictOut, **WRITE_ERRORS})
def action_update(request: HttpRequest, slug: str, action_id: int, payload: ActionPatch) -> Any:
    """Change an action; `version` must be the one you read (else 409, nothing written)."""
    action = _action(request, slug, action_id)
    data = _action_args(request, action.plan, changes_from(payload))
    version = data.pop("version")
    try:
        return services.action_update(
            actor=request.auth, action=action, expected_version=version, **data
        )
    except services.StaleVersionError as exc:
        return 409, {"detail": exc.messages[0], "current_version": exc.current}


# ---------------------------------------------------------------- progress updates


@router.get(ACTION + "/updates", response={200: list[ProgressOut], **READ_ERRORS})
@paginate(PageNumber)
def update_list(request: HttpRequest, slug: str, action_id: int) -> QuerySet[ProgressUpdate]:
    """The action's progress updates, newest first."""
    return selectors.action_updates(action=_action(request, slug, action_id))


@router.post(ACTION + "/updates", response={201: ProgressOut, **WRITE_ERRORS})
def update_create(
    request: HttpRequest, slug: str, action_id: int, payload: ProgressIn
) -> tuple[int, ProgressUpdate]:
    """Add a progress update (append-only: it can never be changed or removed)."""
    action = _action(request, slug, action_id)
    data = payload.model_dump()
    data["status"] = _word(action.plan, data["status"])
    data["see_action"] = _visible_action(request, action.plan, data["see_action"], "see_action")
    return 201, services.action_progress_add(actor=request.auth, action=action, **data)


# ---------------------------------------------------------------- milestones


@router.get(PLAN + "/milestones", response={200: list[MilestoneOut], **READ_ERRORS})
@paginate(PageNumber)
def milestone_list(request: HttpRequest, slug: str, plan_slug: str) -> QuerySet[Milestone]:
    plan = _plan(request, slug, plan_slug)
    milestones = selectors.plan_milestones(user=request.auth, plan=plan)
    return milestones.select_related("plan").prefetch_related("restricted_to")


@router.post(PLAN + "/milestones", response={201: MilestoneOut, **WRITE_ERRORS})
def milestone_create(
    request: HttpRequest, slug: str, plan_slug: str, payload: MilestoneIn
) -> tuple[int, Milestone]:
    plan = _plan(request, slug, plan_slug)
    data = payload.model_dump()
    data["action"] = _visible_action(request, plan, data["action"], "action")
    return 201, services.milestone_create(actor=request.auth, plan=plan, **data)
