"""The risk register, heat map, exception report and a risk page in a real browser, with axe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.e2e.browser import axe, demo_tour, describe, sign_in, visit

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A browser page that lets axe-core be injected: it goes in as an inline script, which the
    site's Content Security Policy (script-src 'self') would otherwise block."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_the_risk_pages(live_server: Any, page: Any, axe_source: Path) -> None:
    from joinedup.risks.models import Control, RegisterEntry, Risk

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
        ("risk edit", reverse("risks:risk_edit", args=[slug, joint.pk])),
        ("linked actions", reverse("risks:risk_actions", args=[slug, joint.pk])),
        ("register edit", reverse("risks:register_edit", args=[slug, register])),
        ("appetite", reverse("risks:appetite_edit", args=[slug, register])),
    ]
    # The demo shares partners' risks on the partnership register, and records controls.
    shared = RegisterEntry.objects.filter(register__slug=register, kind="shared").first()
    control = Control.objects.filter(risk__register__slug=register).first()
    assert shared is not None and control is not None
    pages += [
        (
            "withdraw a share",
            reverse("risks:share_withdraw", args=[slug, shared.risk_id, shared.pk]),
        ),
        ("rate a control", reverse("risks:control_rate", args=[slug, control.risk_id, control.pk])),
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


@pytest.mark.django_db(transaction=True)
def test_it_refuses_the_second_of_two_edits_in_the_browser(
    live_server: Any, page: Any, axe_source: Path
) -> None:
    from joinedup.risks.models import Risk

    tour = demo_tour()
    risk = Risk.objects.get(register__slug="herefordshire-partnership-risks", reference="PST-01")
    url = live_server.url + reverse("risks:risk_edit", args=[tour.partnership.slug, risk.pk])
    sign_in(page, live_server.url, tour.username, tour.password)
    other = page.context.new_page()
    page.goto(url)
    other.goto(url)

    page.get_by_label("Title").fill("Loss of local accountability (first edit)")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    other.get_by_label("Title").fill("Loss of local accountability (second edit)")
    other.get_by_role("button", name="Save").click()
    other.wait_for_load_state()

    summary = other.locator(".govuk-error-summary").inner_text()
    assert "Someone else changed this risk while you were editing it" in summary
    assert Risk.objects.get(pk=risk.pk).title == "Loss of local accountability (first edit)"
    violations = axe(other, axe_source)
    assert not violations, describe("refused edit", url, violations)
