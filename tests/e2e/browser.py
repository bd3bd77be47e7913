"""Browser helpers for the real-browser tests: sign in, visit a page, run axe-core on it.

`demo_tour()` loads the demo data and lists the pages a programme officer of its first
partnership can see; `visit()` loads a page and returns every problem found (HTTP status, the
look and feel rules, axe-core WCAG 2.2 AA violations).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.urls import reverse

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass
class Tour:
    username: str
    password: str
    partnership: Any
    pages: list[tuple[str, str]]  # (what, path)


def demo_tour() -> Tour:
    """The demo data (joinedup.demo), its first partnership's programme officer, their pages."""
    from joinedup.core.models import Partnership
    from joinedup.demo.loader import DEMO_PASSWORD, demo_load

    sign_ins = demo_load(password=DEMO_PASSWORD)
    officer = next(s for s in sign_ins if s.role == "programme_officer")
    partnership = Partnership.objects.get(slug=officer.partnership)
    return Tour(
        officer.username, DEMO_PASSWORD, partnership, tour_pages(partnership, officer.username)
    )


def tour_pages(partnership: Any, username: str) -> list[tuple[str, str]]:
    from django.db.models import Count

    from joinedup.accounts.models import User
    from joinedup.partnerships.models import Body, Partner

    slug = partnership.slug
    partner = Partner.objects.filter(partnership=partnership).first()
    body = (
        Body.objects.filter(partnership=partnership)
        .annotate(versions=Count("terms_of_reference"))
        .order_by("-versions", "name")
        .first()
    )
    person = User.objects.get(username=username)
    pages = [
        ("home", reverse("core:home")),
        ("partnership home", reverse("core:partnership_home", args=[slug])),
        ("partners", reverse("partnerships:partner_list", args=[slug])),
        ("bodies", reverse("partnerships:body_list", args=[slug])),
        ("bodies graph", reverse("partnerships:body_graph", args=[slug])),
        ("people", reverse("accounts:people", args=[slug])),
        ("person", reverse("accounts:person_detail", args=[slug, person.pk])),
    ]
    if partner is not None:
        pages.append(("partner", reverse("partnerships:partner_detail", args=[slug, partner.pk])))
    if body is not None:
        pages.append(("body", reverse("partnerships:body_detail", args=[slug, body.slug])))
        pages.append(
            (
                "body history",
                reverse("core:history", args=[slug, "partnerships.body", str(body.pk)]),
            )
        )
        tor = body.terms_of_reference.order_by("-version").first()
        if tor is not None:
            pages.append(
                (
                    "terms of reference",
                    reverse("partnerships:tor_detail", args=[slug, body.slug, tor.version]),
                )
            )
        if body.terms_of_reference.count() >= 2:
            pages.append(
                (
                    "terms of reference compare",
                    reverse("partnerships:tor_compare", args=[slug, body.slug]),
                )
            )
    return pages


def axe(page: Any, axe_source: Path) -> list[dict[str, Any]]:
    # Evaluated, not added as a <script> tag: the Content Security Policy refuses inline scripts.
    page.evaluate(axe_source.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return list(result["violations"])


def describe(what: str, url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{what} ({url}): {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"      {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def look_and_feel(page: Any, partnership_name: str | None) -> list[str]:
    problems = []
    if page.locator(".govuk-header__logotype-crown, svg[class*='crown']").count():
        problems.append("shows the Crown logo")
    html = page.content().lower()
    if "crown" in html and "<svg" in html and "govuk-logotype-crown" in html:
        problems.append("has a crown svg")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    if "gds transport" in font.lower():
        problems.append(f"uses GDS Transport ({font})")
    if partnership_name is not None:
        header = page.locator("header").inner_text()
        if partnership_name not in header:
            problems.append(f"header does not name {partnership_name!r}: {header[:200]!r}")
    return problems


def visit(
    page: Any, base: str, what: str, path: str, axe_source: Path, partnership_name: str | None
) -> list[str]:
    response = page.goto(base + path)
    status = response.status if response else None
    if status != 200:
        return [f"{what} ({path}): HTTP {status}"]
    problems = [f"{what} ({path}): {p}" for p in look_and_feel(page, partnership_name)]
    stylesheet = page.evaluate(
        "Array.from(document.styleSheets).some(s => { try { return s.cssRules.length > 0 } "
        "catch (e) { return false } })"
    )
    if not stylesheet:
        problems.append(f"{what} ({path}): no stylesheet loaded")
    violations = axe(page, axe_source)
    if violations:
        problems.append(describe(what, path, violations))
    return problems


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert reverse("accounts:login") not in page.url, f"sign-in failed: still on {page.url}"
