"""Load the status vocabularies from joinedup/reference_data/status_vocabularies.yaml."""

from __future__ import annotations

from django.db import migrations


def load(apps, schema_editor):  # noqa: ANN001, ARG001
    from joinedup.programme.status import load_vocabulary_specs

    vocabulary_model = apps.get_model("programme", "StatusVocabulary")
    word_model = apps.get_model("programme", "StatusWord")
    for spec in load_vocabulary_specs():
        vocabulary, _ = vocabulary_model.objects.get_or_create(
            slug=spec.slug,
            version=spec.version,
            defaults={"name": spec.name, "description": spec.description, "source": spec.source},
        )
        for word in spec.words:
            word_model.objects.get_or_create(
                vocabulary=vocabulary,
                word=word.word,
                defaults={"state": word.state, "rag": word.rag, "order": word.order},
            )


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
