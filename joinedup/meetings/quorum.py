"""Quorum: pure arithmetic over the terms of reference and who is present.

Schedule 12 para 6 sets a principal council's quorum at one quarter of its members; committee
quorum is set by standing orders or terms of reference, commonly a fraction of the voting members
but not less than a minimum. Remote attendance does not count (M10).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

DEFAULT_FRACTION = Decimal("0.25")
DEFAULT_MINIMUM = 3


@dataclass(frozen=True)
class Shortfall:
    """An organisation the terms of reference need more voting members present from."""

    organisation: str
    needed: int
    present: int


@dataclass(frozen=True)
class QuorumResult:
    voting_members: int
    required: int
    present: int
    shortfalls: tuple[Shortfall, ...] = ()
    # Until anyone's attendance is recorded the quorum is unknown, which is not "not quorate":
    # pages say "Attendance not recorded" and a decision waits for the attendance.
    attendance_recorded: bool = True

    @property
    def quorate(self) -> bool:
        return self.present >= self.required and not self.shortfalls

    def explain(self) -> str:
        """Why the meeting is not quorate, in words (empty when it is)."""
        if not self.attendance_recorded:
            return "its attendance has not been recorded"
        parts = []
        if self.present < self.required:
            parts.append(f"{self.present} voting members present, {self.required} needed")
        parts += [
            f"{s.present} from {s.organisation}, at least {s.needed} needed"
            for s in self.shortfalls
        ]
        return "; ".join(parts)


def quorum_required(
    voting_members: int, *, fraction: Decimal | None = None, minimum: int | None = None
) -> int:
    """Voting members needed: the fraction rounded up, and never fewer than the minimum.

    The minimum never exceeds the number of voting members (a body of two cannot need three).
    """
    share = DEFAULT_FRACTION if fraction is None else Decimal(fraction)
    floor = DEFAULT_MINIMUM if minimum is None else minimum
    by_fraction = math.ceil(share * voting_members)
    return max(by_fraction, min(floor, voting_members), 1 if voting_members else 0)


def quorum_check(
    *,
    voting_members: int,
    present_voting: int,
    fraction: Decimal | None = None,
    minimum: int | None = None,
    organisation_minimums: Mapping[str, int] | None = None,
    present_by_organisation: Mapping[str, int] | None = None,
    attendance_recorded: bool = True,
) -> QuorumResult:
    """Whether the voting members present (in person, substitutes included) make a quorum.

    `organisation_minimums` is the cross-organisation rule ("at least one from the Council and
    one from the PCT"): {organisation: members needed}, checked against `present_by_organisation`.
    """
    required = quorum_required(voting_members, fraction=fraction, minimum=minimum)
    counts = present_by_organisation or {}
    shortfalls = tuple(
        Shortfall(name, needed, counts.get(name, 0))
        for name, needed in sorted((organisation_minimums or {}).items())
        if counts.get(name, 0) < needed
    )
    return QuorumResult(
        voting_members=voting_members,
        required=required,
        present=present_voting,
        shortfalls=shortfalls,
        attendance_recorded=attendance_recorded,
    )
