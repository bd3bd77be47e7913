"""`joinedup programme remind`: the updates due, by owner, by email or as a dry run."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from typer.testing import CliRunner

from joinedup.accounts.tests.factories import UserFactory
from joinedup.cli.main import _register_commands, app
from joinedup.programme.tests.factories import ActionFactory, word

pytestmark = pytest.mark.django_db
_register_commands()
runner = CliRunner()


@pytest.fixture
def due(plan, world):
    plan.last_reported_on = dt.date(2008, 10, 2)
    plan.save()
    owner = UserFactory(email="owner@example.org", organisation=world.council, role_title="Owner")
    ActionFactory(plan=plan, reference="5", owner=owner, status=word("Underway"))
    ActionFactory(plan=plan, reference="6", owner=None)
    return plan


def test_it_lists_the_updates_due_on_a_dry_run_and_sends_nothing(due):
    result = runner.invoke(app, ["programme", "remind", "--plan", due.slug, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Owner (owner@example.org): 1 update(s) due" in result.output
    assert "No owner (no email address)" in result.output
    assert "Would send 1 reminder(s); 1 to chase in person." in result.output
    assert not mail.outbox


def test_it_sends_the_reminders(due):
    result = runner.invoke(app, ["programme", "remind", "--plan", due.slug, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sent"] == 1
    assert mail.outbox[0].to == ["owner@example.org"]


def test_it_fails_clearly_on_an_unknown_plan_or_a_bad_date(due):
    result = runner.invoke(app, ["programme", "remind", "--plan", "nope"])
    assert result.exit_code == 2 and "There is no plan 'nope'" in result.output
    result = runner.invoke(
        app, ["programme", "remind", "--plan", due.slug, "--as-of", "2008-13-01"]
    )
    assert result.exit_code == 2


def test_it_publishes_a_vocabulary_version_from_the_command_line(plan, tmp_path):
    from joinedup.programme.selectors import vocabulary_latest

    before = vocabulary_latest("herefordshire-development-plan")
    words = tmp_path / "words.txt"
    words.write_text("Achieved | complete | blue\nSlipping | in_progress | red\n")
    result = runner.invoke(
        app,
        [
            "programme",
            "vocabulary-publish",
            "herefordshire-development-plan",
            "--words",
            str(words),
            "--reason",
            "A word for slipping work",
        ],
    )
    assert result.exit_code == 0, result.output
    after = vocabulary_latest("herefordshire-development-plan")
    assert after.version == before.version + 1
    assert list(after.words.values_list("word", flat=True)) == ["Achieved", "Slipping"]


def test_it_refuses_a_bad_word_line_on_the_command_line(plan, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("Achieved complete blue\n")
    result = runner.invoke(
        app,
        [
            "programme",
            "vocabulary-publish",
            "herefordshire-development-plan",
            "--words",
            str(words),
            "--reason",
            "x",
        ],
    )
    assert result.exit_code == 1  # understood, but the words are refused
    assert "Line 1" in result.output
