"""The NinjaAPI class the site's API is made with: operation ids that outlive module moves.

Ninja names an operation `<module>_<function>` with dots as underscores. Each app keeps its
operations in `<app>/api/routes.py` and `<app>/api/routes_<part>.py`; their ids leave out the
`routes` word, so `progress_report` in programme/api/routes_reports.py is
`joinedup_programme_api_reports_progress_report`, as it was when the module was
programme/api_reports.py. Clients generated from the OpenAPI document keep working.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation


def operation_id(view_func: Callable[..., Any]) -> str:
    """The OpenAPI operation id of an operation function (see the module docstring)."""
    package, _, module = view_func.__module__.rpartition(".")
    if package.endswith(".api") and module == "routes":
        module_path = package
    elif package.endswith(".api") and module.startswith("routes_"):
        module_path = f"{package}.{module.removeprefix('routes_')}"
    else:
        module_path = view_func.__module__
    return f"{module_path}_{view_func.__name__}".replace(".", "_")


class JoinedUpAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation_id(operation.view_func)
