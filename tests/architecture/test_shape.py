"""Each domain app keeps the same inner shape: services write, selectors read, and every
governed change (many-to-many sets included) is written through joinedup.core.audit.

These read the source (ast), so a new function or module is covered without listing it here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps

APPS = ["accounts", "partnerships", "programme", "risks", "meetings"]
ROOT = Path(__file__).resolve().parents[2] / "joinedup"

# Functions not written on purpose: empty, and it should stay so.
ALLOWED_READS: set[str] = set()


def _services_modules(app: str, *, private: bool = False) -> Iterator[Path]:
    """The app's services module, or the modules of its services package. Modules whose name
    starts with "_" hold the helpers the services share; `private` includes them."""
    single = ROOT / app / "services.py"
    if single.exists():
        yield single
    for path in sorted((ROOT / app / "services").glob("*.py")):
        if path.name == "__init__.py" or (path.name.startswith("_") and not private):
            continue
        yield path


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _public_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    return [n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


def _service_names() -> set[str]:
    return {
        f.name
        for app in APPS
        for path in _services_modules(app)
        for f in _public_functions(_tree(path))
    }


def _audit_names(tree: ast.Module) -> set[str]:
    """Names the module imports from joinedup.core.audit (or the module itself, as `audit`)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "joinedup.core.audit":
            names |= {a.asname or a.name for a in node.names}
        if isinstance(node, ast.ImportFrom) and node.module == "joinedup.core":
            names |= {a.asname or a.name for a in node.names if a.name == "audit"}
    return names


def _called(function: ast.FunctionDef) -> set[str]:
    """Each call's name: `f(...)` gives "f", `a.b.f(...)` gives "a" and "f"."""
    names = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            names.add(func.id)
        elif isinstance(func, ast.Attribute):
            names.add(func.attr)
            base = func.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name):
                names.add(base.id)
    return names


def _writes_itself(function: ast.FunctionDef, called: set[str], audit: set[str]) -> bool:
    atomic = any("atomic" in ast.unparse(d) for d in function.decorator_list)
    # Email is a write outside the database (reminders, escalation notices).
    sends = bool(called & {"send", "send_messages", "send_mail"})
    return atomic or bool(called & audit) or sends


def _reads_in_services() -> list[str]:
    """Public services that do not write: neither in a transaction, through the audit helpers
    nor by email, and calling no service that writes."""
    found: list[tuple[str, str, set[str]]] = []
    writers: set[str] = set()
    for app in APPS:
        for path in _services_modules(app):
            tree = _tree(path)
            audit = _audit_names(tree)
            for function in _public_functions(tree):
                called = _called(function) - {function.name}
                where = f"{path.relative_to(ROOT.parent)}:{function.lineno} {function.name}"
                found.append((function.name, where, called))
                if _writes_itself(function, called, audit):
                    writers.add(function.name)
    grew = True
    while grew:
        more = {name for name, _, called in found if called & writers} - writers
        writers |= more
        grew = bool(more)
    return sorted(where for name, where, _ in found if name not in writers)


def test_it_keeps_only_writes_in_the_services():
    reads = [r for r in _reads_in_services() if r.rsplit(" ", 1)[1] not in ALLOWED_READS]
    assert not reads, (
        "These services do not write (no transaction, no joinedup.core.audit helper, no other "
        "service that writes): move them to selectors, permissions or a pure module:\n"
        + "\n".join(reads)
    )


def _m2m_fields() -> set[str]:
    return {
        field.name
        for model in apps.get_models()
        if model.__module__.startswith("joinedup.")
        for field in model._meta.many_to_many
    }


def test_it_changes_many_to_many_sets_only_through_the_audited_helper():
    m2m = _m2m_fields()
    bypasses = []
    for app in APPS:
        for path in _services_modules(app, private=True):
            for node in ast.walk(_tree(path)):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                manager = node.func.value
                if (
                    node.func.attr in {"set", "add", "remove", "clear"}
                    and isinstance(manager, ast.Attribute)
                    and manager.attr in m2m
                ):
                    bypasses.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert m2m, "no many-to-many fields found: the check would pass vacuously"
    assert not bypasses, (
        "Change many-to-many sets with joinedup.core.audit.audited_set_m2m, so the history "
        "has them:\n" + "\n".join(bypasses)
    )


def _faces(app: str) -> Iterator[Path]:
    """The app's views and API modules (single modules or packages)."""
    base = ROOT / app
    for pattern in ("views*.py", "views/**/*.py", "api*.py", "api/**/*.py"):
        yield from sorted(base.glob(pattern))


def test_it_names_every_role_check_in_the_apps_permissions():
    inline = []
    for app in APPS:
        for path in _faces(app):
            where = path.relative_to(ROOT).as_posix()
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if "has_role(" in line:
                    inline.append(f"joinedup/{where}:{number}")
    assert not inline, (
        "Views and API operations ask a named predicate (<app>/permissions.py, built on "
        "joinedup.core.permissions), not has_role() inline:\n" + "\n".join(inline)
    )
