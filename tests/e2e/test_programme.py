"""The work programme in a real browser: plan, action, progress update and dashboard, with axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.e2e.browser import axe, demo_tour, describe, sign_in, visit

pytestmark = pytest.mark.e2e

PLAN = "herefordshire-development-plan-2007-08"


def _action(reference: str) -> Any:
    from joinedup.programme.models import Action

    return Action.objects.get(plan__slug=PLAN, reference=reference)


@pytest.mark.django_db(transaction=True)
def test_it_passes_axe_on_the_programme_pages(
    live_server: Any, page: Any, axe_source: Path
) -> None:
    tour = demo_tour()
    slug = tour.partnership.slug
    as_above = _action("14")
    pages = [
        ("plans", reverse("programme:plan_list", args=[slug])),
        ("plan", reverse("programme:plan_detail", args=[slug, PLAN])),
        ("dashboard", reverse("programme:dashboard", args=[slug, PLAN])),
        ("updates due", reverse("programme:updates_due", args=[slug, PLAN])),
        ("action", reverse("programme:action_detail", args=[slug, as_above.pk])),
        ("change action", reverse("programme:action_edit", args=[slug, as_above.pk])),
        ("progress update", reverse("programme:progress_add", args=[slug, as_above.pk])),
        ("refresh", reverse("programme:plan_refresh", args=[slug, PLAN])),
    ]
    sign_in(page, live_server.url, tour.username, tour.password)

    problems: list[str] = []
    for what, path in pages:
        problems += visit(page, live_server.url, what, path, axe_source, tour.partnership.name)

    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_it_shows_the_plan_as_reported_to_cabinet(live_server: Any, page: Any) -> None:
    tour = demo_tour()
    sign_in(page, live_server.url, tour.username, tour.password)
    page.goto(
        live_server.url + reverse("programme:plan_detail", args=[tour.partnership.slug, PLAN])
    )

    table = page.locator("#action-results").inner_text()
    assert "A single Chief Executive will be appointed." in table
    assert "Achieved. Took up post on 10 December 2007" in table
    assert "see action 13" in table  # "As above." points at the action above
    page.get_by_label("Status").select_option("cancelled")
    page.wait_for_function(
        "() => !document.querySelector('#action-results').innerText.includes('Chief Executive')"
    )
    assert "A Partnership Agreement will be signed." in page.locator("#action-results").inner_text()


@pytest.mark.django_db(transaction=True)
def test_it_adds_a_progress_update_in_place(live_server: Any, page: Any, axe_source: Path) -> None:
    tour = demo_tour()
    action = _action("21")
    url = reverse("programme:action_detail", args=[tour.partnership.slug, action.pk])
    sign_in(page, live_server.url, tour.username, tour.password)
    page.goto(live_server.url + url)

    page.get_by_text("Add a progress update").click()
    page.get_by_label("Progress to date").fill("A single complaints team has been agreed.")
    page.get_by_label("Status now").select_option(label="Achieved")
    page.get_by_role("button", name="Add update").click()
    page.wait_for_selector("text=Progress update added.")

    progress = page.locator("#progress").inner_text()
    assert "A single complaints team has been agreed." in progress
    assert page.url.endswith(url)  # swapped in place, no page load
    action.refresh_from_db()
    assert action.status.word == "Achieved" and action.version == 3
    violations = axe(page, axe_source)
    assert not violations, describe("action after update", url, violations)


@pytest.mark.django_db(transaction=True)
def test_it_refuses_the_second_of_two_edits_in_the_browser(live_server: Any, page: Any) -> None:
    tour = demo_tour()
    action = _action("5")
    edit = reverse("programme:action_edit", args=[tour.partnership.slug, action.pk])
    sign_in(page, live_server.url, tour.username, tour.password)
    page.goto(live_server.url + edit)
    second = page.context.new_page()
    second.goto(live_server.url + edit)

    page.get_by_label("Proposed activity").fill("First editor's wording.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    second.get_by_label("Proposed activity").fill("Second editor's wording.")
    second.get_by_role("button", name="Save").click()
    second.wait_for_load_state()

    assert "Someone else changed this action" in second.locator(".govuk-error-summary").inner_text()
    action.refresh_from_db()
    assert action.title == "First editor's wording."
