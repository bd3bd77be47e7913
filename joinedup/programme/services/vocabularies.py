"""Load the status vocabularies (reference data) into the database; publish a new version."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save
from joinedup.programme.models import StatusVocabulary, StatusWord
from joinedup.programme.permissions import can_publish_vocabulary
from joinedup.programme.selectors import vocabulary_latest
from joinedup.programme.services._common import deny_unless
from joinedup.programme.status import VOCABULARY_FILE, WordSpec, load_vocabulary_specs


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


@transaction.atomic
def vocabulary_publish(
    *,
    actor: Actor,
    slug: str,
    words: list[WordSpec],
    name: str = "",
    description: str = "",
    source: str = "",
    reason: str = "",
) -> StatusVocabulary:
    """Publish the next version of a vocabulary with these words; plans keep the version they
    use until they are changed to the new one."""
    deny_unless(can_publish_vocabulary(actor, slug), "You may not publish this vocabulary.")
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
