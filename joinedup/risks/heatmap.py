"""The heat map: a matrix grid of risks by likelihood and consequence (pure; from rows)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from joinedup.risks.scoring import Band, Matrix, band_for

# A cell names at most this many risks, then "and N more" (the list below names them all).
MAX_MARKERS = 6
ARROWS = {"up": "↑", "down": "↓", "same": "→", "new": "•"}
MOVEMENT_TEXT = {
    "up": "score up since the last review",
    "down": "score down since the last review",
    "same": "no change since the last review",
    "new": "not reviewed before",
}


@dataclass
class Marker:
    reference: str
    pk: int
    movement: str

    @property
    def arrow(self) -> str:
        return ARROWS[self.movement]

    @property
    def movement_text(self) -> str:
        return MOVEMENT_TEXT[self.movement]


@dataclass
class Cell:
    likelihood: int
    consequence: int
    value: int
    band: Band
    markers: list[Marker] = field(default_factory=list)

    @property
    def shown_markers(self) -> list[Marker]:
        return self.markers[:MAX_MARKERS]

    @property
    def more(self) -> int:
        return max(0, len(self.markers) - MAX_MARKERS)


@dataclass
class Grid:
    title: str
    consequences: list[Any]
    rows: list[tuple[Any, list[Cell]]]  # (likelihood level, cells), most likely first


def build(matrix: Matrix, rows: Iterable[Any], *, which: str) -> Grid:
    """A grid of the risks' inherent or current positions (selectors.Position), with markers."""
    cells = {
        (lv.value, cv.value): Cell(
            lv.value, cv.value, lv.value * cv.value, band_for(matrix, lv.value * cv.value)
        )
        for lv in matrix.likelihood
        for cv in matrix.consequence
    }
    for row in rows:
        pair = row.inherent_pair if which == "inherent" else row.current_pair
        if pair is None or pair not in cells:
            continue
        movement = row.movement if which == "current" else "same"
        cells[pair].markers.append(Marker(row.reference, row.pk, movement))
    grid_rows = [
        (lv, [cells[(lv.value, cv.value)] for cv in matrix.consequence])
        for lv in sorted(matrix.likelihood, key=lambda lv: -lv.value)
    ]
    title = "Inherent risk (before controls)" if which == "inherent" else "Current risk"
    return Grid(title=title, consequences=list(matrix.consequence), rows=grid_rows)
