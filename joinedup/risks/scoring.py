"""Pure risk arithmetic: scores and bands from a matrix, consistency checks, the state machine.

Nothing here touches the database. A matrix is data
(joinedup/reference_data/risk_matrices/*.yaml, read by `joinedup.risks.matrices`); these functions
take it as an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from joinedup.core.calendar.counting import add_months


class ScoringError(ValueError):
    """A score the matrix cannot produce (a level outside it, or an impossible product)."""


@dataclass(frozen=True)
class Level:
    value: int
    name: str
    description: str = ""
    frequency: str = ""
    probability: str = ""
    descriptors: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Band:
    key: str
    name: str
    min: int
    max: int
    colour: str


@dataclass(frozen=True)
class Matrix:
    slug: str
    version: int
    name: str
    likelihood: tuple[Level, ...]
    consequence: tuple[Level, ...]
    bands: tuple[Band, ...]
    source: str = ""

    @property
    def size(self) -> str:
        return f"{len(self.likelihood)}×{len(self.consequence)}"

    def products(self) -> list[int]:
        """Every score the matrix can produce, in order."""
        return sorted({lv.value * cv.value for lv in self.likelihood for cv in self.consequence})

    def likelihood_name(self, value: int) -> str:
        return next((lv.name for lv in self.likelihood if lv.value == value), str(value))

    def consequence_name(self, value: int) -> str:
        return next((cv.name for cv in self.consequence if cv.value == value), str(value))


@dataclass(frozen=True)
class Score:
    likelihood: int
    consequence: int
    value: int
    band: Band

    def __str__(self) -> str:
        return f"{self.value} {self.band.key}"


def band_for(matrix: Matrix, value: int) -> Band:
    """The band of a score; a product the matrix cannot produce (e.g. 7) is refused."""
    if value not in matrix.products():
        raise ScoringError(f"{value} is not a score the {matrix.name} can produce.")
    for band in matrix.bands:
        if band.min <= value <= band.max:
            return band
    raise ScoringError(f"The {matrix.name} has no band for the score {value}.")


def score(matrix: Matrix, likelihood: int, consequence: int) -> Score:
    """Score = likelihood × consequence, with its band; levels outside the matrix are refused."""
    if likelihood not in {lv.value for lv in matrix.likelihood}:
        raise ScoringError(f"Likelihood {likelihood} is not on the {matrix.name}.")
    if consequence not in {cv.value for cv in matrix.consequence}:
        raise ScoringError(f"Consequence {consequence} is not on the {matrix.name}.")
    value = likelihood * consequence
    return Score(likelihood, consequence, value, band_for(matrix, value))


def band_range(matrix: Matrix, key: str) -> tuple[int, int]:
    band = next((b for b in matrix.bands if b.key == key), None)
    if band is None:
        raise ScoringError(f"The {matrix.name} has no band {key!r}.")
    return band.min, band.max


# ---------------------------------------------------------------- consistency (R6)

RESIDUAL_ABOVE_INHERENT = "The current (residual) score exceeds the inherent score."
TARGET_ABOVE_CURRENT = "The target score is above the current score."


def consistency(
    inherent: int | None, current: int | None, target: int | None
) -> tuple[list[str], list[str]]:
    """(errors, warnings): residual above inherent is an error; target above current a warning."""
    errors: list[str] = []
    warnings: list[str] = []
    if inherent is not None and current is not None and current > inherent:
        errors.append(RESIDUAL_ABOVE_INHERENT)
    if current is not None and target is not None and target > current:
        warnings.append(TARGET_ABOVE_CURRENT)
    return errors, warnings


# ---------------------------------------------------------------- reviews and escalation (R7)

REVIEW_MONTHS = {"monthly": 1, "quarterly": 3, "six_monthly": 6, "annually": 12}


def next_review_due(reviewed_on: dt.date, frequency: str) -> dt.date:
    """The corresponding date `frequency` later (15 Jan monthly → 15 Feb)."""
    return add_months(reviewed_on, REVIEW_MONTHS[frequency])[0]


def review_overdue(next_due: dt.date | None, today: dt.date, status: str) -> bool:
    return next_due is not None and today > next_due and status not in CLOSED_STATES


def breaches(value: int | None, *, threshold: int | None, appetite_max: int | None) -> bool:
    """Should a score be escalated: at or over the threshold, or over the appetite maximum?"""
    if value is None:
        return False
    over_threshold = threshold is not None and value >= threshold
    over_appetite = appetite_max is not None and value > appetite_max
    return over_threshold or over_appetite


def displayed_score(agreed: int | None, partner_scores: Iterable[int]) -> tuple[int | None, bool]:
    """(score shown, divergent): the agreed joint score, else the highest partner score."""
    scores = list(partner_scores)
    if agreed is not None:
        return agreed, False
    if not scores:
        return None, False
    return max(scores), len(set(scores)) > 1


def trend(previous: int | None, latest: int | None) -> str:
    """Movement between the last two reviews: up, down, same or new."""
    if latest is None or previous is None:
        return "new"
    if latest > previous:
        return "up"
    return "down" if latest < previous else "same"


# ---------------------------------------------------------------- state machine (section 3.3)

CLOSED_STATES = frozenset({"closed", "archived"})
TRANSITIONS: Mapping[str, frozenset[str]] = {
    "draft": frozenset({"assessed", "closed"}),
    "assessed": frozenset({"treating", "escalated", "tolerated", "closed"}),
    "treating": frozenset({"assessed", "escalated", "tolerated", "closed"}),
    "escalated": frozenset({"de_escalated", "tolerated", "closed"}),
    "de_escalated": frozenset({"treating", "assessed", "escalated", "closed"}),
    "tolerated": frozenset({"assessed", "treating", "escalated", "closed"}),
    "closed": frozenset({"archived"}),
    "archived": frozenset(),
}


def can_transition(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


def effective_status(status: str, acceptance_expires: dt.date | None, today: dt.date) -> str:
    """A tolerated risk whose acceptance has expired is assessed again (computed on read)."""
    if status == "tolerated" and acceptance_expires is not None and today > acceptance_expires:
        return "assessed"
    return status


def matrix_from_data(data: Mapping[str, Any]) -> Matrix:
    """Build a Matrix from its YAML mapping (checked: every product has exactly one band)."""
    matrix = Matrix(
        slug=str(data["slug"]),
        version=int(data["version"]),
        name=str(data["name"]),
        source=str(data.get("source", "")),
        likelihood=tuple(Level(**lv) for lv in data["likelihood"]),
        consequence=tuple(Level(**cv) for cv in data["consequence"]),
        bands=tuple(Band(**b) for b in data["bands"]),
    )
    for value in matrix.products():
        found = [b for b in matrix.bands if b.min <= value <= b.max]
        if len(found) != 1:
            raise ScoringError(f"{matrix.slug}: score {value} falls in {len(found)} bands.")
    return matrix
