"""`joinedup list ...`: the slugs that `--body`, `--plan`, `--register` and `meeting pack` take."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from joinedup.cli.main import _register_commands, app
from joinedup.core.models import Confidentiality
from joinedup.meetings.models import Meeting
from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.programme.tests.factories import PlanFactory
from joinedup.risks.tests.factories import RegisterFactory

_register_commands()
runner = CliRunner()
pytestmark = pytest.mark.django_db


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture
def records(world: Any) -> dict[str, Any]:
    board = BodyFactory(partnership=world.own, slug="own-board", name="Own Board")
    meeting = Meeting.objects.create(
        partnership=world.own,
        body=board,
        start=timezone.make_aware(dt.datetime(2026, 1, 6, 14, 0)),
    )
    return {
        "board": board,
        "secret": BodyFactory(
            partnership=world.own,
            slug="own-exempt-group",
            confidentiality=Confidentiality.EXEMPT,
            exempt_paragraph=4,
        ),
        "other_board": BodyFactory(partnership=world.other, slug="other-board"),
        "plan": PlanFactory(partnership=world.own, slug="own-plan"),
        "register": RegisterFactory(partnership=world.own, slug="own-risks"),
        "meeting": meeting,
    }


def test_it_lists_each_kind_with_its_slug(records: dict[str, Any]) -> None:
    shown = {kind: run("list", kind) for kind in ("partnerships", "bodies", "plans", "registers")}
    for result in shown.values():
        assert result.exit_code == 0, result.output
    assert "own " in shown["partnerships"].stdout and "other " in shown["partnerships"].stdout
    assert "own-board" in shown["bodies"].stdout and "other-board" in shown["bodies"].stdout
    assert "own-plan" in shown["plans"].stdout
    assert "own-risks" in shown["registers"].stdout
    meetings = run("list", "meetings", "--partnership", "own")
    assert "own-board  2026-01-06  14:00" in meetings.stdout


def test_it_lists_one_partnership_as_json_for_scripts(records: dict[str, Any]) -> None:
    result = run("list", "bodies", "--partnership", "own", "--format", "json")

    assert result.exit_code == 0, result.output
    bodies = json.loads(result.stdout)
    assert {b["slug"] for b in bodies} == {"own-board", "own-exempt-group"}
    assert {b["partnership"] for b in bodies} == {"own"}
    (meeting,) = json.loads(run("list", "meetings", "--format", "json").stdout)
    assert (meeting["body"], meeting["date"]) == ("own-board", "2026-01-06")


def test_it_lists_only_what_the_named_person_may_see(records: dict[str, Any]) -> None:
    viewer = run("list", "bodies", "--as", "viewer")

    assert viewer.exit_code == 0, viewer.output
    assert "own-board" in viewer.stdout
    assert "own-exempt-group" not in viewer.stdout
    assert "other-board" not in viewer.stdout
    # A partnership the person does not belong to is answered as one that does not exist.
    outsider = run("list", "plans", "--as", "outsider", "--partnership", "own")
    assert outsider.exit_code == 2
    assert "No partnership with slug 'own'" in outsider.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "bodies", "--partnership", "nope"], "No partnership with slug 'nope'"),
        (["list", "plans", "--format", "yaml"], "--format must be text or json"),
        (["list", "registers", "--as", "nobody"], "No active person with username 'nobody'"),
    ],
)
def test_it_answers_bad_usage_with_exit_2(world: Any, args: list[str], message: str) -> None:
    result = run(*args)

    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
