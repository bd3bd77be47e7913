"""One exit-status convention for every command, and one line for a database not set up.

1: refused (understood, not carried out); 2: bad usage or an unknown record. Unknown plans used to
exit 1 and unknown bodies 2; a command on an unmigrated database printed a Django traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from typer.testing import CliRunner

from joinedup.cli import errors
from joinedup.cli.main import _register_commands, app

_register_commands()
runner = CliRunner()

UNKNOWN_RECORDS = [
    ["report", "progress", "--plan", "nope", "--format", "html", "--out", "x.html"],
    ["export", "actions", "--plan", "nope", "--out", "x.xlsx"],
    ["programme", "remind", "--plan", "nope"],
    ["meeting", "pack", "--body", "nope", "--date", "2026-01-06", "--out", "x.pdf"],
    ["meetings", "ical", "--body", "nope"],
    ["report", "risks", "--register", "nope", "--out", "x.docx", "--as", "po"],
    ["token", "nobody"],
    ["deadline", "no-such-rule", "2026-01-05"],
    ["risk", "score", "4", "5", "--matrix", "nope"],
    ["list", "bodies", "--partnership", "nope"],
    ["createuser", "someone", "--organisation", "nowhere"],
]


@pytest.mark.django_db
@pytest.mark.parametrize("args", UNKNOWN_RECORDS, ids=lambda a: " ".join(a[:2]))
def test_it_exits_2_for_any_unknown_record(
    world: Any, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)

    assert result.exit_code == errors.EXIT_USAGE, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert not list(tmp_path.iterdir())


@pytest.mark.django_db
def test_it_exits_1_when_it_refuses_what_it_understood(world: Any) -> None:
    taken = runner.invoke(app, ["createuser", "po", "--organisation", "own-council"])
    world["viewer"].is_active = False
    world["viewer"].save()
    deactivated = runner.invoke(app, ["token", "viewer"])

    assert taken.exit_code == deactivated.exit_code == errors.EXIT_REFUSED


def test_it_states_the_convention_in_its_help() -> None:
    shown = runner.invoke(app, ["--help"]).stdout

    assert "Exit status: 0 done; 1 refused" in " ".join(shown.split())
    assert "2 bad usage or an unknown record" in " ".join(shown.split())
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert "`1`" in readme and "`2`" in readme and "exit status" in readme.lower()


def test_it_names_the_joinedup_the_shell_would_run(monkeypatch: pytest.MonkeyPatch) -> None:
    script = Path(sys.executable).with_name("joinedup")
    if not script.is_file():
        pytest.skip("not run from an environment with the joinedup command installed")
    monkeypatch.setenv("PATH", os.pathsep.join([str(script.parent), "/usr/bin", "/bin"]))
    assert errors.joinedup_command() == "joinedup"

    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    named = errors.joinedup_command()
    assert named != "joinedup" and Path(named).resolve() == script.resolve()


def _run_on_fresh_database(env: dict[str, str], tmp_path: Path, *args: str) -> Any:
    env = {**env, "JOINEDUP_VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    return subprocess.run(
        [sys.executable, "-m", "joinedup.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=False,
    )


def _assert_one_line_naming_migrate(result: Any) -> None:
    assert result.returncode == errors.EXIT_REFUSED, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: the database is not set up: run `")
    assert "manage migrate`" in result.stderr


def test_it_says_in_one_line_that_an_unmigrated_database_needs_migrate(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}

    for args in (("deadline", "foi", "2025-01-06"), ("list", "partnerships")):
        _assert_one_line_naming_migrate(_run_on_fresh_database(env, tmp_path, *args))


@pytest.mark.django_db
def test_it_says_the_same_on_an_empty_postgresql_database(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL=postgres://...)")
    import psycopg

    name = f"joinedup_unmigrated_{uuid.uuid4().hex[:8]}"
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {**os.environ, "DATABASE_URL": f"{base}/{name}"}
        _assert_one_line_naming_migrate(
            _run_on_fresh_database(env, tmp_path, "deadline", "foi", "2025-01-06")
        )
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
