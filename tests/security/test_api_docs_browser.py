"""In a real browser, /api/v1/docs draws the API's operations with nothing refused by the policy.

Swagger UI came from a CDN, which the Content Security Policy refuses: the page was blank.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_it_draws_the_api_docs_under_the_policy(live_server: Any, page: Any) -> None:
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))

    response = page.goto(live_server.url + "/api/v1/docs")
    page.locator(".opblock").first.wait_for(timeout=20_000)

    assert response is not None and response.status == 200
    assert page.locator(".opblock").count() > 20
    assert "Joined-Up API" in page.locator(".swagger-ui .info").inner_text()
    assert not refused, "\n".join(refused)
    assert not failed, "\n".join(failed)
