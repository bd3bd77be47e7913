"""Pages of the partnerships app; each calls the selectors to read and the services to write."""

from __future__ import annotations

from joinedup.partnerships.views.bodies import (
    body_create,
    body_detail,
    body_edit,
    body_graph,
    body_graph_svg,
    body_list,
    membership_create,
    membership_edit,
    reporting_line_create,
)
from joinedup.partnerships.views.partners import (
    partner_create,
    partner_detail,
    partner_edit,
    partner_list,
)
from joinedup.partnerships.views.tor import tor_approve, tor_compare, tor_create, tor_detail

__all__ = [
    "body_create",
    "body_detail",
    "body_edit",
    "body_graph",
    "body_graph_svg",
    "body_list",
    "membership_create",
    "membership_edit",
    "partner_create",
    "partner_detail",
    "partner_edit",
    "partner_list",
    "reporting_line_create",
    "tor_approve",
    "tor_compare",
    "tor_create",
    "tor_detail",
]
