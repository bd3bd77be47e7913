"""A record is never more visible than the record it lives in (joinedup/core/confidentiality.py).

Generated over every governed model that declares a `confidentiality_parent`, from the records
the isolation providers make of every governed model at every level, so a new child model is
covered as soon as it declares its parent:

- write: a record is refused (an error on `confidentiality`) at a level wider than a parent's,
  whether new or changed; a new record given no level takes its parent's;
- read: a record left wider than its parent (a row from before the rule) is hidden with the
  parent, in the query (`scope`, `scope_public`) and record by record (`can_view`), for every
  member persona and every pair of levels.

Then the hole the review found, end to end: a risk added to an exempt register.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models.base import ModelState
from django.test import Client

from conftest import World
from joinedup.accounts.models import ApiToken
from joinedup.core import permissions
from joinedup.core.confidentiality import RANK, inherit_confidentiality, parent_fields
from joinedup.core.models import GovernedModel
from joinedup.risks import services as risk_services
from tests.isolation import policy, providers
from tests.isolation.matrix import RecordSet, count

# Governed records that name another governed record without living in it (the reference is
# shown as a link, not as a container of the record).
REFERENCES: dict[str, str] = {}

# Every pair of levels where the child's is wider than the parent's.
WIDER = [(c, p) for c, p in itertools.product(policy.LEVELS, repeat=2) if RANK[c] < RANK[p]]
MEMBERS = sorted(policy.MEMBERS)


def _governed_models() -> list[type[Any]]:
    return [m for m in apps.get_models() if issubclass(m, GovernedModel) and not m._meta.abstract]


def _children() -> list[tuple[str, type[Any]]]:
    """(entity, model) for every provider entity whose model lives in another."""
    found = []
    for name, entity in providers.ENTITIES.items():
        model = entity.model_class()
        if model is not None and providers.is_governed(model) and parent_fields(model):
            found.append((name, model))
    return found


def _child_parents() -> list[tuple[str, type[Any], str]]:
    """(entity, model, parent field) for every parent of every child model."""
    return [(e, m, name) for e, m in _children() for name in parent_fields(m)]


def _set_level(record: Any, level: str, restricted_to: list[Any]) -> None:
    """Put a stored record at `level` directly (no service: as a row from before the rule)."""
    type(record)._default_manager.filter(pk=record.pk).update(
        confidentiality=level, exempt_paragraph=3 if level == "exempt" else None
    )
    record.restricted_to.set(restricted_to if level == "restricted" else [])


def _fresh(record: Any) -> Any:
    return type(record)._default_manager.get(pk=record.pk)


def _new_copy(record: Any) -> Any:
    """An unsaved record like `record`, in the same parents (as a service would build it)."""
    clone = copy.copy(record)
    clone.pk = None
    clone.id = None
    clone._state = ModelState()
    for name in parent_fields(type(record)):
        parent = getattr(record, name)
        setattr(clone, name, _fresh(parent) if parent is not None else None)
    return clone


def _confidentiality_errors(record: Any) -> list[str]:
    try:
        record.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return exc.message_dict.get("confidentiality", [])
    return []


def test_every_governed_record_names_the_records_it_lives_in() -> None:
    """A governed model with a required link to another governed record lives in it (declared in
    `confidentiality_parent`), links it (`visibility_depends_on`) or is listed in REFERENCES."""
    missing = []
    for model in _governed_models():
        declared = set(parent_fields(model)) | set(getattr(model, "visibility_depends_on", ()))
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.null or field.name == "partnership":
                continue
            if not issubclass(field.related_model, GovernedModel):
                continue
            label = f"{model._meta.label}.{field.name}"
            if field.name not in declared and label not in REFERENCES:
                missing.append(label)
    assert not missing, "Governed records that live in others without saying so: " + ", ".join(
        missing
    )


def test_every_model_that_lives_in_another_has_fixture_records() -> None:
    declared = {m for m in _governed_models() if parent_fields(m)}
    covered = {model for _, model in _children()}
    assert declared == covered, sorted(m._meta.label for m in declared - covered)


def test_it_refuses_to_save_a_child_wider_than_its_parent(
    world: World, record_sets: dict[str, RecordSet]
) -> None:
    problems, checked = [], 0
    for entity, _model, name in _child_parents():
        for child_level, parent_level in WIDER:
            # A new record, and a stored one changed to a wider level, inside a stricter parent.
            new = record_sets[child_level][entity]
            parent = getattr(new, name)
            if parent is None:
                problems.append(f"{entity}.{name}: the fixture record has no {name}")
                break
            _set_level(parent, parent_level, [world.nhs])
            new_errors = _confidentiality_errors(_new_copy(new))
            _set_level(parent, child_level, [world.nhs])
            changed = _fresh(record_sets[parent_level][entity])
            changed.confidentiality = child_level
            changed.exempt_paragraph = 3 if child_level == "exempt" else None
            changed_errors = _confidentiality_errors(changed)
            for what, errors in (("new", new_errors), ("changed", changed_errors)):
                checked += 1
                count("child-never-wider", providers.APP_OF_ENTITY[entity])
                if not errors:
                    problems.append(
                        f"{entity} ({what}) saved at {child_level} in a {parent_level} {name}"
                    )
    assert checked and not problems, "\n".join(problems)


def test_it_gives_a_new_child_its_parent_s_level(
    world: World, record_sets: dict[str, RecordSet]
) -> None:
    problems = []
    for (entity, _model), level in itertools.product(_children(), policy.LEVELS):
        child = _new_copy(record_sets[level][entity])
        child.confidentiality, child.exempt_paragraph = None, None

        orgs = inherit_confidentiality(child)

        count("child-takes-parent-level", providers.APP_OF_ENTITY[entity])
        named = sorted(o.pk for o in orgs or [])
        expected = (
            [world.nhs.pk] if level == "restricted" else [],
            3 if level == "exempt" else None,
        )
        if child.confidentiality != level or (named, child.exempt_paragraph) != expected:
            problems.append(
                f"{entity} in a {level} parent took {child.confidentiality} "
                f"(paragraph {child.exempt_paragraph}, organisations {named})"
            )
    assert not problems, "\n".join(problems)


def test_it_hides_a_child_left_wider_than_its_parent_with_the_parent(
    world: World, record_sets: dict[str, RecordSet]
) -> None:
    """The effective level is the most restrictive along the chain, for each declared parent:
    the query and the record-by-record check agree with the policy table for every member."""
    problems = []
    for entity, model, name in _child_parents():
        for child_level, parent_level in WIDER:
            child = record_sets[child_level][entity]
            parent = getattr(child, name)
            _set_level(parent, parent_level, [world.nhs])
            stored = _fresh(child)
            for persona in MEMBERS:
                user = world[persona]
                permissions.forget_roles(user)
                expected = policy.sees(persona, child_level) and policy.sees(persona, parent_level)
                listed = permissions.scope(model.objects.filter(pk=child.pk), user).exists()
                viewed = permissions.can_view(user, stored)
                count("child-hidden-with-parent", providers.APP_OF_ENTITY[entity])
                if (listed, viewed) != (expected, expected):
                    problems.append(
                        f"{persona}: a {child_level} {entity} in a {parent_level} {name}: "
                        f"listed={listed} viewed={viewed}, expected {expected}"
                    )
            public = permissions.scope_public(model.objects.filter(pk=child.pk)).exists()
            if public or permissions.can_view_public(stored):
                problems.append(
                    f"public pages: a {child_level} {entity} in a {parent_level} {name}"
                )
            _set_level(parent, child_level, [world.nhs])
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- the hole the review found


def _api(user: Any) -> Client:
    _, raw = ApiToken.issue(user=user, name="parent-visibility")
    return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def exempt_register(world: World) -> Any:
    return risk_services.register_create(
        actor=world["programme_officer"],
        partnership=world.own,
        name="Qx Workforce Consultation Register",
        confidentiality="exempt",
        exempt_paragraph=4,
    )


def test_it_adds_a_risk_to_an_exempt_register_as_exempt(world: World, exempt_register: Any) -> None:
    risk = risk_services.risk_create(
        actor=world["programme_officer"],
        register=exempt_register,
        title="Staff side withdraws from consultation",
        category="people",
        lead_organisation=world.council,
    )
    viewer = world["viewer"]
    page = Client(raise_request_exception=False)
    page.force_login(viewer)

    answers = {
        "page": page.get(f"/p/own/risks/risk/{risk.pk}/"),
        "API": _api(viewer).get(f"/api/v1/partnerships/own/risks/{risk.pk}"),
        "register list page": page.get("/p/own/risks/"),
    }

    assert (risk.confidentiality, risk.exempt_paragraph) == ("exempt", 4)
    assert answers["page"].status_code == 404
    assert answers["API"].status_code == 404
    shown = [n for n, r in answers.items() if exempt_register.name in r.content.decode()]
    assert not shown, f"the exempt register's name is shown to a viewer on: {shown}"


def test_it_refuses_a_risk_wider_than_its_register_in_the_api(
    world: World, exempt_register: Any
) -> None:
    response = _api(world["programme_officer"]).post(
        f"/api/v1/partnerships/own/risk-registers/{exempt_register.slug}/risks",
        {"title": "Open risk", "category": "people", "confidentiality": "partnership"},
        content_type="application/json",
    )

    assert response.status_code == 422, response.content
    assert ["body", "confidentiality"] in [e["loc"] for e in response.json()["detail"]]
    assert not exempt_register.risks.exists()


def test_it_hides_a_risk_stored_wider_than_its_exempt_register(
    world: World, exempt_register: Any
) -> None:
    """A row from before the rule: the risk says "partnership", its register is exempt."""
    risk = risk_services.risk_create(
        actor=world["programme_officer"],
        register=exempt_register,
        title="Staff side withdraws from consultation",
        category="people",
        lead_organisation=world.council,
    )
    type(risk).objects.filter(pk=risk.pk).update(
        confidentiality="partnership", exempt_paragraph=None
    )
    viewer = world["viewer"]
    page = Client(raise_request_exception=False)
    page.force_login(viewer)

    answers = [
        page.get(f"/p/own/risks/risk/{risk.pk}/"),
        _api(viewer).get(f"/api/v1/partnerships/own/risks/{risk.pk}"),
    ]

    assert [a.status_code for a in answers] == [404, 404]
    assert all(exempt_register.name not in a.content.decode() for a in answers)


def test_it_refuses_a_restricted_child_naming_organisations_its_parent_does_not(
    world: World,
) -> None:
    register = risk_services.register_create(
        actor=world["programme_officer"],
        partnership=world.own,
        name="Trust-only register",
        confidentiality="restricted",
        restricted_to=[world.nhs],
    )

    with pytest.raises(ValidationError) as exc:
        risk_services.risk_create(
            actor=world["programme_officer"],
            register=register,
            title="Shared with the council",
            category="people",
            lead_organisation=world.nhs,
            confidentiality="restricted",
            restricted_to=[world.nhs, world.council],
        )
    inherited = risk_services.risk_create(
        actor=world["programme_officer"],
        register=register,
        title="As the register",
        category="people",
        lead_organisation=world.nhs,
    )

    assert "restricted_to" in exc.value.message_dict
    assert inherited.confidentiality == "restricted"
    assert list(inherited.restricted_to.all()) == [world.nhs]


def test_it_offers_the_register_s_level_on_the_new_risk_page(
    world: World, exempt_register: Any
) -> None:
    page = Client()
    page.force_login(world["programme_officer"])

    response = page.get(f"/p/own/risks/{exempt_register.slug}/new/")

    form = response.context["form"]
    assert (form["confidentiality"].value(), form["exempt_paragraph"].value()) == ("exempt", 4)
