"""REST endpoints for risk registers, risks and reviews.

Reads go through `joinedup.risks.selectors` (only what the caller may see, else 404); writes
through `joinedup.risks.services` (403 for a visible record the caller may not change, 422 for
bad input, with nothing written). The router and what the operations share are in _common.py,
the operations in routes_registers.py and routes_risks.py, the schemas in schemas.py.
"""

from joinedup.risks.api import routes_registers, routes_risks  # noqa: F401  (they add operations)
from joinedup.risks.api._common import risk_out, router

__all__ = ["risk_out", "router"]
