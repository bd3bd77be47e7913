"""In a real browser, no page a programme officer visits breaks the Content Security Policy.

Chromium reports every blocked script, style or attribute on the console ("Refused to ...")
and as a `securitypolicyviolation` event; either fails the test. It also checks that the
JavaScript the policy allows really runs: GOV.UK Frontend's init (from a static file) marks
the page, and htmx loads with its own inline indicator style turned off.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.e2e.browser import demo_tour, sign_in
from tests.security.crawl import crawl

pytestmark = pytest.mark.e2e

LISTEN = """() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
      + ` at ${e.sourceFile || ''}:${e.lineNumber || ''} ${e.sample || ''}`);
  });
}"""


def _watch(page: Any) -> list[str]:
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or message.text.startswith("Refused to")
            else None
        ),
    )
    page.add_init_script(f"({LISTEN})()")
    return console


def _visit(page: Any, base: str, path: str, console: list[str]) -> tuple[str | None, list[str]]:
    response = page.goto(base + path)
    page.wait_for_load_state("networkidle")
    problems = [f"{path}: {line}" for line in console]
    console.clear()
    problems += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations || []")]
    if response is None or response.status >= 400:
        problems.append(f"{path}: HTTP {response.status if response else None}")
        return None, problems
    if "text/html" not in (response.headers.get("content-type") or ""):
        return None, problems
    if not response.headers.get("content-security-policy"):
        problems.append(f"{path}: no Content-Security-Policy header")
    js = page.evaluate(
        "[document.body.classList.contains('js-enabled'),"
        " document.body.classList.contains('govuk-frontend-supported'),"
        " typeof window.htmx !== 'undefined',"
        " document.querySelectorAll('style').length]"
    )
    if not js[0] or not js[2]:
        problems.append(f"{path}: scripts did not run (js-enabled, htmx): {js}")
    if js[3]:
        problems.append(f"{path}: {js[3]} <style> element(s) in the page")
    return page.content(), problems


@pytest.mark.django_db(transaction=True)
def test_it_breaks_no_csp_rule_on_the_pages_a_programme_officer_visits(
    live_server: Any, page: Any
) -> None:
    tour = demo_tour()
    base = live_server.url
    console = _watch(page)
    _, problems = _visit(page, base, reverse("accounts:login"), console)
    sign_in(page, base, tour.username, tour.password)

    def fetch(path: str) -> str | None:
        html, found = _visit(page, base, path, console)
        problems.extend(found)
        return html

    visited = crawl(fetch, [path for _, path in tour.pages], limit=60)

    print(f"\ncsp browser: {len(visited)} pages, {len(problems)} problems")
    assert len(visited) >= 30
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_htmx_filters_still_work_under_the_policy(live_server: Any, page: Any) -> None:
    tour = demo_tour()
    base = live_server.url
    console = _watch(page)
    sign_in(page, base, tour.username, tour.password)
    page.goto(base + reverse("partnerships:body_list", args=[tour.partnership.slug]))
    rows_before = page.locator("#body-results tr").count()

    def by_htmx(response: Any) -> bool:
        return "/bodies/" in response.url and bool(response.request.headers.get("hx-request"))

    with page.expect_response(by_htmx):  # htmx sends the filter as its own request
        page.locator("#id_q").press_sequentially("zzzz-no-such-body")
    page.wait_for_load_state("networkidle")

    assert page.locator("#body-results").inner_text() != ""
    assert page.locator("#body-results tr").count() < max(rows_before, 2)
    assert not console, "\n".join(console)
    assert page.evaluate("window.__cspViolations") == []
