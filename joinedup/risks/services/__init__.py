"""Writes for the risks app. Views, API, CLI, imports and the demo all call these."""

from joinedup.risks.services._common import StaleVersionError
from joinedup.risks.services.joint import (
    contribution_confirm_closure,
    contribution_set,
    risk_agree_joint_score,
    risk_share,
    risk_unshare,
)
from joinedup.risks.services.registers import appetite_set, register_create, register_update
from joinedup.risks.services.reviews import (
    register_review_at_meeting,
    risk_accept,
    risk_acceptance_revoke,
    risk_acceptances_expire,
    risk_review_record,
)
from joinedup.risks.services.risks import (
    Assessed,
    assurance_add,
    control_add,
    control_rate,
    risk_assess,
    risk_create,
    risk_transition,
    risk_update,
)

__all__ = [
    "Assessed",
    "StaleVersionError",
    "appetite_set",
    "assurance_add",
    "contribution_confirm_closure",
    "contribution_set",
    "control_add",
    "control_rate",
    "register_create",
    "register_review_at_meeting",
    "register_update",
    "risk_accept",
    "risk_acceptance_revoke",
    "risk_acceptances_expire",
    "risk_agree_joint_score",
    "risk_assess",
    "risk_create",
    "risk_review_record",
    "risk_share",
    "risk_transition",
    "risk_unshare",
    "risk_update",
]
