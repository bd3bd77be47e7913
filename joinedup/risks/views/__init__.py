"""Pages of the risks app: registers, the register table, heat map, exceptions, risks."""

from joinedup.risks.views.changes import (
    acceptance_revoke,
    appetite_edit,
    control_rate,
    register_edit,
    risk_actions,
    share_withdraw,
)
from joinedup.risks.views.joint import (
    closure_confirm,
    contribution_edit,
    risk_share,
    risk_status,
)
from joinedup.risks.views.registers import (
    exceptions,
    heat_map,
    register_detail,
    register_export,
    register_import,
    register_list,
    register_report,
    register_review,
)
from joinedup.risks.views.risks import (
    risk_accept,
    risk_assess,
    risk_create,
    risk_detail,
    risk_edit,
    risk_review,
)

__all__ = [
    "acceptance_revoke",
    "appetite_edit",
    "closure_confirm",
    "contribution_edit",
    "control_rate",
    "exceptions",
    "heat_map",
    "register_detail",
    "register_edit",
    "register_export",
    "register_import",
    "register_list",
    "register_report",
    "register_review",
    "risk_accept",
    "risk_actions",
    "risk_assess",
    "risk_create",
    "risk_detail",
    "risk_edit",
    "risk_review",
    "risk_share",
    "risk_status",
    "share_withdraw",
]
