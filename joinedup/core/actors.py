"""Who is acting: the type every service and permission check takes as `actor` (or `user`).

A signed-in person (accounts.User), an anonymous visitor (django's AnonymousUser) and the
command line acting on its own account (`SystemActor`) all answer these attributes; the checks
in joinedup/core/permissions.py decide from them what each may see and do.
"""

from __future__ import annotations

from typing import Any, Protocol


class Actor(Protocol):
    """What the permission checks and the audit log read from whoever acts."""

    @property
    def pk(self) -> Any: ...

    @property
    def is_active(self) -> bool: ...

    @property
    def is_superuser(self) -> bool: ...

    @property
    def is_authenticated(self) -> bool: ...


class SystemActor:
    """The command line acting on its own account: sees everything, recorded as "system"."""

    pk = None
    id = None
    is_active = True
    is_superuser = True
    is_authenticated = False
    role_title = "the system (every record)"
    username = "system"

    def __str__(self) -> str:
        return "system"
