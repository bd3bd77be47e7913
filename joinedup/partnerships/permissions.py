"""Partnerships predicates, built only from joinedup.core.permissions.

The terms on which an organisation and its people take part are decided by the partnership, not
by the organisation itself: a partner's membership type and voting rights, a seat's membership
type, voting rights and chairing, and the approval of a body's terms of reference. Only a
programme officer records them, and a change records the decision it follows (the reason in the
history). A partner lead keeps self-service over their own organisation's records' content:
contacts, commitments, notes, who sits for them, dates and drafts.
"""

from __future__ import annotations

from typing import Any

from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.partnerships.models import BodyMembership, MembershipType, Partner, TermsOfReference

Role = BodyMembership.Role

# Chairing a body is decided by the body or the partnership, never by the seat's organisation.
CHAIRING_ROLES = frozenset({Role.CHAIR, Role.JOINT_CHAIR, Role.VICE_CHAIR})

# Those who attend to advise, watch or minute do not vote unless the caller says they do.
NON_VOTING_ROLES = frozenset({Role.ADVISER, Role.OBSERVER, Role.SECRETARY})

DECISION_NEEDED = (
    "Say which decision of the partnership this records (a minute or decision reference): "
    "membership type, voting rights and chairing are decided by the partnership."
)


def default_voting(role: str) -> bool:
    return role not in NON_VOTING_ROLES


def can_add_bodies(user: Any, partnership: Partnership) -> bool:
    """Programme officers add any body; partner leads add their organisation's (the services
    check the organisation)."""
    return permissions.has_role(
        user, partnership, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )


def can_change_governance_terms(user: Any, record: Any) -> bool:
    """May the user change the terms the partnership decides (membership type, voting rights,
    chairing, approval of terms of reference) on this record, or on a new record under it?"""
    return permissions.can_view(user, record) and permissions.can_administer(
        user, record.partnership
    )


def can_approve_terms_of_reference(user: Any, tor: TermsOfReference) -> bool:
    """Approving a version makes it the body's terms: the partnership's decision to record."""
    return can_change_governance_terms(user, tor)


def partner_term_changes(partner: Partner, given: dict[str, Any]) -> list[str]:
    """The partnership-decided terms of a partner that the given values would change.

    `given` holds only the values the caller gave ({field: new value}).
    """
    return [
        name
        for name in ("membership_type", "voting")
        if name in given and given[name] != getattr(partner, name)
    ]


def seat_term_changes(seat: BodyMembership, given: dict[str, Any]) -> list[str]:
    """The partnership-decided terms of a seat that the given values would change.

    A role change counts when it makes or unmakes a chair; `voting` is compared after the new
    role's default has been applied (see body_membership_update).
    """
    changed = []
    role = given.get("role", seat.role)
    if role != seat.role and (role in CHAIRING_ROLES or seat.role in CHAIRING_ROLES):
        changed.append("role")
    changed += [
        name
        for name in ("voting", "membership_type")
        if name in given and given[name] != getattr(seat, name)
    ]
    return changed


def new_seat_terms(*, role: str, voting: bool | None, membership_type: str) -> list[str]:
    """The terms of a new seat that go beyond what an organisation may fill in for itself: a
    chairing role, voting rights other than the role's usual ones, a membership type other
    than full."""
    chosen = []
    if role in CHAIRING_ROLES:
        chosen.append("role")
    if voting is not None and voting != default_voting(role):
        chosen.append("voting")
    if membership_type != MembershipType.FULL:
        chosen.append("membership_type")
    return chosen
