"""The programme tests' plan, actions and API clients, for the tests of links."""

from __future__ import annotations

from joinedup.programme.tests.conftest import api_for, council_action, nhs_action, plan

__all__ = ["api_for", "council_action", "nhs_action", "plan"]
