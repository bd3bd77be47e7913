"""Real-browser fixtures: Debian's Chromium driven by Playwright, axe-core from node_modules.

Playwright's own browser download does not work on the build machines, so the tests launch
/usr/bin/chromium (override with JOINEDUP_CHROMIUM). Without it the tests are skipped locally and
fail on CI (env CI set), so a CI image that lost its browser cannot pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("JOINEDUP_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright runs its own event loop in this thread; Django must allow the ORM calls the
# tests make between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing(what: str, path: Path) -> None:
    message = f"{what} not found at {path}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so the browser tests must run)")
    pytest.skip(f"{message}; install it to run the browser tests")


# One Playwright per test session: tests/security imports these fixtures too, and a second
# sync_playwright() in the same session fails.
_SHARED: dict[str, Any] = {}


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing("Chromium", CHROMIUM)
    if "browser" in _SHARED:
        yield _SHARED["browser"]
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        _SHARED["browser"] = browser
        yield browser
        _SHARED.clear()
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE.exists():
        _missing("axe-core (npm install)", AXE)
    return AXE


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
