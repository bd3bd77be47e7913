"""/api/v1/docs: Swagger UI from our own static files, which the Content Security Policy allows.

It used to load Swagger UI from a CDN: the policy (rightly) refused it and the page was blank, and
an offline council network could not reach the CDN anyway.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from joinedup.api.tests.conftest import API

pytestmark = pytest.mark.django_db


def _docs() -> tuple[str, str]:
    response = Client().get(f"{API}/docs")
    assert response.status_code == 200
    return response.content.decode(), response.headers["Content-Security-Policy"]


def test_it_loads_swagger_ui_from_our_own_static_files() -> None:
    html, _ = _docs()

    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources), sources
    assert any(s.endswith("swagger-ui.css") for s in sources), sources
    for source in sources:
        assert source.startswith("/static/"), f"{source} is not one of our static files"
        assert finders.find(source.removeprefix("/static/")), f"{source} is not collected"


def test_it_needs_nothing_the_content_security_policy_refuses() -> None:
    html, policy = _docs()

    assert "script-src 'self'" in policy and "cdn" not in html.lower()
    # Inline scripts would need the nonce; the settings travel as JSON, which never runs.
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
