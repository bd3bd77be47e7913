"""Content Security Policy: every HTML page carries it, and no page needs what it refuses.

The policy refuses inline scripts and styles unless they carry the page's nonce, and refuses
every style="" attribute and on...= handler. These tests read the HTML the server sends; the
browser test (test_csp_browser.py) checks that Chromium reports no violation either.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.e2e.browser import demo_tour
from tests.security.crawl import crawl
from tests.security.inline import inline_problems

EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",  # plus 'nonce-...' on a page that uses its nonce
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
TEMPLATES = Path(settings.BASE_DIR) / "joinedup" / "templates"
# Rendered without a request, for WeasyPrint or as a file to download, never as a page of the
# site: their <style> blocks are the document's own stylesheet.
NOT_PAGES = {"meetings/pack.html", "reports/document.html"}


def policy(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(
        ([*part.strip().split(" ", 1), ""])[:2] for part in header.split(";") if part.strip()
    )


def nonce_of(response: Any) -> str | None:
    found = re.search(r"'nonce-([^']+)'", response.get("Content-Security-Policy", ""))
    return found.group(1) if found else None


def check_page(path: str, response: Any) -> list[str]:
    if not response["Content-Type"].startswith("text/html"):
        return []
    if "Content-Security-Policy" not in response:
        return [f"{path}: no Content-Security-Policy header"]
    nonce = nonce_of(response)
    return [f"{path}: {p}" for p in inline_problems(response.content.decode(), nonce)]


def test_it_sends_the_policy_we_mean(client: Client, db: None) -> None:
    response = client.get(reverse("accounts:login"))

    directives = policy(response)
    assert set(directives) == set(EXPECTED)
    for name, start in EXPECTED.items():
        assert directives[name].startswith(start), (name, directives[name])
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_it_sends_the_policy_on_error_pages_too(client_for: Any) -> None:
    client = client_for("viewer")
    missing = client.get("/p/own/no-such-page/")
    outsider = client.get(reverse("core:partnership_home", args=["other"]))
    too_big = client.post(
        reverse("accounts:login"), CONTENT_LENGTH=str(settings.JOINEDUP_MAX_REQUEST_BYTES + 1)
    )

    for response in (missing, outsider, too_big):
        assert response.status_code in (404, 413)
        assert check_page(response.request["PATH_INFO"], response) == []


@pytest.mark.django_db
def test_every_page_a_programme_officer_reaches_has_the_policy_and_nothing_inline(
    client: Client,
) -> None:
    from joinedup.accounts.models import User

    tour = demo_tour()
    client.force_login(User.objects.get(username=tour.username))
    problems: list[str] = []

    def fetch(path: str) -> str | None:
        response = client.get(path)
        assert response.status_code < 500, f"{path}: HTTP {response.status_code}"
        problems.extend(check_page(path, response))
        return (
            response.content.decode() if response["Content-Type"].startswith("text/html") else None
        )

    visited = crawl(fetch, [path for _, path in tour.pages], limit=120)

    print(f"\ncsp: {len(visited)} pages checked")
    assert len(visited) >= 30
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_progress_report_page_styles_its_preview_with_the_nonce(client: Client) -> None:
    from joinedup.accounts.models import User
    from joinedup.programme.models import Plan

    tour = demo_tour()
    plan = Plan.objects.filter(partnership=tour.partnership).first()
    client.force_login(User.objects.get(username=tour.username))

    url = reverse("programme_io:progress_report", args=[tour.partnership.slug, plan.slug])

    response, again = client.get(url), client.get(url)

    assert response.status_code == 200
    assert f'<style nonce="{nonce_of(response)}">' in response.content.decode()
    assert "'nonce-" in policy(response)["style-src"]
    assert check_page("report", response) == []
    assert nonce_of(response) != nonce_of(again)  # a fresh nonce for every page


@pytest.mark.django_db
def test_the_pdf_and_html_reports_still_render_without_a_request(client: Client) -> None:
    from joinedup.accounts.models import User
    from joinedup.programme.models import Plan

    tour = demo_tour()
    plan = Plan.objects.filter(partnership=tour.partnership).first()
    client.force_login(User.objects.get(username=tour.username))
    args = [tour.partnership.slug, plan.slug]

    pdf = client.get(reverse("programme_io:progress_report_download", args=[*args, "pdf"]))
    html = client.get(reverse("programme_io:progress_report_download", args=[*args, "html"]))

    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert html.status_code == 200 and b"<style>" in html.content  # its own stylesheet
    assert "attachment" in html["Content-Disposition"]


def _template_problems(path: Path) -> list[str]:
    text = path.read_text()
    problems = []
    for match in re.finditer(r"<script\b[^>]*>", text):
        if "src=" not in match.group(0) and 'nonce="{{ request.csp_nonce }}"' not in match.group(0):
            problems.append(f"inline <script>: {match.group(0)}")
    for match in re.finditer(r"<style\b[^>]*>", text):
        if "request.csp_nonce" not in match.group(0):
            problems.append(f"<style> without the nonce: {match.group(0)}")
    for match in re.finditer(r"\sstyle=\"[^\"]*\"|\son[a-z]+=\"", text):
        problems.append(f"inline attribute: {match.group(0).strip()}")
    return problems


def test_no_template_has_an_inline_script_or_style_without_the_nonce() -> None:
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name not in NOT_PAGES:
            problems += [f"{name}: {p}" for p in _template_problems(path)]

    assert not problems, "\n".join(problems)


def test_the_accountability_graph_draws_without_inline_styles() -> None:
    from joinedup.partnerships.graph import (
        AccountabilityGraph,
        GraphEdge,
        GraphNode,
        render_svg,
    )

    graph = AccountabilityGraph(
        nodes=[
            GraphNode(1, "board", "Board", "board", "Board", "Council"),
            GraphNode(2, "group", "Group", "working_group", "Working group", "Council"),
        ],
        edges=[GraphEdge(2, 1, "reports_to", "Reports to")],
    )

    for standalone in (False, True):
        svg = render_svg(graph, href=lambda node: f"/b/{node.slug}/", standalone=standalone)
        assert "<style" not in svg and "style=" not in svg
        assert 'fill="#1d70b8"' in svg  # the colours are presentation attributes instead
