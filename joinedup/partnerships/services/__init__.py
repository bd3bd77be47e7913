"""Writes for the partnerships app. Views, API, CLI and imports all call these functions.

Each takes keyword-only arguments including the `actor`, checks permission in
joinedup.core.permissions (PermissionDenied), validates (ValidationError keyed by field, nothing
written) and writes through joinedup.core.audit in one transaction. Update services leave out
any argument not given (None means "clear it").
"""

from __future__ import annotations

from joinedup.core.services import UNSET
from joinedup.partnerships.services.bodies import (
    body_create,
    body_update,
    reporting_line_create,
    reporting_line_delete,
)
from joinedup.partnerships.services.memberships import (
    NON_VOTING_ROLES,
    body_membership_create,
    body_membership_end,
    body_membership_update,
)
from joinedup.partnerships.services.partners import partner_create, partner_end, partner_update
from joinedup.partnerships.services.tor import (
    tor_version_approve,
    tor_version_create,
    tor_version_update,
)

__all__ = [
    "NON_VOTING_ROLES",
    "UNSET",
    "body_create",
    "body_membership_create",
    "body_membership_end",
    "body_membership_update",
    "body_update",
    "partner_create",
    "partner_end",
    "partner_update",
    "reporting_line_create",
    "reporting_line_delete",
    "tor_version_approve",
    "tor_version_create",
    "tor_version_update",
]
