"""Reads for the risks app: every function takes the user and returns only what they may see.

The register table is one query for the rows (scores, last two reviews and the latest acceptance
come in as annotations) plus one for the partners' own assessments, whatever the page size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from joinedup.core.models import Partnership
from joinedup.core.permissions import get_visible_or_404, scope
from joinedup.risks import scoring
from joinedup.risks.matrices import get_matrix
from joinedup.risks.models import (
    Acceptance,
    Appetite,
    Contribution,
    Register,
    RegisterEntry,
    Review,
    Risk,
    Status,
)


def register_list(*, user: Any, partnership: Partnership) -> QuerySet[Register]:
    return scope(Register.objects.filter(partnership=partnership), user).select_related(
        "organisation", "governing_body"
    )


def register_get(*, user: Any, partnership: Partnership, slug: str) -> Register:
    qs = Register.objects.filter(partnership=partnership).select_related(
        "organisation", "governing_body"
    )
    return get_visible_or_404(qs, user, slug=slug)


def matrix_for(register: Register) -> scoring.Matrix:
    return get_matrix(register.matrix_slug, register.matrix_version)


def _review_score(offset: int) -> Subquery:
    reviews = Review.objects.filter(risk=OuterRef("pk")).order_by("-reviewed_on", "-pk")
    return Subquery(reviews.values("current_score")[offset : offset + 1])


def _partner_max() -> Subquery:
    own = (
        Contribution.objects.filter(risk=OuterRef("pk"), likelihood__isnull=False)
        .annotate(product=F("likelihood") * F("consequence"))
        .order_by("-product")
    )
    return Subquery(own.values("product")[:1], output_field=IntegerField())


def annotated(qs: QuerySet[Risk], user: Any) -> QuerySet[Risk]:
    """Risks with their shown score, inherent score, last two review scores, acceptance expiry."""
    latest_acceptance = Acceptance.objects.filter(
        risk=OuterRef("pk"), revoked_on__isnull=True
    ).order_by("-expires_on")
    return (
        qs.annotate(
            shown=Coalesce(
                F("current_likelihood") * F("current_consequence"),
                _partner_max(),
                output_field=IntegerField(),
            ),
            inherent=F("inherent_likelihood") * F("inherent_consequence"),
            last_review=_review_score(0),
            previous_review=_review_score(1),
            acceptance_expires=Subquery(latest_acceptance.values("expires_on")[:1]),
        )
        .select_related("register", "lead_organisation", "owner", "escalated_to")
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=scope(Contribution.objects.all(), user).select_related(
                    "organisation", "owner", "escalated_to"
                ),
            )
        )
    )


def visible_risks(*, user: Any, partnership: Partnership) -> QuerySet[Risk]:
    return scope(Risk.objects.filter(partnership=partnership), user)


def risks_on_register(*, user: Any, register: Register) -> QuerySet[Risk]:
    """The risks on a register the user may see: its own, plus those shared or mirrored on it."""
    entries = scope(RegisterEntry.objects.filter(register=register), user)
    on_it = Q(register=register) | Q(pk__in=entries.values("risk_id"))
    return scope(Risk.objects.filter(on_it), user)


@dataclass(frozen=True)
class Filters:
    organisation: int | None = None
    category: str = ""
    band: str = ""
    owner: int | None = None
    overdue: bool = False
    include_closed: bool = False


def register_rows(
    *, user: Any, register: Register, filters: Filters | None = None, today: dt.date
) -> QuerySet[Risk]:
    """The register table: filtered by partner, category, band, owner, overdue."""
    f = filters or Filters()
    qs = annotated(risks_on_register(user=user, register=register), user)
    if not f.include_closed:
        qs = qs.exclude(status__in=scoring.CLOSED_STATES)
    if f.organisation:
        qs = qs.filter(
            Q(lead_organisation_id=f.organisation)
            | Q(pk__in=Contribution.objects.filter(organisation_id=f.organisation).values("risk"))
        )
    if f.category:
        qs = qs.filter(category=f.category)
    if f.band:
        low, high = scoring.band_range(matrix_for(register), f.band)
        qs = qs.filter(shown__gte=low, shown__lte=high)
    if f.owner:
        qs = qs.filter(owner_id=f.owner)
    if f.overdue:
        qs = qs.filter(next_review_due__lt=today)
    return qs.order_by("-shown", "reference")


@dataclass
class Row:
    """One risk as a register, heat map or report shows it: everything computed on read."""

    risk: Risk
    matrix: scoring.Matrix
    today: dt.date
    appetite_max: int | None = None
    partners: list[Contribution] = field(default_factory=list)

    @property
    def shown(self) -> int | None:
        return getattr(self.risk, "shown", None)

    @property
    def band(self) -> scoring.Band | None:
        return scoring.band_for(self.matrix, self.shown) if self.shown else None

    @property
    def inherent_band(self) -> scoring.Band | None:
        value = getattr(self.risk, "inherent", None)
        return scoring.band_for(self.matrix, value) if value else None

    @property
    def divergent(self) -> bool:
        agreed = self.risk.current_likelihood is not None
        scores = [c.score for c in self.partners if c.score is not None]
        return scoring.displayed_score(self.shown if agreed else None, scores)[1]

    @property
    def status(self) -> str:
        expires = getattr(self.risk, "acceptance_expires", None)
        return scoring.effective_status(self.risk.status, expires, self.today)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def overdue(self) -> bool:
        return scoring.review_overdue(self.risk.next_review_due, self.today, self.status)

    @property
    def trend(self) -> str:
        return scoring.trend(getattr(self.risk, "previous_review", None), self.risk.last_review)

    @property
    def movement(self) -> str:
        """Movement of the shown score since the last review: up, down, same or new."""
        return scoring.trend(getattr(self.risk, "last_review", None), self.shown)

    @property
    def current_pair(self) -> tuple[int, int] | None:
        r = self.risk
        if r.current_likelihood is not None and r.current_consequence is not None:
            return (r.current_likelihood, r.current_consequence)
        scored = [c for c in self.partners if c.score is not None]
        top = max(scored, key=lambda c: c.score or 0, default=None)
        return (top.likelihood, top.consequence) if top else None  # type: ignore[return-value]

    @property
    def inherent_pair(self) -> tuple[int, int] | None:
        r = self.risk
        if r.inherent_likelihood is None or r.inherent_consequence is None:
            return None
        return (r.inherent_likelihood, r.inherent_consequence)

    @property
    def above_appetite(self) -> bool:
        return self.appetite_max is not None and (self.shown or 0) > self.appetite_max

    @property
    def escalations(self) -> list[Any]:
        """The bodies the risk is escalated to: its register's, or each partner's own."""
        found = [self.risk.escalated_to] if self.risk.escalated_to else []
        return found + [c.escalated_to for c in self.partners if c.escalated_to]


def rows_for(risks: Any, *, register: Register, today: dt.date, user: Any) -> list[Row]:
    """Rows for risks already fetched with `annotated` (one query more: the appetites)."""
    appetites = dict(
        scope(Appetite.objects.filter(register=register), user).values_list(
            "category", "max_residual"
        )
    )
    matrix = matrix_for(register)
    return [
        Row(
            risk=r,
            matrix=matrix,
            today=today,
            appetite_max=appetites.get(r.category),
            partners=list(r.contributions.all()),
        )
        for r in risks
    ]


def risk_get(*, user: Any, partnership: Partnership, pk: int) -> Risk:
    qs = annotated(Risk.objects.filter(partnership=partnership), user)
    return get_visible_or_404(qs, user, pk=pk)


def risk_reviews(*, user: Any, risk: Risk) -> QuerySet[Review]:
    return scope(Review.objects.filter(risk=risk), user).select_related("reviewer")


def risk_children(*, user: Any, risk: Risk) -> dict[str, Any]:
    """Controls, assurances, acceptances and the registers the risk is shown on."""
    return {
        "controls": scope(risk.controls.all(), user).select_related("owner_organisation", "owner"),
        "assurances": scope(risk.assurances.all(), user).select_related("organisation"),
        "acceptances": scope(risk.acceptances.all(), user).select_related("approver"),
        "entries": scope(risk.entries.all(), user).select_related("register"),
    }


def exceptions(*, user: Any, register: Register, today: dt.date) -> dict[str, list[Row]]:
    """The exception report: escalated, above appetite, tolerated, and overdue risks."""
    rows = rows_for(
        register_rows(user=user, register=register, today=today),
        register=register,
        today=today,
        user=user,
    )
    return {
        "escalated": [r for r in rows if r.escalations or r.status == Status.ESCALATED],
        "above_appetite": [r for r in rows if r.above_appetite and r.status != Status.TOLERATED],
        "tolerated": [r for r in rows if r.status == Status.TOLERATED],
        "overdue": [r for r in rows if r.overdue],
    }


@dataclass(frozen=True)
class Position:
    """Where a risk sits on the heat map (read with values(): cheap at thousands of risks)."""

    pk: int
    reference: str
    inherent_pair: tuple[int, int] | None
    current_pair: tuple[int, int] | None
    movement: str


def _top_partner(field_name: str) -> Subquery:
    own = (
        Contribution.objects.filter(risk=OuterRef("pk"), likelihood__isnull=False)
        .annotate(product=F("likelihood") * F("consequence"))
        .order_by("-product")
    )
    return Subquery(own.values(field_name)[:1], output_field=IntegerField())


def _pair_of(a: int | None, b: int | None) -> tuple[int, int] | None:
    return (a, b) if a is not None and b is not None else None


def heat_positions(*, user: Any, register: Register, today: dt.date) -> list[Position]:
    """Every open risk on the register with its inherent and current cells, in one query."""
    qs = register_rows(user=user, register=register, today=today).annotate(
        top_l=_top_partner("likelihood"), top_c=_top_partner("consequence")
    )
    fields = (
        "pk",
        "reference",
        "inherent_likelihood",
        "inherent_consequence",
        "current_likelihood",
        "current_consequence",
        "top_l",
        "top_c",
        "shown",
        "last_review",
    )
    positions = []
    for v in qs.values(*fields):
        current = _pair_of(v["current_likelihood"], v["current_consequence"])
        positions.append(
            Position(
                pk=v["pk"],
                reference=v["reference"],
                inherent_pair=_pair_of(v["inherent_likelihood"], v["inherent_consequence"]),
                current_pair=current or _pair_of(v["top_l"], v["top_c"]),
                movement=scoring.trend(v["last_review"], v["shown"]),
            )
        )
    return positions
