"""A programme officer signs in through the real form and walks every kind of page.

On each page: it loads (200), axe-core finds no WCAG 2.2 AA violation, the header names the
partnership (not the Crown: this is not a GOV.UK service) and the text is not in GDS Transport
(a font only GOV.UK services may use).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.e2e.browser import demo_tour, sign_in, visit

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_every_page_a_programme_officer_sees(
    live_server: Any, page: Any, axe_source: Path
) -> None:
    tour = demo_tour()
    base = live_server.url
    problems = visit(page, base, "sign-in", reverse("accounts:login"), axe_source, None)

    sign_in(page, base, tour.username, tour.password)
    for what, path in tour.pages:
        in_partnership = path.startswith(f"/p/{tour.partnership.slug}/")
        name = tour.partnership.name if in_partnership else None
        problems += visit(page, base, what, path, axe_source, name)

    print(f"\ne2e: visited {len(tour.pages) + 1} pages as {tour.username}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_the_public_page(live_server: Any, page: Any, axe_source: Path) -> None:
    tour = demo_tour()
    path = reverse("core:public_partnership", args=[tour.partnership.slug])

    problems = visit(page, live_server.url, "public page", path, axe_source, None)

    assert tour.partnership.name in page.locator("main").inner_text()
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_it_keeps_an_outsider_out_in_the_browser_too(live_server: Any, page: Any) -> None:
    from joinedup.core.models import Partnership

    tour = demo_tour()
    other = Partnership.objects.exclude(pk=tour.partnership.pk).first()
    if other is None:
        pytest.skip("the demo has one partnership only")
    sign_in(page, live_server.url, tour.username, tour.password)

    response = page.goto(live_server.url + reverse("core:partnership_home", args=[other.slug]))

    assert response is not None and response.status == 404
    assert other.name not in page.content()
