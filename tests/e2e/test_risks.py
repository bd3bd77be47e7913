"""The risk register, heat map, exception report and a risk page in a real browser, with axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.e2e.browser import demo_tour, sign_in, visit

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_the_risk_pages(live_server: Any, page: Any, axe_source: Path) -> None:
    from joinedup.risks.models import Risk

    tour = demo_tour()
    slug, register = tour.partnership.slug, "herefordshire-partnership-risks"
    joint = Risk.objects.get(register__slug=register, reference="PST-01")
    pages = [
        ("risk registers", reverse("risks:register_list", args=[slug])),
        ("register table", reverse("risks:register_detail", args=[slug, register])),
        ("heat map", reverse("risks:heat_map", args=[slug, register])),
        ("exception report", reverse("risks:exceptions", args=[slug, register])),
        ("joint risk", reverse("risks:risk_detail", args=[slug, joint.pk])),
        ("assess", reverse("risks:risk_assess", args=[slug, joint.pk])),
    ]
    sign_in(page, live_server.url, tour.username, tour.password)

    problems: list[str] = []
    for what, path in pages:
        problems += visit(page, live_server.url, what, path, axe_source, tour.partnership.name)

    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_it_filters_the_register_in_place(live_server: Any, page: Any) -> None:
    tour = demo_tour()
    url = reverse(
        "risks:register_detail", args=[tour.partnership.slug, "herefordshire-partnership-risks"]
    )
    sign_in(page, live_server.url, tour.username, tour.password)
    page.goto(live_server.url + url)
    assert "Programme overtaken by GP commissioning" in page.locator("#risk-results").inner_text()

    page.get_by_label("Category").select_option("financial")
    page.wait_for_function(
        "() => !document.querySelector('#risk-results').innerText.includes('GP commissioning')"
    )

    results = page.locator("#risk-results").inner_text()
    assert "cost more than the current ones" in results
