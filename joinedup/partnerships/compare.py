"""Compare two versions of a body's terms of reference, field by field (pure, no database)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

RowKind = Literal["same", "changed", "added", "removed"]

# Fields compared, in reading order, with the label a reader sees.
FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("purpose", "Purpose"),
    ("responsibilities", "Responsibilities"),
    ("membership", "Membership"),
    ("quorum_rule", "Quorum"),
    ("quorum_fraction", "Quorum (share of voting members)"),
    ("quorum_minimum", "Quorum (minimum members)"),
    ("meeting_frequency", "Meeting frequency"),
    ("reporting", "Reporting"),
)

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side view; the HTML is escaped with <del>/<ins> marks."""

    kind: RowKind
    left: SafeString
    right: SafeString


@dataclass
class FieldDiff:
    name: str
    label: str
    old: str
    new: str
    rows: list[Row] = field(default_factory=list)
    unified: str = ""
    inline: str = ""

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def inline_diff(old: str, new: str) -> SafeString:
    """Word-level diff of two strings as escaped HTML with <del> and <ins>."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 – every piece is escaped above


def side_by_side(old: str, new: str) -> list[Row]:
    """Line pairs for a two-column view; changed lines carry word-level marks."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [Row("same", escape(line), escape(line)) for line in a[i1:i2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            rows.append(
                _pair(olds[k] if k < len(olds) else None, news[k] if k < len(news) else None)
            )
    return rows


def _pair(old: str | None, new: str | None) -> Row:
    if old is None:
        return Row("added", mark_safe(""), mark_safe(f"<ins>{escape(new)}</ins>"))  # noqa: S308
    if new is None:
        return Row("removed", mark_safe(f"<del>{escape(old)}</del>"), mark_safe(""))  # noqa: S308
    marked = inline_diff(old, new)
    # The left column shows only what went, the right only what came.
    left = re.sub(r"<ins>.*?</ins>", "", marked, flags=re.DOTALL)
    right = re.sub(r"<del>.*?</del>", "", marked, flags=re.DOTALL)
    return Row("changed", mark_safe(left), mark_safe(right))  # noqa: S308


def unified_diff(old: str, new: str, *, label: str, a_name: str, b_name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(),
        new.splitlines(),
        fromfile=f"{label} ({a_name})",
        tofile=f"{label} ({b_name})",
        lineterm="",
    )
    return "\n".join(lines)


def compare_values(
    old: dict[str, Any], new: dict[str, Any], *, a_name: str = "a", b_name: str = "b"
) -> list[FieldDiff]:
    """Per-field differences between two mappings of the compared fields."""
    diffs = []
    for name, label in FIELDS:
        before, after = _text(old.get(name)), _text(new.get(name))
        diff = FieldDiff(name=name, label=label, old=before, new=after)
        diff.rows = side_by_side(before, after)
        diff.inline = inline_diff(before, after)
        diff.unified = unified_diff(before, after, label=label, a_name=a_name, b_name=b_name)
        diffs.append(diff)
    return diffs


def compare_tor(a: Any, b: Any) -> list[FieldDiff]:
    """Per-field differences from version `a` to version `b` of a body's terms of reference."""
    return compare_values(
        {name: getattr(a, name) for name, _ in FIELDS},
        {name: getattr(b, name) for name, _ in FIELDS},
        a_name=f"version {a.version}",
        b_name=f"version {b.version}",
    )
