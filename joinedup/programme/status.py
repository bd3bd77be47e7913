"""Pure rules for status: vocabulary data, overdue and slipping, what needs an update, dates.

Nothing here touches the database; the selectors and services pass plain values in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from joinedup.reference_data import reference_file

VOCABULARY_FILE = reference_file("status_vocabularies.yaml")

STATES = ("not_started", "in_progress", "complete", "ongoing", "cancelled", "superseded", "blocked")
RAGS = ("red", "amber", "green", "blue", "grey")
# An action in one of these states needs no more work, so it is never overdue.
CLOSED_STATES = frozenset({"complete", "cancelled", "superseded"})
# Only work under way can slip; an action not yet started is counted amber, not slipping.
SLIPPABLE_STATES = frozenset({"in_progress", "ongoing", "blocked"})
# GOV.UK Frontend tag colours for each RAG colour (amber is GOV.UK's yellow).
RAG_TAG = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--yellow",
    "green": "govuk-tag--green",
    "blue": "govuk-tag--blue",
    "grey": "govuk-tag--grey",
}
_REFERS_ABOVE = re.compile(r"^\s*(as|see)\s+above\s*\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class WordSpec:
    word: str
    state: str
    rag: str
    order: int


@dataclass(frozen=True)
class VocabularySpec:
    slug: str
    version: int
    name: str
    description: str
    source: str
    words: tuple[WordSpec, ...]


def _word(raw: dict[str, Any], order: int, where: str) -> WordSpec:
    state, rag = raw.get("state"), raw.get("rag")
    if state not in STATES:
        raise ValueError(f"{where}: unknown state {state!r}; use one of {', '.join(STATES)}")
    if rag not in RAGS:
        raise ValueError(f"{where}: unknown RAG colour {rag!r}; use one of {', '.join(RAGS)}")
    return WordSpec(word=str(raw["word"]), state=state, rag=rag, order=order)


def parse_vocabularies(data: dict[str, Any]) -> list[VocabularySpec]:
    """Check and convert the parsed YAML; a wrong state or colour raises ValueError."""
    specs = []
    for raw in data.get("vocabularies", []):
        where = f"{raw.get('slug')} v{raw.get('version', 1)}"
        words = tuple(_word(w, i, where) for i, w in enumerate(raw.get("words", []), start=1))
        if len({w.word.casefold() for w in words}) != len(words):
            raise ValueError(f"{where}: a word appears twice")
        specs.append(
            VocabularySpec(
                slug=str(raw["slug"]),
                version=int(raw.get("version", 1)),
                name=str(raw["name"]),
                description=str(raw.get("description", "")).strip(),
                source=str(raw.get("source", "")),
                words=words,
            )
        )
    return specs


def load_vocabulary_specs(path: Path = VOCABULARY_FILE) -> list[VocabularySpec]:
    with path.open(encoding="utf-8") as handle:
        return parse_vocabularies(yaml.safe_load(handle))


def is_closed(state: str | None) -> bool:
    return state in CLOSED_STATES


def is_overdue(*, due_date: dt.date | None, state: str | None, today: dt.date) -> bool:
    """Overdue: the due date has passed and the action is not complete, cancelled or superseded."""
    return due_date is not None and due_date < today and not is_closed(state)


def effective_rag(
    *, rag: str | None, state: str | None, due_date: dt.date | None, today: dt.date
) -> str:
    """The colour to show: red when overdue, else the word's colour (amber with no word yet)."""
    if is_overdue(due_date=due_date, state=state, today=today):
        return "red"
    return rag or "amber"


def is_slipping(
    *, rag: str | None, state: str | None, due_date: dt.date | None, today: dt.date
) -> bool:
    """Under way and not yet overdue, but blocked or flagged amber/red by its status word."""
    if state not in SLIPPABLE_STATES:
        return False
    if is_overdue(due_date=due_date, state=state, today=today):
        return False
    return state == "blocked" or rag in ("amber", "red")


def needs_update(
    *, state: str | None, last_update_on: dt.date | None, since: dt.date | None
) -> bool:
    """An open action needs an update when none was given since the last report (or ever)."""
    if is_closed(state):
        return False
    if last_update_on is None:
        return True
    return since is not None and last_update_on <= since


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last day of that month if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_report_date(last: dt.date | None, interval_months: int | None) -> dt.date | None:
    if last is None or not interval_months:
        return None
    return add_months(last, interval_months)


def refers_above(text: str) -> bool:
    """Does a progress text only point at the action above ("As above", "See above")?"""
    return bool(_REFERS_ABOVE.match(text))


def parse_word_lines(text: str) -> list[WordSpec]:
    """Words given one a line as "word | state | RAG colour" (ValueError naming the line)."""
    words: list[WordSpec] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[0]:
            raise ValueError(f"Line {number}: write it as “word | state | colour”.")
        words.append(
            _word(
                {"word": parts[0], "state": parts[1], "rag": parts[2]},
                len(words) + 1,
                f"Line {number}",
            )
        )
    if not words:
        raise ValueError("Give at least one word.")
    if len({w.word.casefold() for w in words}) != len(words):
        raise ValueError("A word appears twice.")
    return words
