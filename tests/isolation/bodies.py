"""Request bodies for the body-id matrix, generated from the API's OpenAPI document.

Every JSON body of a write under /partnerships/{slug}/ is walked field by field, into lists and
nested objects. A field names a record when its name says so (`person_id`, `..._ids`,
`..._slug(s)`, or a name declared here or by a provider's entity: `owner`, `body`,
`restricted_to`...), when it is an integer that is not a count (QUANTITIES), or when its
description speaks of a slug or an id. Each such field must resolve to a kind of record (a
person, a partner organisation or a provider's entity) or be declared NOT_SCOPED with the
reason; anything else raises `Unfillable`, so a new id field fails the coverage test until the
matrix is taught it (tests/isolation/test_api_matrix.py).

For each such field `bodies_for` builds two bodies alike in everything but that field: one naming
the record of that kind in the OTHER partnership, one naming a record that does not exist. The
rest of each body holds its required fields only: sample values, and for fields that name
records, records of the partnership the request is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.isolation import matrix, providers
from tests.isolation.matrix import RecordSet, Unfillable

SUFFIXES = ("_id", "_ids", "_slug", "_slugs")
# Integer fields that name a person (as does any name in matrix.PERSON_NAMES).
PERSON_FIELDS = frozenset(
    {"owner", "approver", "reviewer", "reviewed_by", "signed_by", "approved_by"}
)
# Text fields that name an organisation by its slug.
ORGANISATION_FIELDS = frozenset(
    {"organisation", "owner_organisation", "lead_organisation", "representing", "restricted_to"}
)
# Integer fields that count or order things rather than name a record, with the value a body
# gives them. Any other integer is taken to name a record, however it is called.
QUANTITIES: dict[str, int] = {
    "order": 1,
    "minimum": 1,
    "max_residual": 9,
    "escalation_threshold": 15,
    "likelihood": 3,
    "consequence": 3,
    "votes_for": 1,
    "votes_against": 0,
    "abstentions": 0,
    "quorum_minimum": 2,
    "report_interval_months": 2,
    "version": 1,  # replaced by the version of the record the request is about
}
# Fields that name something shared by every partnership, not a record of one: why, and the value
# a body gives them. Keyed by field name, or by "<last path word>.<field name>".
NOT_SCOPED: dict[str, tuple[str, Callable[[RecordSet], Any]]] = {
    "vocabulary": (
        "status vocabularies are reference data of the instance (GET /status-vocabularies)",
        lambda own: own["plan"].vocabulary.slug,
    ),
    "matrix_slug": (
        "risk matrices are reference data of the instance (reference_data/risk_matrices/)",
        lambda own: own["register"].matrix_slug,
    ),
    "partners.organisation": (
        "an organisation joining the partnership is not a partner of it yet: any organisation "
        "of the instance may join (organisations are reference data: GET /organisations)",
        lambda own: own["partner"].organisation.slug,
    ),
}
# Text values for required fields that take one of a model's choices (not an enum in OpenAPI).
TEXT_SAMPLES = {
    "kind": "board",
    "interest_type": "ori",
    "action": "left_room",
    "level": "partnership",
    "category": "financial",
}
UNKNOWN_ID = 987_654_321
UNKNOWN_SLUG = "qx-no-such-record"
_MENTIONS_A_REFERENCE = re.compile(r"\b(slug|slugs|id|ids)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Slot:
    """One field of a body that names a record: where it is, and of what kind."""

    path: tuple[str, ...]  # field names from the top; a list of objects is entered at its item
    kind: str  # "person", "organisation" or a provider entity ("body", "action"...)
    text: bool  # named by slug (or name), not by id
    many: bool  # a list of them

    @property
    def name(self) -> str:
        return ".".join(self.path)


# ------------------------------------------------------------------ reading the schema


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """The schema itself: references followed, `X | null` and single `allOf` unwrapped."""
    while True:
        if "$ref" in schema:
            schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in schema:
            options = [o for o in schema["anyOf"] if o.get("type") != "null"]
            schema = {**options[0], **{k: v for k, v in schema.items() if k == "description"}}
        elif "allOf" in schema and len(schema["allOf"]) == 1:
            schema = schema["allOf"][0]
        else:
            return schema


def body_schema(op: Any, components: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON body's schema of an operation (None: no JSON body)."""
    content = op.spec.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return _resolve(content["application/json"]["schema"], components)


