"""Reads for the partnerships app: every selector takes the user and returns what they may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from joinedup.core.models import Partnership
from joinedup.core.permissions import get_visible_or_404, scope
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)

Role = BodyMembership.Role

# Seats listed in the order a clerk would read them out.
ROLE_ORDER = [
    Role.CHAIR,
    Role.JOINT_CHAIR,
    Role.VICE_CHAIR,
    Role.MEMBER,
    Role.DEPUTY,
    Role.ADVISER,
    Role.OBSERVER,
    Role.SECRETARY,
]


def _current(qs: QuerySet, on: Any = None) -> QuerySet:
    today = on or timezone.localdate()
    return qs.filter(Q(start_date__isnull=True) | Q(start_date__lte=today)).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def partner_list(
    *,
    user: Any,
    partnership: Partnership,
    membership_type: str | None = None,
    current_only: bool = False,
) -> QuerySet[Partner]:
    """The partners of the partnership the user may see, by organisation name."""
    qs = Partner.objects.filter(partnership=partnership).select_related("organisation")
    if membership_type:
        qs = qs.filter(membership_type=membership_type)
    if current_only:
        qs = _current(qs)
    return scope(qs, user).prefetch_related("restricted_to")


def partner_get(*, user: Any, partnership: Partnership, pk: int) -> Partner:
    """One visible partner, else 404."""
    qs = Partner.objects.filter(partnership=partnership).select_related("organisation")
    return get_visible_or_404(qs, user, pk=pk)


def body_list(
    *, user: Any, partnership: Partnership, kind: str | None = None, q: str = ""
) -> QuerySet[Body]:
    """The bodies of the partnership the user may see, optionally of one kind or matching text."""
    qs = Body.objects.filter(partnership=partnership).select_related("owner_organisation")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(purpose__icontains=q))
    return scope(qs, user)


def body_get(*, user: Any, partnership: Partnership, slug: str) -> Body:
    """One visible body by its slug, else 404."""
    qs = Body.objects.filter(partnership=partnership).select_related("owner_organisation")
    return get_visible_or_404(qs, user, slug=slug)


def body_memberships(
    *,
    user: Any,
    body: Body,
    current_only: bool = False,
    membership_type: str | None = None,
) -> QuerySet[BodyMembership]:
    """The visible seats on a body, chairs first."""
    rank = Case(
        *[When(role=role, then=Value(i)) for i, role in enumerate(ROLE_ORDER)],
        default=Value(len(ROLE_ORDER)),
        output_field=IntegerField(),
    )
    qs = BodyMembership.objects.filter(body=body)
    if current_only:
        qs = _current(qs)
    if membership_type:
        qs = qs.filter(membership_type=membership_type)
    return (
        scope(qs, user)
        .select_related("person", "representing", "deputy_for__person", "body")
        .annotate(role_rank=rank)
        .order_by("role_rank", "person__role_title", "person__username", "pk")
    )


def membership_get(*, user: Any, body: Body, pk: int) -> BodyMembership:
    """One visible seat on the body, else 404."""
    qs = BodyMembership.objects.filter(body=body).select_related("person", "representing", "body")
    return get_visible_or_404(qs, user, pk=pk)


def _visible_line_qs(user: Any, partnership_id: int) -> QuerySet[ReportingLine]:
    """Lines the user may see whose two ends they may also see."""
    bodies = scope(Body.objects.filter(partnership_id=partnership_id), user).values("pk")
    qs = ReportingLine.objects.filter(
        partnership_id=partnership_id, child__in=bodies, parent__in=bodies
    )
    return scope(qs, user).select_related("child__owner_organisation", "parent__owner_organisation")


def reporting_lines(*, user: Any, partnership: Partnership) -> QuerySet[ReportingLine]:
    """Every reporting line of the partnership the user may see, with both bodies."""
    return _visible_line_qs(user, partnership.pk)


def body_parents(*, user: Any, body: Body) -> QuerySet[ReportingLine]:
    """The lines up from a body (each with `.parent` and `.kind`) the user may see."""
    return _visible_line_qs(user, body.partnership_id).filter(child=body).order_by("parent__name")


def body_children(*, user: Any, body: Body) -> QuerySet[ReportingLine]:
    """The lines down to a body (each with `.child` and `.kind`) the user may see."""
    return _visible_line_qs(user, body.partnership_id).filter(parent=body).order_by("child__name")


def reporting_line_get(*, user: Any, body: Body, pk: int) -> ReportingLine:
    """One visible line up or down from the body, else 404."""
    qs = _visible_line_qs(user, body.partnership_id).filter(Q(child=body) | Q(parent=body))
    return get_visible_or_404(qs, user, pk=pk)


def tor_versions(*, user: Any, body: Body) -> QuerySet[TermsOfReference]:
    """The visible versions of a body's terms of reference, newest first."""
    qs = TermsOfReference.objects.filter(body=body).select_related("approved_by", "body")
    return scope(qs, user).order_by("-version")


def tor_get(*, user: Any, body: Body, version: int) -> TermsOfReference:
    """One visible version of a body's terms of reference, else 404."""
    qs = TermsOfReference.objects.filter(body=body).select_related(
        "approved_by", "body__owner_organisation"
    )
    return get_visible_or_404(qs, user, version=version)


def tor_current(*, user: Any, body: Body) -> TermsOfReference | None:
    """The approved version in force, if the user may see it."""
    return (
        tor_versions(user=user, body=body).filter(status=TermsOfReference.Status.APPROVED).first()
    )


@dataclass(frozen=True)
class GraphNode:
    id: int
    slug: str
    name: str
    kind: str
    kind_label: str
    owner: str


@dataclass(frozen=True)
class GraphEdge:
    child: int
    parent: int
    kind: str
    label: str


@dataclass
class AccountabilityGraph:
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)

    def node(self, node_id: int) -> GraphNode:
        return next(n for n in self.nodes if n.id == node_id)


def accountability_graph(*, user: Any, partnership: Partnership) -> AccountabilityGraph:
    """The visible bodies and the visible lines between them (two queries, whatever the size)."""
    nodes = [
        GraphNode(
            id=b.pk,
            slug=b.slug,
            name=b.name,
            kind=b.kind,
            kind_label=b.get_kind_display(),
            owner=str(b.owner_organisation) if b.owner_organisation else partnership.name,
        )
        for b in body_list(user=user, partnership=partnership)
    ]
    edges = [
        GraphEdge(
            child=line.child_id,
            parent=line.parent_id,
            kind=line.kind,
            label=line.get_kind_display(),
        )
        for line in reporting_lines(user=user, partnership=partnership)
    ]
    return AccountabilityGraph(nodes=nodes, edges=edges)


__all__ = [
    "AccountabilityGraph",
    "GraphEdge",
    "GraphNode",
    "accountability_graph",
    "body_children",
    "body_get",
    "body_list",
    "body_memberships",
    "body_parents",
    "membership_get",
    "partner_get",
    "partner_list",
    "reporting_line_get",
    "reporting_lines",
    "tor_current",
    "tor_get",
    "tor_versions",
]


def partner_organisation_ids(partnership: Partnership) -> set[int]:
    """The ids of the partnership's partner organisations (what a restricted-to list may name)."""
    return set(
        Partner.objects.filter(partnership=partnership).values_list("organisation_id", flat=True)
    )
