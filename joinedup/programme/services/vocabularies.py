"""Load the status vocabularies (reference data) into the database; publish a new version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from joinedup.core import permissions
from joinedup.core.audit import audited_save
from joinedup.programme.models import Plan, StatusVocabulary, StatusWord
from joinedup.programme.services._common import deny_unless
from joinedup.programme.status import VOCABULARY_FILE, WordSpec, _word, load_vocabulary_specs


@transaction.atomic
def vocabularies_load(*, path: Path = VOCABULARY_FILE) -> int:
    """Add any vocabulary version or word the file has and the database lacks (idempotent).

    Words of an existing version are never changed: a change needs a new version.
    Returns how many rows were added.
    """
    added = 0
    for spec in load_vocabulary_specs(path):
        vocabulary, created = StatusVocabulary.objects.get_or_create(
            slug=spec.slug,
            version=spec.version,
            defaults={"name": spec.name, "description": spec.description, "source": spec.source},
        )
        added += created
        for word in spec.words:
            _, created = StatusWord.objects.get_or_create(
                vocabulary=vocabulary,
                word=word.word,
                defaults={"state": word.state, "rag": word.rag, "order": word.order},
            )
            added += created
    return added


def vocabulary_latest(slug: str) -> StatusVocabulary:
    """The newest version of a vocabulary (DoesNotExist if there is none)."""
    found = StatusVocabulary.objects.filter(slug=slug).order_by("-version").first()
    if found is None:
        raise StatusVocabulary.DoesNotExist(f"No status vocabulary {slug!r}")
    return found


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


def may_publish(actor: Any, slug: str) -> bool:
    """Programme officers of a partnership whose plans use the vocabulary may publish its next
    version (vocabularies are shared reference data: the words of a version never change)."""
    if permissions.is_superuser(actor):
        return True
    partnerships = Plan.objects.filter(vocabulary__slug=slug).values_list(
        "partnership_id", flat=True
    )
    return any(
        permissions.has_role(actor, pid, permissions.PROGRAMME_OFFICER) for pid in set(partnerships)
    )


@transaction.atomic
def vocabulary_publish(
    *,
    actor: Any,
    slug: str,
    words: list[WordSpec],
    name: str = "",
    description: str = "",
    source: str = "",
    reason: str = "",
) -> StatusVocabulary:
    """Publish the next version of a vocabulary with these words; plans keep the version they
    use until they are changed to the new one."""
    deny_unless(may_publish(actor, slug), "You may not publish this vocabulary.")
    latest = vocabulary_latest(slug)
    if not words:
        raise ValidationError({"words": "Give at least one word."})
    vocabulary = StatusVocabulary(
        slug=slug,
        version=latest.version + 1,
        name=name or latest.name,
        description=description or latest.description,
        source=source or latest.source,
    )
    audited_save(vocabulary, actor=actor, reason=reason)
    for spec in words:
        word = StatusWord(
            vocabulary=vocabulary, word=spec.word, state=spec.state, rag=spec.rag, order=spec.order
        )
        audited_save(word, actor=actor, reason=reason)
    return vocabulary
