"""Reads for the risks app: every function takes the user and returns only what they may see.

The register table is one query for the rows (scores, last two reviews and the latest acceptance
come in as annotations) plus one for the partners' own assessments, whatever the page size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from joinedup.core import extensions
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


def appetites(*, user: Any, register: Register) -> QuerySet[Appetite]:
    return scope(Appetite.objects.filter(register=register), user).select_related("approved_by")


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
            ),
            Prefetch(
                "work_actions",
                queryset=visible_actions(user=user).select_related("plan", "status"),
                to_attr="visible_actions",
            ),
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
    def actions(self) -> list[Any]:
        """The work-programme actions linked to the risk that the reader may see."""
        return list(getattr(self.risk, "visible_actions", []))

    @property
    def notified_on(self) -> dt.date | None:
        """When the latest escalation was emailed to a governing body, if it was."""
        days = [self.risk.escalation_notified_on] if self.risk.escalated_to_id else []
        days += [c.escalation_notified_on for c in self.partners if c.escalated_to_id]
        return max((d for d in days if d), default=None)

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


def _no_actions(*, user: Any, partnership: Any = None) -> QuerySet[Any]:
    return Risk._meta.get_field("work_actions").related_model.objects.none()


def visible_actions(*, user: Any, partnership: Any = None) -> QuerySet[Any]:
    """The work-programme actions the user may see (of the partnership, object or id), as
    joinedup.links provides them (core.extensions "risks.visible_actions"); none without it."""
    found = extensions.hook("risks.visible_actions", _no_actions)
    return found(user=user, partnership=partnership)


def actions_named(names: list[str]) -> list[Any]:
    """Work-programme actions named "plan-slug:reference" (the demo; unknown names left out)."""
    return extensions.hook("risks.actions_named", lambda names: [])(names)


def action_choices(*, user: Any, partnership: Partnership) -> QuerySet[Any]:
    """The work-programme actions a user may link a risk to: those they may see."""
    return visible_actions(user=user, partnership=partnership).select_related("plan")


def parent_choices(*, user: Any, risk: Risk | None, partnership: Partnership) -> QuerySet[Risk]:
    """Risks a risk may feed: open partnership (or BAF) risks that feed no other themselves."""
    qs = visible_risks(user=user, partnership=partnership).filter(parent__isnull=True)
    qs = qs.filter(Q(register__organisation__isnull=True) | Q(register__level="strategic"))
    qs = qs.exclude(status__in=scoring.CLOSED_STATES)
    return qs.exclude(pk=risk.pk) if risk is not None else qs


def risk_children(*, user: Any, risk: Risk) -> dict[str, Any]:
    """Controls, assurances, acceptances, the registers the risk is shown on, and the partner
    risks that feed it."""
    return {
        "children": scope(risk.children.all(), user).select_related("lead_organisation"),
        "controls": scope(risk.controls.all(), user).select_related("owner_organisation", "owner"),
        "assurances": scope(risk.assurances.all(), user).select_related("organisation"),
        "acceptances": scope(risk.acceptances.all(), user).select_related("approver", "revoked_by"),
        "parent": (
            scope(Risk.objects.filter(pk=risk.parent_id), user).first() if risk.parent_id else None
        ),
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
    """A risk named in a heat map cell (at most MAX_MARKERS per cell are read)."""

    pk: int
    reference: str
    pair: tuple[int, int]
    movement: str


@dataclass
class HeatData:
    """A heat map's counts by cell (and by movement since the last review) and named risks."""

    counts: dict[tuple[int, int], dict[str, int]]
    markers: list[Position]


def _top_partner(field_name: str) -> Subquery:
    own = (
        Contribution.objects.filter(risk=OuterRef("pk"), likelihood__isnull=False)
        .annotate(product=F("likelihood") * F("consequence"))
        .order_by("-product", "pk")
    )
    return Subquery(own.values(field_name)[:1], output_field=IntegerField())


def _cells(qs: QuerySet[Risk], which: str) -> QuerySet[Risk]:
    """Each risk's cell on the inherent or current grid, and its movement since the last review.

    The current cell is the agreed score's, else the highest partner assessment's; movement
    compares the shown score with the score at the last review (as scoring.trend does).
    """
    if which == "inherent":
        qs = qs.annotate(cell_l=F("inherent_likelihood"), cell_c=F("inherent_consequence"))
        return qs.annotate(move=Value("same"))
    agreed = Q(current_likelihood__isnull=False, current_consequence__isnull=False)
    return qs.annotate(
        cell_l=Case(When(agreed, then=F("current_likelihood")), default=_top_partner("likelihood")),
        cell_c=Case(
            When(agreed, then=F("current_consequence")), default=_top_partner("consequence")
        ),
        move=Case(
            When(Q(last_review__isnull=True) | Q(shown__isnull=True), then=Value("new")),
            When(shown__gt=F("last_review"), then=Value("up")),
            When(shown__lt=F("last_review"), then=Value("down")),
            default=Value("same"),
            output_field=CharField(),
        ),
    )


def heat_data(
    *, user: Any, register: Register, today: dt.date, which: str, per_cell: int
) -> HeatData:
    """A heat map grid in two queries whatever the number of risks: the counts grouped by cell
    and movement in the database, and at most `per_cell` named risks in each cell."""
    base = register_rows(user=user, register=register, today=today).prefetch_related(None)
    placed = _cells(base, which).filter(cell_l__isnull=False, cell_c__isnull=False)
    counts: dict[tuple[int, int], dict[str, int]] = {}
    grouped = placed.order_by().values("cell_l", "cell_c", "move").annotate(n=Count("pk"))
    for g in grouped:
        cell = counts.setdefault((g["cell_l"], g["cell_c"]), {})
        cell[g["move"]] = cell.get(g["move"], 0) + g["n"]
    ranked = placed.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("cell_l"), F("cell_c")],
            order_by=[F("shown").desc(nulls_last=True), F("reference").asc()],
        )
    ).filter(rank__lte=per_cell)
    markers = [
        Position(v["pk"], v["reference"], (v["cell_l"], v["cell_c"]), v["move"])
        for v in ranked.order_by("reference").values("pk", "reference", "cell_l", "cell_c", "move")
    ]
    return HeatData(counts=counts, markers=markers)
