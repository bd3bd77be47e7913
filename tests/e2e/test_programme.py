"""The work programme in a real browser: plan, action, progress update, dashboard, report,
import and the edit pages (dependencies, links, workstreams, milestones, vocabularies), with axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.e2e.browser import axe, demo_tour, describe, sign_in, visit

pytestmark = pytest.mark.e2e

PLAN = "herefordshire-development-plan-2007-08"


@pytest.fixture
def page(chromium: Any) -> Any:
    """A browser page that lets axe-core be injected: it goes in as an inline script, which the
    site's Content Security Policy (script-src 'self') would otherwise block."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _action(reference: str) -> Any:
    from joinedup.programme.models import Action

    return Action.objects.get(plan__slug=PLAN, reference=reference)


def _plan() -> Any:
    from joinedup.programme.models import Plan

    return Plan.objects.get(slug=PLAN)


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
        ("import", reverse("programme_io:actions_import", args=[slug, PLAN])),
        ("dependencies", reverse("programme:dependencies", args=[slug, as_above.pk])),
        ("add dependency", reverse("programme:dependency_add", args=[slug, as_above.pk])),
        ("link decision", reverse("links:decision_link", args=[slug, as_above.pk])),
        ("link risk", reverse("links:risk_link", args=[slug, as_above.pk])),
        ("workstreams", reverse("programme:workstream_list", args=[slug, PLAN])),
        ("add workstream", reverse("programme:workstream_create", args=[slug, PLAN])),
        ("add milestone", reverse("programme:milestone_create", args=[slug, PLAN])),
        ("vocabularies", reverse("programme:vocabulary_list", args=[slug])),
        ("publish vocabulary", reverse("programme:vocabulary_publish", args=[slug])),
    ]
    stream = _plan().workstreams.order_by("order").first()
    if stream is not None:
        pages += [
            (
                "change workstream",
                reverse("programme:workstream_edit", args=[slug, PLAN, stream.pk]),
            ),
            (
                "close workstream",
                reverse("programme:workstream_close", args=[slug, PLAN, stream.pk]),
            ),
        ]
    milestone = _plan().milestones.order_by("pk").first()
    if milestone is not None:
        pages.append(
            (
                "change milestone",
                reverse("programme:milestone_edit", args=[slug, PLAN, milestone.pk]),
            )
        )
    sign_in(page, live_server.url, tour.username, tour.password)

    problems: list[str] = []
    for what, path in pages:
        problems += visit(page, live_server.url, what, path, axe_source, tour.partnership.name)

    # The report page holds the report document, whose own <header> the shared look-and-feel
    # check (one "header" on the page) cannot tell from the site's: axe alone checks it.
    report = reverse("programme_io:progress_report", args=[slug, PLAN])
    page.goto(live_server.url + report + "?as_of=2008-10-02")
    assert "A single Chief Executive will be appointed." in page.content()
    violations = axe(page, axe_source)
    if violations:
        problems.append(describe("report", report, violations))

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


@pytest.mark.django_db(transaction=True)
def test_it_imports_a_checked_file_without_a_second_upload(
    live_server: Any, page: Any, axe_source: Path, tmp_path: Path
) -> None:
    from joinedup.core.io.sheets import write_csv
    from joinedup.programme.io.columns import ACTION_HEADERS

    tour = demo_tour()
    url = reverse("programme_io:actions_import", args=[tour.partnership.slug, PLAN])
    sign_in(page, live_server.url, tour.username, tour.password)
    page.goto(live_server.url + url)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(write_csv(ACTION_HEADERS, [("E1", "", "An action", "", "", "nobody")]))
    page.get_by_label("Spreadsheet of actions").set_input_files(str(bad))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_selector("text=Nothing was imported")
    assert "nobody" in page.locator("#import-errors").inner_text()
    violations = axe(page, axe_source)
    assert not violations, describe("import with errors", url, violations)

    good = tmp_path / "new-actions.csv"
    good.write_bytes(write_csv(ACTION_HEADERS, [("E2", "", "A browser-imported action.")]))
    page.get_by_label("Spreadsheet of actions").set_input_files(str(good))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_selector("text=Checked: nothing written yet")
    violations = axe(page, axe_source)
    assert not violations, describe("import checked", url, violations)
    assert not _plan().actions.filter(reference="E2").exists()
    page.get_by_role("button", name="Import new-actions.csv now").click()
    page.wait_for_selector("text=Imported 1 row(s)")
    assert _plan().actions.get(reference="E2").title == "A browser-imported action."


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_dependency_cycle_and_removes_a_dependency(
    live_server: Any, page: Any, axe_source: Path
) -> None:
    from joinedup.programme import services

    tour = demo_tour()
    first, second = _action("5"), _action("6")
    from joinedup.accounts.models import User

    officer = User.objects.get(username=tour.username)
    services.action_dependency_add(actor=officer, action=second, depends_on=first)
    slug = tour.partnership.slug
    sign_in(page, live_server.url, tour.username, tour.password)
    add = reverse("programme:dependency_add", args=[slug, first.pk])
    page.goto(live_server.url + add)
    page.get_by_label("Waits on action").select_option(str(second.pk))
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-error-summary")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Action 6 already waits on action 5" in summary
    violations = axe(page, axe_source)
    assert not violations, describe("dependency cycle", add, violations)

    listing = reverse("programme:dependencies", args=[slug, second.pk])
    page.goto(live_server.url + listing)
    page.get_by_role("button", name="Remove the dependency on action 5").click()
    page.wait_for_selector("text=no longer waits on action 5")
    assert not second.dependencies.exists()


@pytest.mark.django_db(transaction=True)
def test_it_links_an_action_to_a_decision_and_a_risk(
    live_server: Any, page: Any, axe_source: Path
) -> None:
    from joinedup.meetings.models import Decision
    from joinedup.risks.models import Risk

    tour = demo_tour()
    action = _action("1")
    decision = Decision.objects.filter(partnership=tour.partnership).first()
    risk = Risk.objects.filter(partnership=tour.partnership).first()
    if decision is None or risk is None:
        pytest.skip("the demo partnership has no decision or risk to link")
    slug = tour.partnership.slug
    sign_in(page, live_server.url, tour.username, tour.password)
    page.goto(live_server.url + reverse("links:decision_link", args=[slug, action.pk]))
    page.get_by_label("Decision").select_option(str(decision.pk))
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=linked to decision")
    page.goto(live_server.url + reverse("links:risk_link", args=[slug, action.pk]))
    page.get_by_label("Risk").select_option(str(risk.pk))
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=linked to risk")
    detail = reverse("programme:action_detail", args=[slug, action.pk])
    assert page.url.endswith(detail)
    assert page.get_by_role("link", name=str(decision)).count() >= 1
    violations = axe(page, axe_source)
    assert not violations, describe("action with links", detail, violations)
    page.get_by_role("button", name=f"Unlink risk {risk.reference}").click()
    page.wait_for_selector("text=no longer linked to")
    assert not risk.work_actions.filter(pk=action.pk).exists()
