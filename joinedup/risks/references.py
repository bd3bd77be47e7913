"""Risk references: the next number in a register's own numbering (pure)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<number>\d+)$")


def next_reference(taken: Iterable[str], default_prefix: str) -> str:
    """The next reference of a register whose risks have `taken` (oldest first).

    It follows the register's own numbering: the prefix most of its references use (on a tie,
    the latest one's), numbered after the highest with that prefix and padded alike, so
    PST-01..PST-04 are followed by PST-05. An empty register starts at `default_prefix`-01.
    """
    taken = list(taken)
    counts: Counter[str] = Counter()
    last_seen: dict[str, int] = {}
    widths: dict[str, int] = {}
    numbers: dict[str, list[int]] = {}
    for index, reference in enumerate(taken):
        found = _NUMBERED.match(reference.strip())
        if found is None:
            continue
        prefix = found["prefix"]
        counts[prefix] += 1
        last_seen[prefix] = index
        widths[prefix] = max(widths.get(prefix, 0), len(found["number"]))
        numbers.setdefault(prefix, []).append(int(found["number"]))
    if counts:
        prefix = max(counts, key=lambda p: (counts[p], last_seen[p]))
        width, n = widths[prefix], max(numbers[prefix]) + 1
    else:
        prefix, width, n = f"{default_prefix}-", 2, 1
    while f"{prefix}{n:0{width}d}" in taken:
        n += 1
    return f"{prefix}{n:0{width}d}"
