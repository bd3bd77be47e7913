"""The `joinedup` command: demo, serve, createuser and token, and their error messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from joinedup.accounts.models import ApiToken, PartnershipRole, User
from joinedup.cli import demo as demo_module
from joinedup.cli.main import _register_commands, app
from joinedup.core.models import AuditEntry, Partnership
from joinedup.partnerships.models import Body

_register_commands()
runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture
def no_static(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the stylesheet build and collectstatic: the demo tests are about the data."""
    monkeypatch.setattr(demo_module, "build_assets_if_missing", lambda: None)
    monkeypatch.setattr(demo_module, "collect_static", lambda: None)


def test_it_gives_every_command_a_one_line_help() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    shown = subprocess.run(
        [sys.executable, "-m", "joinedup.cli.main", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    for command in ("demo", "serve", "createuser", "token", "deadline", "manage"):
        assert f" {command} " in shown


@pytest.mark.django_db
def test_it_sets_up_the_demo_without_serving_and_can_do_it_twice(
    no_static: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # As scripts/demo runs it: .venv/bin/joinedup, with the environment not on the PATH.
    monkeypatch.setenv("PATH", str(tmp_path))
    first = run("demo", "--no-serve")
    assert first.exit_code == 0, first.output
    assert "demo-password-1" in first.stdout
    assert "chorley-performance-analyst" in first.stdout
    # The closing line names a command that the shell can run from here.
    command = first.stdout.split("Start the site with: ")[1].split()
    assert command[1] == "serve" and shutil.which(command[0]), command
    counts = (User.objects.count(), Body.objects.count(), AuditEntry.objects.count())
    second = run("demo", "--no-serve")
    assert second.exit_code == 0, second.output
    assert (User.objects.count(), Body.objects.count(), AuditEntry.objects.count()) == counts
    assert set(Partnership.objects.values_list("slug", flat=True)) == {"chorley", "herefordshire"}


def test_it_serves_with_gunicorn(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path) -> None:
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "collected.txt").write_text("already collected")
    calls: list[list[str]] = []
    monkeypatch.setattr(demo_module, "database_not_set_up", lambda: False)
    monkeypatch.setattr(demo_module.os, "execv", lambda exe, argv: calls.append(argv))
    result = run("serve", "--port", "8012", "--workers", "3")
    assert result.exit_code == 0, result.output
    (argv,) = calls
    assert argv[1:4] == ["-m", "gunicorn", "config.wsgi:application"]
    assert "127.0.0.1:8012" in argv and "3" in argv


def test_it_refuses_a_port_out_of_range() -> None:
    result = run("serve", "--port", "70000")
    assert result.exit_code != 0


@pytest.mark.django_db
def test_it_creates_a_person_with_a_role(world: Any) -> None:
    result = run(
        "createuser",
        "new-officer",
        "--organisation",
        "own-council",
        "--partnership",
        "own",
        "--role",
        "contributor",
        "--role-title",
        "Project Officer",
        "--password",
        "a-long-demo-phrase-9",
    )
    assert result.exit_code == 0, result.output
    person = User.objects.get(username="new-officer")
    assert person.role_title == "Project Officer"
    assert person.check_password("a-long-demo-phrase-9")
    grant = PartnershipRole.objects.get(user=person)
    assert (grant.partnership.slug, grant.role) == ("own", "contributor")
    entries = AuditEntry.objects.filter(reason__contains="joinedup createuser")
    assert entries.count() == 2
    assert {e.actor_repr for e in entries} == {"system"}


@pytest.mark.django_db
def test_it_creates_a_person_who_cannot_sign_in_yet(world: Any) -> None:
    result = run("createuser", "chair", "--organisation", "own-nhs")
    assert result.exit_code == 0, result.output
    assert "cannot sign in" in result.stdout
    assert not User.objects.get(username="chair").has_usable_password()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        # Bad usage or an unknown record: 2. Understood but refused: 1 (joinedup/cli/errors.py).
        (["--organisation", "nowhere"], "No organisation with slug 'nowhere'", 2),
        (["--organisation", "own-council", "--role", "viewer"], "--partnership and --role", 2),
        (["--organisation", "own-council", "--partnership", "own"], "--partnership and --role", 2),
        (
            ["--organisation", "own-council", "--partnership", "own", "--role", "king"],
            "Unknown role 'king'",
            2,
        ),
        (
            ["--organisation", "own-council", "--partnership", "nope", "--role", "viewer"],
            "No partnership with slug 'nope'",
            2,
        ),
        (
            ["--organisation", "own-council", "--partnership", "other", "--role", "viewer"],
            "Own Council is not a partner of Other Partnership",
            1,
        ),
        (["--organisation", "own-council", "--password", "short"], "Password:", 1),
    ],
)
def test_it_explains_why_it_cannot_create_a_person(
    world: Any, args: list[str], message: str, code: int
) -> None:
    result = run("createuser", "someone", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert not User.objects.filter(username="someone").exists()


@pytest.mark.django_db
def test_it_refuses_a_username_that_is_taken(world: Any) -> None:
    result = run("createuser", "po", "--organisation", "own-council")
    assert result.exit_code == 1
    assert "already exists" in result.stderr


@pytest.mark.django_db
def test_it_prints_a_new_token_once(world: Any) -> None:
    result = run("token", "viewer", "--name", "reporting")
    assert result.exit_code == 0, result.output
    raw = result.stdout.strip()
    assert ApiToken.authenticate(raw) == world["viewer"]
    token = ApiToken.objects.get(user=world["viewer"])
    assert token.name == "reporting"
    assert raw not in str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert token.key_hash not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


@pytest.mark.django_db
def test_it_refuses_a_token_for_an_unknown_or_deactivated_person(world: Any) -> None:
    unknown = run("token", "nobody")
    assert unknown.exit_code == 2
    assert "No person with username 'nobody'" in unknown.stderr
    viewer = world["viewer"]
    viewer.is_active = False
    viewer.save()
    deactivated = run("token", "viewer")
    assert deactivated.exit_code == 1
    assert "deactivated" in deactivated.stderr
    assert not ApiToken.objects.exists()
