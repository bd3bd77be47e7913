"""What the links app fills in for the domain apps (see joinedup.core.extensions)."""

from __future__ import annotations

from typing import Any

from joinedup.core import extensions
from joinedup.links import selectors


def action_panel(*, action: Any, user: Any, **_: Any) -> dict[str, Any]:
    """The action page's decisions and risks, with link and unlink buttons."""
    return {
        "template": "links/action_links.html",
        "decisions": selectors.linked_decisions(action, user),
        "risks": selectors.linked_risks(action, user),
    }


def action_decision_ids(action: Any, user: Any) -> list[int]:
    if not hasattr(action, selectors.DECISIONS):
        return sorted(link["decision"].pk for link in selectors.linked_decisions(action, user))
    return selectors.decision_ids(action)


def action_risk_ids(action: Any, user: Any) -> list[int]:
    if not hasattr(action, selectors.RISKS):
        return sorted(r.pk for r in selectors.linked_risks(action, user))
    return selectors.risk_ids(action)


def register() -> None:
    extensions.add_panel("programme.action_detail", action_panel)
    extensions.provide("programme.action_prefetches", selectors.link_prefetches)
    extensions.provide("programme.action_decision_ids", action_decision_ids)
    extensions.provide("programme.action_risk_ids", action_risk_ids)
    extensions.provide("risks.visible_actions", selectors.visible_actions)
    extensions.provide("risks.actions_named", selectors.actions_named)
    extensions.provide("meetings.visible_actions", selectors.visible_actions)
