"""REST endpoints for risk registers, risks and reviews.

Reads go through `joinedup.risks.selectors` (only what the caller may see, else 404); writes
through `joinedup.risks.services` (403 for a visible record the caller may not change, 422 for
bad input, with nothing written).
"""

from joinedup.risks.api import registers, risks  # noqa: F401  (they add their operations)
from joinedup.risks.api._common import risk_out, router

__all__ = ["risk_out", "router"]
