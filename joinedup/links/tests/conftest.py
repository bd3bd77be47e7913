"""The programme and meetings tests' fixtures, for the tests of links."""

from __future__ import annotations

from joinedup.meetings.tests.conftest import committee, item, meeting
from joinedup.programme.tests.conftest import api_for, council_action, nhs_action, plan

__all__ = ["api_for", "committee", "council_action", "item", "meeting", "nhs_action", "plan"]
