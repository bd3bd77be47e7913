"""What the meetings services share with every governed write (reused from partnerships)."""

from __future__ import annotations

from typing import Any

from joinedup.core.actors import Actor
from joinedup.core.models import Confidentiality, GovernedModel
from joinedup.core.services import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
    validate,
)

__all__ = [
    "UNSET",
    "add_error",
    "apply",
    "check_and_save",
    "deny_unless",
    "inherit",
    "is_set",
    "save_child",
    "validate",
]


def inherit(
    child: GovernedModel,
    parent: GovernedModel,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
) -> list[Any] | None:
    """Give a child record its parent's confidentiality unless the caller chose one.

    Returns the organisations a restricted child is restricted to (the parent's), else None.
    """
    if is_set(confidentiality):
        child.confidentiality = confidentiality
        child.exempt_paragraph = exempt_paragraph if is_set(exempt_paragraph) else None
    elif not child.pk:
        child.confidentiality = parent.confidentiality
        child.exempt_paragraph = parent.exempt_paragraph
    if child.confidentiality == parent.confidentiality == Confidentiality.RESTRICTED:
        return list(parent.restricted_to.all())
    return None


def save_child(
    obj: GovernedModel,
    *,
    parent: GovernedModel,
    errors: dict[str, list[str]],
    actor: Actor,
    reason: str,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Any = UNSET,
) -> None:
    """Inherit or set the confidentiality, then validate and save with the history entry."""
    inherited = inherit(obj, parent, confidentiality, exempt_paragraph)
    chosen = restricted_to if is_set(restricted_to) else inherited
    check_and_save(obj, errors=errors, restricted_to=chosen, actor=actor, reason=reason)
