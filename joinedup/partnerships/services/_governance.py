"""The terms the partnership decides: the check the membership and partner services share
(who may change them, and the decision a change records)."""

from __future__ import annotations

from typing import Any

from joinedup.core.actors import Actor
from joinedup.core.services import add_error, deny_unless
from joinedup.partnerships import permissions as partnership_permissions

TERM_WORDS = {
    "membership_type": "the membership type",
    "voting": "voting rights",
    "role": "chairing",
}


def check_term_changes(
    *,
    actor: Actor,
    record: Any,
    changed: list[str],
    reason: str,
    errors: dict[str, list[str]],
) -> None:
    """Refuse a change of partnership-decided terms to all but programme officers (403), and
    ask for the decision it records (an error on `reason`) when the change is theirs."""
    if not changed:
        return
    words = " and ".join(TERM_WORDS[name] for name in changed)
    deny_unless(
        partnership_permissions.can_change_governance_terms(actor, record),
        f"Only a programme officer may change {words}: the partnership decides them.",
    )
    if not (reason or "").strip():
        add_error(errors, "reason", partnership_permissions.DECISION_NEEDED)
