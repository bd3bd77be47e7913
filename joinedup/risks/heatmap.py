"""The heat map: a matrix grid of risks by likelihood and consequence (pure).

It is drawn from counts grouped in the database and a few named risks per cell
(selectors.heat_data), never from every risk row.
"""

from __future__ import annotations

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
    moves: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.moves.values())

    @property
    def shown_markers(self) -> list[Marker]:
        return self.markers[:MAX_MARKERS]

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.shown_markers))

    @property
    def movement_summary(self) -> list[tuple[str, int, str]]:
        """(arrow, count, words) for each movement in the cell, up first."""
        return [(ARROWS[m], self.moves[m], MOVEMENT_TEXT[m]) for m in ARROWS if self.moves.get(m)]


@dataclass
class Grid:
    title: str
    which: str
    consequences: list[Any]
    rows: list[tuple[Any, list[Cell]]]  # (likelihood level, cells), most likely first
    total: int = 0


def build(matrix: Matrix, data: Any, *, which: str) -> Grid:
    """A grid from selectors.HeatData: each cell's count, movements and named risks."""
    cells = {
        (lv.value, cv.value): Cell(
            lv.value, cv.value, lv.value * cv.value, band_for(matrix, lv.value * cv.value)
        )
        for lv in matrix.likelihood
        for cv in matrix.consequence
    }
    for pair, moves in data.counts.items():
        if pair in cells:
            cells[pair].moves = dict(moves)
    for position in data.markers:
        if position.pair in cells:
            cells[position.pair].markers.append(
                Marker(position.reference, position.pk, position.movement)
            )
    grid_rows = [
        (lv, [cells[(lv.value, cv.value)] for cv in matrix.consequence])
        for lv in sorted(matrix.likelihood, key=lambda lv: -lv.value)
    ]
    title = "Inherent risk (before controls)" if which == "inherent" else "Current risk"
    total = sum(c.count for c in cells.values())
    return Grid(
        title=title,
        which=which,
        consequences=list(matrix.consequence),
        rows=grid_rows,
        total=total,
    )
