"""The providers (tests/isolation/providers/) cover every governed model, as the matrices assume.

A new governed model must be declared by its app's provider: then the fixtures hold one record
of it at every level, its history page is in the page matrix, and the parameters naming it can
be filled. These tests fail when a model is left out or a factory breaks the fixture rules
(the marker in a visible field, restricted records naming only the NHS trust).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from conftest import World
from joinedup.core.models import GovernedModel
from tests.isolation import policy, providers
from tests.isolation.matrix import RecordSet


def _governed_models() -> list[type[Any]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, GovernedModel) and not model._meta.abstract
    ]


def _text(record: Any) -> str:
    return " ".join(
        str(getattr(record, f.attname) or "")
        for f in record._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
    )


def test_every_governed_model_is_an_entity_of_a_provider() -> None:
    declared = {entity.model_class() for entity in providers.ENTITIES.values()}
    missing = sorted(m._meta.label for m in _governed_models() if m not in declared)
    assert not missing, (
        "Governed models no isolation provider declares (tests/isolation/providers/): "
        + ", ".join(missing)
    )


def test_the_fixtures_hold_a_marked_record_of_every_entity_at_every_level(
    world: World, record_sets: dict[str, RecordSet]
) -> None:
    problems = []
    for level, record_set in record_sets.items():
        for name, entity in providers.ENTITIES.items():
            record = record_set.records.get(name)
            model = entity.model_class()
            if record is None:
                problems.append(f"{level}: no {name}")
                continue
            if model is not None and not isinstance(record, model):
                problems.append(f"{level}: {name} is a {type(record).__name__}, not {model}")
            if model is None:
                continue
            if record.partnership_id != world.own.pk:
                problems.append(f"{level}: {name} is in another partnership")
            if entity.marked and record_set.marker not in _text(record):
                problems.append(f"{level}: {name} has no {record_set.marker!r} in a text field")
            if not providers.is_governed(model):
                continue  # as visible as the record it hangs from (made at this level)
            if record.confidentiality != level:
                problems.append(f"{level}: {name} is {record.confidentiality}")
            if level == "restricted":
                named = set(record.restricted_to.values_list("pk", flat=True))
                if named != {world.nhs.pk}:
                    problems.append(f"{level}: {name} is not restricted to the NHS trust only")
    assert set(record_sets) == set(policy.LEVELS)
    assert not problems, "\n".join(problems)
