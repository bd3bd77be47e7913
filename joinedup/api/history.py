"""GET /partnerships/{slug}/history/{model}/{pk}: the audit entries of one visible record."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate

from joinedup.api.lookups import partnership_or_404
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, AuditEntryOut
from joinedup.core.audit import history_for
from joinedup.core.models import AuditEntry
from joinedup.core.permissions import can_view, get_visible_or_404
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)

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
    description=f"`model` is one of: {', '.join(HISTORY_MODELS)}. Newest first.",
)
@paginate(PageNumber)
def record_history(request: HttpRequest, slug: str, model: str, pk: int) -> QuerySet[AuditEntry]:
    partnership = partnership_or_404(request, slug)
    model_class = HISTORY_MODELS.get(model)
    if model_class is None:
        raise Http404("Not found")
    queryset = model_class._default_manager.filter(partnership=partnership)
    record = get_visible_or_404(queryset, request.auth, pk=pk)  # type: ignore[attr-defined]
    if _names_a_hidden_body(request.auth, record):  # type: ignore[attr-defined]
        raise Http404("Not found")
    return history_for(record)


def _names_a_hidden_body(user: Any, record: Model) -> bool:
    bodies = [getattr(record, name) for name in BODY_FIELDS if hasattr(record, f"{name}_id")]
    return not all(can_view(user, body) for body in bodies)
