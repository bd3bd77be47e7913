"""GET /partnerships/{slug}/history/{model}/{pk}: the audit entries of one visible record.

`model` is one of the short words below (kept for the clients that use them) or the label of
any governed model, as the history pages write it ("programme.action", "risks.risk").

It serves every app's governed records, so it lives here with the API's wiring rather than in
any one app: the short words name partnerships' records, the labels any app's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from joinedup.api.lookups import partnership_or_404
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS
from joinedup.core.audit import history_for
from joinedup.core.models import AuditEntry, GovernedModel
from joinedup.core.permissions import can_view, get_visible_or_404
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)


class AuditEntryOut(Schema):
    id: int
    action: str
    at: dt.datetime
    actor: str = Field(..., description="Who made the change, as shown in the history")
    reason: str
    object_repr: str
    changes: dict[str, list[Any]] = Field(..., description="{field: [from, to]}")

    @staticmethod
    def resolve_actor(obj: Model) -> str:
        return obj.actor_repr  # type: ignore[attr-defined]


router = Router(tags=["history"])

# Records that hang off bodies: their history is hidden when a body they name is hidden.
BODY_FIELDS = ("body", "child", "parent")

# The governed records whose history the API shows, by the name used in the URL.
HISTORY_MODELS: dict[str, type[Model]] = {
    "partner": Partner,
    "body": Body,
    "body-membership": BodyMembership,
    "reporting-line": ReportingLine,
    "terms-of-reference": TermsOfReference,
}


@router.get(
    "/partnerships/{slug}/history/{model}/{pk}",
    response={200: list[AuditEntryOut], **READ_ERRORS},
    summary="History of a record",
    operation_id="joinedup_api_history_record_history",  # its id from joinedup/api/history.py
    description=(
        f"`model` is one of: {', '.join(HISTORY_MODELS)}, or the label of any governed record "
        "as its history page writes it (`programme.action`, `risks.risk`, `meetings.meeting`"
        "...). Newest first."
    ),
)
@paginate(PageNumber)
def record_history(request: HttpRequest, slug: str, model: str, pk: int) -> QuerySet[AuditEntry]:
    partnership = partnership_or_404(request, slug)
    model_class = HISTORY_MODELS.get(model) or governed_model(model)
    if model_class is None:
        raise Http404("Not found")
    queryset = model_class._default_manager.filter(partnership=partnership)
    record = get_visible_or_404(queryset, request.auth, pk=pk)  # type: ignore[attr-defined]
    if _names_a_hidden_body(request.auth, record):  # type: ignore[attr-defined]
        raise Http404("Not found")
    return history_for(record)


def governed_model(label: str) -> type[Model] | None:
    """The governed model called `label` ("app_label.modelname"), or None."""
    if label.count(".") != 1:
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if issubclass(model, GovernedModel) else None


def _names_a_hidden_body(user: Any, record: Model) -> bool:
    bodies = [
        body
        for name in BODY_FIELDS
        if hasattr(record, f"{name}_id") and (body := getattr(record, name)) is not None
    ]
    return not all(can_view(user, body) for body in bodies)
