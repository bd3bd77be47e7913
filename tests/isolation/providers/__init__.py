"""What each app contributes to the isolation matrices: its governed records and URL words.

The matrix core (tests/isolation/matrix.py) knows nothing about bodies, plans or meetings.
Every app that has governed records adds a `Provider` here (one module per app, named in
`MODULES`, exporting `PROVIDER`), declaring:

- its entities: the name the matrix uses ("body", "plan"), the URL parameter names that name
  one outright (`body_slug`, `plan_slug`), the path segments after which a generic `pk`/`id`/
  `slug` means one (`bodies`, `plans`), how a record is written in a URL (slug, version...),
  whether the NHS trust owns the fixture record (partner leads of the NHS trust may edit it),
  and the `model` word of the history page and of the API history operation;
- `make(world, partnership, level, owner, restricted_to, marker)`: one record of each of its
  governed models at `level`, owned by `owner`, restricted (when restricted) to
  `restricted_to`, with `marker` in a visible text field; it returns {entity: record} (it may
  add helper records under other keys);
- optionally `nest(world, sets)`: restricted and exempt records hanging off the public records,
  so a page a persona may see is also checked for what it lists;
- `api_lists`: {last path segment of a list operation: "app_label.Model"} for the id-by-id
  checks of API list answers;
- `formats`: the values a route's `<fmt>` parameter takes, where not the report formats.

A record that is not governed but hangs from one (a progress update, as visible as its action)
may be an entity too: it is made at its parent's level and has no history page of its own.
tests/isolation/test_providers.py fails when a governed model has no entity, or a fixture record
breaks the rules (level, partnership, marker, restricted to the NHS trust only).

Routes are attributed to a provider by their URL namespace (pages) or tag (API); a parameter
is first looked up in the route's own provider, then in the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from joinedup.core.audit import write_entry
from joinedup.core.models import AuditEntry

# The app the routes of the core and accounts apps are counted under: the workspace the
# partnerships app and they built together (partnership home, people, history, public home).
BASELINE_APP = "partnerships"


def is_numeric(param: Any) -> bool:
    """Does the parameter take a primary key (rather than a slug, version or username)?"""
    numeric_names = ("pk", "id")
    return (
        param.converter == "int"
        or param.name.endswith(("_id", "_pk"))
        or param.name in numeric_names
    )


def by_pk(obj: Any, param: Any) -> str:
    return str(obj.pk)


def by_slug(obj: Any, param: Any) -> str:
    """A slug-keyed record: its slug, unless the parameter takes a primary key."""
    return str(obj.pk) if is_numeric(param) else str(obj.slug)


@dataclass(frozen=True)
class Entity:
    name: str
    params: tuple[str, ...] = ()  # URL parameter names that name it outright
    segments: tuple[str, ...] = ()  # path segments after which pk/id/slug means it
    nhs_owned: bool = True  # the fixture record is owned by the NHS trust (its lead edits it)
    # The governed model ("programme.Plan"); "" for an alias of another entity's record (the
    # two sides of a comparison). A model's history page takes its label ("programme.plan"),
    # and the API history operation the word config/api/history.py registers it under.
    model: str = ""
    page_model: str = ""  # `model` of the history page, if not the label of `model`
    api_model: str = ""  # `model` of GET /partnerships/{slug}/history/{model}/{pk}, if fixed
    render: Callable[[Any, Any], str] = by_pk  # (record, Param) -> the text in the URL
    marked: bool = True  # has the marker in a text field (False: say why where declared)
    # Names of request-body fields (API writes) that name a record of this entity, beyond the
    # URL parameter names above (`body_id`...): an integer field takes its id, a text field its
    # `text_key` ("slug"; None: it is named by id only). See tests/isolation/bodies.py.
    body_fields: tuple[str, ...] = ()
    text_key: str | None = None

    def model_class(self) -> type[Any] | None:
        from django.apps import apps

        return apps.get_model(self.model) if self.model else None


@dataclass(frozen=True)
class Provider:
    app: str
    entities: tuple[Entity, ...]
    make: Callable[..., dict[str, Any]]
    nest: Callable[[Any, dict[str, Any]], None] | None = None
    api_lists: dict[str, str] = field(default_factory=dict)
    namespaces: tuple[str, ...] = ()  # URL namespaces / API tags of its routes (default: app)
    # The values a route's file-format parameter (`<str:fmt>`) takes, by URL name (pages) or
    # path (API), where not the report formats (matrix.FORMATS).
    formats: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def owns(self, namespace_or_tag: str) -> bool:
        return namespace_or_tag in (self.namespaces or (self.app,))


def governed_kwargs(level: str) -> dict[str, Any]:
    """The confidentiality fields of a fixture record at `level`."""
    return {"confidentiality": level, "exempt_paragraph": 3 if level == "exempt" else None}


def is_governed(model: type[Any] | None) -> bool:
    from joinedup.core.models import GovernedModel

    return model is not None and issubclass(model, GovernedModel)


def create(model: type[Any], level: str, /, **fields: Any) -> Any:
    """A record of `model` at `level` (a record that is not governed takes its parent's)."""
    if is_governed(model):
        fields.update(governed_kwargs(level))
    return model._default_manager.create(**fields)


def restrict(obj: Any, level: str, restricted_to: list[Any]) -> Any:
    if level == "restricted" and is_governed(type(obj)):
        obj.restricted_to.set(restricted_to)
    return obj


def finish(records: list[Any], level: str, restricted_to: list[Any], marker: str) -> None:
    """Restrict the records (when restricted) and give each a marked history entry."""
    for record in records:
        restrict(record, level, restricted_to)
        write_entry(
            record,
            action=AuditEntry.Action.CREATE,
            changes={"note": [None, marker]},
            actor=None,
            reason=f"{marker} created",
        )


# One module per app, in the order their records are made (later ones may use earlier ones').
MODULES = ("partnerships", "programme", "risks", "meetings")


def _load() -> list[Provider]:
    import importlib

    found = []
    for name in MODULES:
        try:
            module = importlib.import_module(f"tests.isolation.providers.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"tests.isolation.providers.{name}":
                raise
            continue  # not written yet: the app's routes then fail the coverage tests
        found.append(module.PROVIDER)
    return found


PROVIDERS: list[Provider] = _load()

ENTITIES: dict[str, Entity] = {}
APP_OF_ENTITY: dict[str, str] = {}
for _provider in PROVIDERS:
    for _entity in _provider.entities:
        assert _entity.name not in ENTITIES, f"entity {_entity.name!r} declared twice"
        ENTITIES[_entity.name] = _entity
        APP_OF_ENTITY[_entity.name] = _provider.app


def provider_for(namespace_or_tag: str) -> Provider | None:
    return next((p for p in PROVIDERS if p.owns(namespace_or_tag)), None)


def _search_order(app: str | None) -> list[Provider]:
    own = [p for p in PROVIDERS if p.app == app]
    return own + [p for p in PROVIDERS if p.app != app]


def entity_for_param(name: str, app: str | None) -> str | None:
    for provider in _search_order(app):
        for entity in provider.entities:
            if name in entity.params:
                return entity.name
    return None


def entity_for_segment(segment: str, app: str | None) -> str | None:
    for provider in _search_order(app):
        for entity in provider.entities:
            if segment in entity.segments:
                return entity.name
    return None


def formats_for(key: str) -> tuple[str, ...] | None:
    """The formats a route (URL name or API path) offers, if a provider says."""
    for provider in PROVIDERS:
        if key in provider.formats:
            return provider.formats[key]
    return None


def nhs_owned(entity: str) -> bool:
    return entity in ENTITIES and ENTITIES[entity].nhs_owned


def page_model_names() -> dict[str, str]:
    """{entity: the history page's `model` for it} for every governed entity."""
    names = {}
    for entity in ENTITIES.values():
        if entity.model and not is_governed(entity.model_class()):
            continue  # no history page of its own: it is as visible as its parent
        label = entity.page_model or (entity.model.lower() if entity.model else "")
        if label:
            names[entity.name] = label
    return names


def api_model_names() -> dict[str, str]:
    """{entity: the API history's `model` for it} for the models the API keeps history of."""
    from config.api.history import HISTORY_MODELS

    word_of = {model: word for word, model in HISTORY_MODELS.items()}
    names = {}
    for entity in ENTITIES.values():
        model = entity.model_class()
        word = entity.api_model or (word_of.get(model, "") if model else "")
        if not word and is_governed(model):
            word = model._meta.label_lower  # any governed record, by its label
        if word:
            names[entity.name] = word
    return names


def api_list_model(segment: str, app: str | None) -> type[Any] | None:
    from django.apps import apps

    for provider in _search_order(app):
        if segment in provider.api_lists:
            return apps.get_model(provider.api_lists[segment])
    return None


def make_all(
    world: Any, partnership: Any, level: str, owner: Any, restricted_to: list[Any], marker: str
) -> dict[str, Any]:
    records: dict[str, Any] = {}
    for provider in PROVIDERS:
        made = provider.make(world, partnership, level, owner, restricted_to, marker)
        missing = {e.name for e in provider.entities} - set(made)
        assert not missing, f"{provider.app}.make made no {sorted(missing)}"
        records.update(made)
    return records


def nest_all(world: Any, sets: dict[str, Any]) -> None:
    for provider in PROVIDERS:
        if provider.nest is not None:
            provider.nest(world, sets)
