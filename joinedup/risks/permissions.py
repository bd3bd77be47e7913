"""Risk-specific predicates, built only from joinedup.core.permissions."""

from __future__ import annotations

from typing import Any

from joinedup.core import permissions
from joinedup.core.models import Partnership
from joinedup.risks.models import Risk


def can_add_risk(user: Any, partnership: Partnership) -> bool:
    """Programme officers add risks to any register; partner leads add their organisation's
    (the services check the organisation)."""
    return permissions.has_role(
        user, partnership, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )


def can_contribute(user: Any, partnership: Partnership) -> bool:
    """Programme officers and partner leads record a partner's part in a joint risk (the
    services check which partner)."""
    return permissions.has_role(
        user, partnership, permissions.PROGRAMME_OFFICER, permissions.PARTNER_LEAD
    )


def acts_for_every_partner(user: Any, partnership: Partnership | int) -> bool:
    """Programme officers act for every partner organisation on a joint risk."""
    return permissions.has_role(user, partnership, permissions.PROGRAMME_OFFICER)


def can_act_for(user: Any, risk: Risk, organisation_id: int) -> bool:
    """Whether the user may act for the organisation on the joint risk: a programme officer
    for any partner, a partner lead for the organisations they lead."""
    if acts_for_every_partner(user, risk.partnership_id):
        return True
    return organisation_id in permissions.led_organisations(user, risk.partnership_id)


def can_add_control(user: Any, risk: Risk, organisation_id: int) -> bool:
    """Whoever may edit the risk adds controls to it, and so does a partner lead for a control
    their own organisation owns."""
    return permissions.can_edit(user, risk) or organisation_id in permissions.led_organisations(
        user, risk.partnership_id
    )