def _is_reference(name: str, schema: dict[str, Any], text: bool, description: str) -> bool:
    if name.endswith(SUFFIXES):
        return True
    if (name in ORGANISATION_FIELDS) if text else (name in PERSON_FIELDS | matrix.PERSON_NAMES):
        return True
    entities = providers.ENTITIES.values()
    if any(name in e.body_fields and (e.text_key or not text) for e in entities):
        return True
    if not text and "enum" not in schema and name not in QUANTITIES:
        return True  # an integer that is not a count names something
    return bool(_MENTIONS_A_REFERENCE.search(description))


def _kind(name: str, text: bool, app: str) -> str | None:
    """The kind of record a reference field names (None: no rule)."""
    if not text and (name in matrix.PERSON_NAMES or name in PERSON_FIELDS):
        return "person"
    if text and name in ORGANISATION_FIELDS:
        return "organisation"
    for provider in providers._search_order(app):
        for entity in provider.entities:
            if name in entity.body_fields and (entity.text_key is not None or not text):
                return entity.name
    named = providers.entity_for_param(name, app)
    if named and (not text or providers.ENTITIES[named].text_key):
        return named
    return None


def _not_scoped(op: Any, name: str) -> str | None:
    segment = [s for s in op.path.split("/") if s and "{" not in s][-1]
    for key in (f"{segment}.{name}", name):
        if key in NOT_SCOPED:
            return key
    return None


