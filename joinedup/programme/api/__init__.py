"""The programme API: plans, actions, updates, milestones and vocabularies (routes.py), the
progress report and the import and export of actions (routes_reports.py), their schemas
(schemas.py). Each keeps its own tag in the OpenAPI document."""

from ninja import Router

from joinedup.programme.api import routes, routes_reports

router = Router()
router.add_router("/", routes.router)
router.add_router("/", routes_reports.router)

__all__ = ["router"]
