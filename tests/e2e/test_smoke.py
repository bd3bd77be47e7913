"""A programme officer signs in through the real form and walks every kind of page.

On each page: it loads (200), axe-core finds no WCAG 2.2 AA violation, the header names the
partnership (not the Crown: this is not a GOV.UK service) and the text is not in GDS Transport
(a font only GOV.UK services may use).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass
class Tour:
    username: str
    password: str
    partnership: Any
    pages: list[tuple[str, str]]  # (what, path)


def _demo_tour() -> Tour:
    """The demo data (joinedup.demo), its first partnership's programme officer, their pages."""
    from joinedup.core.models import Partnership
    from joinedup.demo.loader import DEMO_PASSWORD, demo_load

    sign_ins = demo_load(password=DEMO_PASSWORD)
    officer = next(s for s in sign_ins if s.role == "programme_officer")
    partnership = Partnership.objects.get(slug=officer.partnership)
    return Tour(officer.username, DEMO_PASSWORD, partnership, _pages(partnership, officer.username))


def _pages(partnership: Any, username: str) -> list[tuple[str, str]]:
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


def _axe(page: Any, axe_source: Path) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe_source))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return list(result["violations"])


def _describe(what: str, url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{what} ({url}): {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"      {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def _look_and_feel(page: Any, partnership_name: str | None) -> list[str]:
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


def _visit(
    page: Any, base: str, what: str, path: str, axe_source: Path, partnership_name: str | None
) -> list[str]:
    response = page.goto(base + path)
    status = response.status if response else None
    if status != 200:
        return [f"{what} ({path}): HTTP {status}"]
    problems = [f"{what} ({path}): {p}" for p in _look_and_feel(page, partnership_name)]
    stylesheet = page.evaluate(
        "Array.from(document.styleSheets).some(s => { try { return s.cssRules.length > 0 } "
        "catch (e) { return false } })"
    )
    if not stylesheet:
        problems.append(f"{what} ({path}): no stylesheet loaded")
    violations = _axe(page, axe_source)
    if violations:
        problems.append(_describe(what, path, violations))
    return problems


def _sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert reverse("accounts:login") not in page.url, f"sign-in failed: still on {page.url}"


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_every_page_a_programme_officer_sees(
    live_server: Any, page: Any, axe_source: Path
) -> None:
    tour = _demo_tour()
    base = live_server.url
    problems = _visit(page, base, "sign-in", reverse("accounts:login"), axe_source, None)

    _sign_in(page, base, tour.username, tour.password)
    for what, path in tour.pages:
        in_partnership = path.startswith(f"/p/{tour.partnership.slug}/")
        name = tour.partnership.name if in_partnership else None
        problems += _visit(page, base, what, path, axe_source, name)

    print(f"\ne2e: visited {len(tour.pages) + 1} pages as {tour.username}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_the_public_page(live_server: Any, page: Any, axe_source: Path) -> None:
    tour = _demo_tour()
    path = reverse("core:public_partnership", args=[tour.partnership.slug])

    problems = _visit(page, live_server.url, "public page", path, axe_source, None)

    assert tour.partnership.name in page.locator("main").inner_text()
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_it_keeps_an_outsider_out_in_the_browser_too(live_server: Any, page: Any) -> None:
    from joinedup.core.models import Partnership

    tour = _demo_tour()
    other = Partnership.objects.exclude(pk=tour.partnership.pk).first()
    if other is None:
        pytest.skip("the demo has one partnership only")
    _sign_in(page, live_server.url, tour.username, tour.password)

    response = page.goto(live_server.url + reverse("core:partnership_home", args=[other.slug]))

    assert response is not None and response.status == 404
    assert other.name not in page.content()