def _scalar(schema: dict[str, Any], components: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(the item schema, whether it is a list) of a field."""
    if schema.get("type") == "array":
        return _resolve(schema.get("items", {}), components), True
    return schema, False


def reference_slots(op: Any, components: dict[str, Any]) -> list[Slot]:
    """Every field of the operation's body that names a record of the partnership."""
    schema = body_schema(op, components)
    return [] if schema is None else _slots(op, schema, components, ())


def _slots(op: Any, schema: dict[str, Any], components: dict[str, Any], at: tuple) -> list[Slot]:
    found: list[Slot] = []
    for name, raw in schema.get("properties", {}).items():
        prop = _resolve(raw, components)
        item, many = _scalar(prop, components)
        if item.get("type") == "object" or "properties" in item:
            found.extend(_slots(op, item, components, (*at, name)))
            continue
        text = item.get("type") == "string" and "enum" not in item
        description = prop.get("description", "") or raw.get("description", "")
        if item.get("type") not in ("string", "integer") or "enum" in item:
            continue
        if not _is_reference(name, item, text, description) or _not_scoped(op, name):
            continue
        kind = _kind(name, text, op.app)
        if kind is None:
            raise Unfillable(
                f"{op}: body field {'.'.join((*at, name))!r} seems to name a record, but the "
                "matrix does not know what kind (declare it on a provider entity's "
                "`body_fields`, or in tests/isolation/bodies.py NOT_SCOPED with the reason)"
            )
        found.append(Slot(path=(*at, name), kind=kind, text=text, many=many))
    return found


# ------------------------------------------------------------------ making the bodies


def record_of(kind: str, records: RecordSet) -> Any:
    """The record of `kind` in a record set (a person: a seat holder; an organisation: a
    partner organisation of that set's partnership)."""
    if kind == "person":
        return records["membership"].person
    if kind == "organisation":
        return records["partner"].organisation
    return records[kind]


def value_of(kind: str, obj: Any, text: bool) -> Any:
    if kind == "organisation":
        return obj.slug
    if not text:
        return obj.pk
    if kind == "person":
        return obj.username
    key = providers.ENTITIES[kind].text_key
    assert key, kind
    return getattr(obj, key)


def names_of(kind: str, obj: Any) -> list[str]:
    """What an answer must not say about a record of the other partnership."""
    attributes = ("name", "title", "role_title", "display_name", "username", "short_name")
    texts = [str(getattr(obj, a)) for a in attributes if getattr(obj, a, "")]
    return [t for t in {str(obj), *texts} if len(t) > 3]


def _sample(op: Any, name: str, schema: dict[str, Any], own: RecordSet, subject: Any) -> Any:
    """A value for a required field that names no record."""
    key = _not_scoped(op, name)
    if key:
        return NOT_SCOPED[key][1](own)
    if "enum" in schema:
        values = schema["enum"]
        return "partnership" if "partnership" in values else values[0]
    kind = schema.get("type")
    if kind == "integer":
        if name == "version" and subject is not None:
            return subject.version
        return QUANTITIES.get(name, 1)
    if kind == "number":
        return 10
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    fmt = schema.get("format")
    if fmt == "date":
        return "2025-06-02"
    if fmt == "date-time":
        return "2025-06-02T14:00:00+00:00"
    return TEXT_SAMPLES.get(name, "qx-sample")


def _build(
    op: Any,
    schema: dict[str, Any],
    components: dict[str, Any],
    *,
    slot: Slot,
    value: Any,
    at: tuple[str, ...],
    own: RecordSet,
    subject: Any,
) -> dict[str, Any]:
    """The required fields of `schema`, plus the slot's field (and the way down to it)."""
    body: dict[str, Any] = {}
    required = set(schema.get("required", []))
    for name, raw in schema.get("properties", {}).items():
        here = (*at, name)
        on_path = slot.path[: len(here)] == here
        if not on_path and name not in required:
            continue
        prop = _resolve(raw, components)
        item, many = _scalar(prop, components)
        if item.get("type") == "object" or "properties" in item:
            nested = _build(
                op, item, components, slot=slot, value=value, at=here, own=own, subject=subject
            )
            body[name] = [nested] if many else nested
        elif here == slot.path:
            body[name] = value
        else:
            body[name] = _required_value(op, name, item, many, own, subject)
    if slot.path[-1] == "restricted_to" and "confidentiality" in schema.get("properties", {}):
        body["confidentiality"] = "restricted"  # so the organisations named are used
    return body


def _required_value(
    op: Any, name: str, item: dict[str, Any], many: bool, own: RecordSet, subject: Any
) -> Any:
    text = item.get("type") == "string" and "enum" not in item
    kind = None
    names = item.get("type") in ("string", "integer") and "enum" not in item
    if names and _is_reference(name, item, text, "") and not _not_scoped(op, name):
        kind = _kind(name, text, op.app)
    if kind is None:
        value = _sample(op, name, item, own, subject)
        return [value] if many and not isinstance(value, list) else value
    value = value_of(kind, record_of(kind, own), text)
    return [value] if many else value


def bodies_for(
    op: Any,
    components: dict[str, Any],
    slot: Slot,
    *,
    own: RecordSet,
    other: RecordSet,
    subject: Any,
) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """(a body naming the other partnership's record in the slot, the same body naming a record
    that does not exist, that other record). A list names one of ours and then the other one."""
    schema = body_schema(op, components)
    assert schema is not None
    foreign = record_of(slot.kind, other)
    foreign_value = value_of(slot.kind, foreign, slot.text)
    unknown_value = UNKNOWN_SLUG if slot.text else UNKNOWN_ID
    if slot.many:
        ours = value_of(slot.kind, record_of(slot.kind, own), slot.text)
        foreign_value, unknown_value = [ours, foreign_value], [ours, unknown_value]

    def build(value: Any) -> dict[str, Any]:
        return _build(
            op, schema, components, slot=slot, value=value, at=(), own=own, subject=subject
        )

    return build(foreign_value), build(unknown_value), foreign
