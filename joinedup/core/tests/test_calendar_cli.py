"""`joinedup deadline RULE DATE`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import joinedup.cli.deadline
import joinedup.cli.manage  # noqa: F401  (a second command keeps `deadline` a sub-command)
from joinedup.cli.main import app
from joinedup.core.models import CalendarOverride

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["deadline", *args])


def test_it_prints_the_acknowledgement_date():
    result = run("nhs-complaint-ack", "2025-12-19")
    assert result.exit_code == 0
    assert result.stdout == "2025-12-24\n"


def test_it_prints_the_latest_agenda_publication_date():
    result = run("agenda-council", "2026-01-06")
    assert result.exit_code == 0
    assert result.stdout == "2025-12-24\n"


def test_it_prints_a_date_time_for_clock_hour_rules():
    assert run("ico-breach", "2025-12-19T10:00").stdout == "2025-12-22T10:00\n"


def test_it_explains_days_counted_and_skipped():
    result = run("nhs-complaint-ack", "2025-12-23", "--explain")
    lines = result.stdout.splitlines()
    assert lines[0] == "2025-12-30"
    assert "  2025-12-25 skipped: Christmas Day" in lines
    assert "  2025-12-24 counted: working day 1 of 3" in lines


def test_it_applies_an_organisation_setting(world):
    world.council.key_decision_day_rule = "working"
    world.council.save()
    result = run("key-decision-notice", "2026-02-04", "--organisation", "own-council")
    assert result.stdout == "2025-12-22\n"


def test_it_applies_an_organisation_closure(world):
    CalendarOverride.objects.create(
        date="2025-12-24", description="Christmas Eve", organisation=world.council
    )
    assert run("agenda-council", "2026-01-06", "--organisation", "own-council").stdout == (
        "2025-12-23\n"
    )
    assert run("agenda-council", "2026-01-06", "--organisation", "own-nhs").stdout == (
        "2025-12-24\n"
    )


def test_it_prints_json_for_scripts():
    result = run("foi", "2026-03-16", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["due"] == "2026-04-16"
    assert "2026-03-17 skipped: Saint Patrick's Day (NIR)" in payload["explanation"]


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (("no-such-rule", "2026-01-05"), "Unknown rule 'no-such-rule'. Known rules:", 2),
        # The service refuses to guess beyond its horizon: refused (1), not bad usage (2).
        (("foi", "2031-03-03"), "outside the calendar's known horizon", 1),
        (("foi", "03/03/2026"), "is not an ISO date", 2),
        (("foi", "2026-03-16", "--organisation", "nowhere"), "No organisation with slug", 2),
    ],
)
def test_it_reports_errors_on_stderr_with_the_conventional_exit_code(args, message, code):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == ""
