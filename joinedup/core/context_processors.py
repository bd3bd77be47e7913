"""Template context shared by every page: the current partnership and the user's others."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from joinedup.core.permissions import partnerships_for


def partnership(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "partnership", None)
    mine = list(partnerships_for(request.user)) if request.user.is_authenticated else []
    return {"partnership": current, "my_partnerships": mine}
