"""Hooks and page panels that an app higher up fills in for an app lower down.

Arrows point down: a domain app (programme, risks, meetings) never imports another, and core
imports no app. Where a domain page or API field shows what joins it to another domain (an
action's decisions and risks), the domain app asks here by name, and `joinedup.links` provides
the answer in its AppConfig.ready(). With no provider, a hook gives its default.

- `provide(name, func)` / `hook(name, default)`: one function per name (the last one wins).
- `add_panel(page, func)` / `panels(page, **context)`: each func returns the template and
  context of a panel the page includes (`{% for panel in panels %}`), or None to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_hooks: dict[str, Callable[..., Any]] = {}
_panels: dict[str, list[Callable[..., dict[str, Any] | None]]] = {}


def provide(name: str, func: Callable[..., Any]) -> None:
    _hooks[name] = func


def hook(name: str, default: Callable[..., Any]) -> Callable[..., Any]:
    return _hooks.get(name, default)


def add_panel(page: str, func: Callable[..., dict[str, Any] | None]) -> None:
    if func not in _panels.setdefault(page, []):
        _panels[page].append(func)


def panels(page: str, **context: Any) -> list[dict[str, Any]]:
    """The panels of `page`: each {"template": ..., **its context}, in the order added."""
    found = (func(**context) for func in _panels.get(page, []))
    return [panel for panel in found if panel]
