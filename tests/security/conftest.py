"""The real-browser fixtures (Chromium, axe-core) come from tests/e2e for the browser test."""

from tests.e2e.conftest import axe_source, chromium, page  # noqa: F401
