"""Load the status vocabularies (reference data) into the database."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from joinedup.programme.models import StatusVocabulary, StatusWord
from joinedup.programme.status import VOCABULARY_FILE, load_vocabulary_specs


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
