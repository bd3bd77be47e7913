"""A record is never more visible than the record it lives in.

A governed model that lives in another (a risk in its register, an agenda item in its meeting, a
report in its item, an action in its workstream and plan...) names it in `confidentiality_parent`:
a field name, or several, nearest first (a nullable one counts only when set). Then:

- read: `joinedup.core.permissions` shows the record only to those who may see its parents too,
  so its effective level is the most restrictive along the chain (in the query, for lists);
- write: a new record given no level (None) takes the strictest parent's, with its partner
  organisations when that is restricted (`inherit_confidentiality`, called by the services'
  `check_and_save`), and no record is saved at a level wider than a parent's
  (`wider_than_parents`, called by `GovernedModel.clean`) or restricted to an organisation a
  restricted parent does not name (`restricted_beyond_parents`).

Levels go public < partnership < restricted < exempt: a restricted record may live in a
partnership one, an exempt one in a restricted one (it is then seen only by those who may see
both), never the other way round.
"""

from __future__ import annotations

from typing import Any

from joinedup.core.models import Confidentiality

# The level a new record is given when the caller chooses none: `inherit_confidentiality`
# (called by the services' check_and_save) replaces it with the level of the record it lives in.
INHERIT = ""

# Keyed by the stored value: a model field holds the plain string, equal to its member.
RANK: dict[str, int] = {
    Confidentiality.PUBLIC: 0,
    Confidentiality.PARTNERSHIP: 1,
    Confidentiality.RESTRICTED: 2,
    Confidentiality.EXEMPT: 3,
}


def parent_fields(model: type[Any]) -> tuple[str, ...]:
    """The fields naming the records instances of `model` live in (nearest first)."""
    declared = getattr(model, "confidentiality_parent", ())
    return (declared,) if isinstance(declared, str) else tuple(declared)


def depends_on(model: type[Any]) -> tuple[str, ...]:
    """Every field whose record must be visible for a record of `model` to be: its parents and
    the records it links (a reporting line's two bodies)."""
    links = tuple(getattr(model, "visibility_depends_on", ()))
    return tuple(dict.fromkeys(parent_fields(model) + links))


def parents(obj: Any) -> list[Any]:
    """The records `obj` lives in (those set: a form's unsaved record may have none yet)."""
    return [
        getattr(obj, name)
        for name in parent_fields(type(obj))
        if getattr(obj, obj._meta.get_field(name).attname) is not None
    ]


def _strictest(records: list[Any]) -> Any | None:
    return max(records, key=lambda r: RANK.get(r.confidentiality, 0), default=None)


def _restricted_orgs(records: list[Any]) -> set[int] | None:
    """The organisations every restricted record of `records` names (None: none restricted)."""
    named = [
        set(r.restricted_to.values_list("pk", flat=True))
        for r in records
        if r.confidentiality == Confidentiality.RESTRICTED
    ]
    return set.intersection(*named) if named else None


def inherit_confidentiality(obj: Any) -> list[Any] | None:
    """Give a new record with no level (None or "") the level of the strictest record it lives
    in (partnership if it lives in none). Returns the organisations it should be restricted to
    when it is restricted inside a restricted parent, else None (leave as chosen)."""
    if not obj._state.adding:
        return None
    found = parents(obj)
    if not obj.confidentiality:
        parent = _strictest(found)
        obj.confidentiality = parent.confidentiality if parent else Confidentiality.PARTNERSHIP
        obj.exempt_paragraph = parent.exempt_paragraph if parent else None
    if obj.confidentiality == Confidentiality.EXEMPT and not obj.exempt_paragraph:
        exempt = [p for p in found if p.confidentiality == Confidentiality.EXEMPT]
        obj.exempt_paragraph = exempt[0].exempt_paragraph if exempt else None
    if obj.confidentiality != Confidentiality.RESTRICTED:
        return None
    orgs = _restricted_orgs(found)
    if orgs is None:
        return None
    organisations = obj._meta.get_field("restricted_to").related_model
    return list(organisations._default_manager.filter(pk__in=orgs))


def _unchanged_since_stored(obj: Any, names: tuple[str, ...]) -> bool:
    """Is the stored row at the same level, in the same parents? (A parent made stricter later
    hides the record already; editing its content does not have to restate its level.)"""
    if obj._state.adding or obj.pk is None:
        return False
    columns = ["confidentiality", *(obj._meta.get_field(n).attname for n in names)]
    stored = type(obj)._default_manager.filter(pk=obj.pk).values_list(*columns).first()
    return stored == tuple(getattr(obj, c) for c in columns)


def _noun(record: Any) -> str:
    return str(record._meta.verbose_name)


def wider_than_parents(obj: Any) -> dict[str, list[str]]:
    """An error on `confidentiality` if the record would be more visible than one it lives in."""
    names = parent_fields(type(obj))
    if not names or obj.confidentiality not in RANK or _unchanged_since_stored(obj, names):
        return {}
    messages = [
        f"It cannot be more visible than the {_noun(p)} it belongs to, which is "
        f"“{p.get_confidentiality_display()}”: choose that level or a stricter one."
        for p in parents(obj)
        if RANK.get(p.confidentiality, 0) > RANK[obj.confidentiality]
    ]
    return {"confidentiality": messages} if messages else {}


def restricted_beyond_parents(obj: Any, orgs: list[Any] | None) -> dict[str, list[str]]:
    """An error on `restricted_to` if a restricted record names organisations that may not see
    a restricted record it lives in (None: the organisations are not being changed)."""
    if orgs is None or obj.confidentiality != Confidentiality.RESTRICTED:
        return {}
    allowed = _restricted_orgs(parents(obj))
    if allowed is None:
        return {}
    if all(o.pk in allowed for o in orgs):
        return {}
    # Not named: an organisation given here may be one of another partnership.
    return {
        "restricted_to": [
            "The record it belongs to is restricted to fewer organisations: name only "
            "organisations that may see that record."
        ]
    }
