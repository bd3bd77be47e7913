"""`joinedup serve` runs with debug off (config.settings.serve) unless `--debug` is given."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from joinedup.cli import demo as demo_module
from joinedup.cli.main import _register_commands, app

_register_commands()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> list[str]:
    """Runs `serve` up to the exec of gunicorn; gives the settings module gunicorn would load."""
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "collected.txt").write_text("already collected")
    # serve sets the variable for gunicorn: monkeypatch restores it after the test.
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", os.environ["DJANGO_SETTINGS_MODULE"])
    monkeypatch.setattr(demo_module, "database_not_set_up", lambda: False)
    modules: list[str] = []
    monkeypatch.setattr(
        demo_module.os,
        "execv",
        lambda exe, argv: modules.append(os.environ["DJANGO_SETTINGS_MODULE"]),
    )
    return modules


def _serve(*args: str) -> Any:
    result = CliRunner().invoke(app, ["serve", *args])
    assert result.exit_code == 0, result.output
    return result


def test_it_serves_with_debug_off_by_default(
    served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `joinedup` itself sets when the environment names no settings.
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.local")

    result = _serve()

    assert served == ["config.settings.serve"]
    assert "debug" not in result.stdout


def test_it_serves_with_debug_on_only_when_asked(
    served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.local")

    result = _serve("--debug")

    assert served == ["config.settings.local"]
    assert "with debug on" in result.stdout


def test_it_keeps_settings_chosen_in_the_environment(
    served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.production")

    _serve()

    assert served == ["config.settings.production"]


def test_the_settings_it_serves_with_have_debug_off() -> None:
    serve_settings = importlib.import_module("config.settings.serve")
    local_settings = importlib.import_module("config.settings.local")

    assert serve_settings.DEBUG is False and local_settings.DEBUG is True
    # Runnable on localhost over plain HTTP, unlike production's.
    assert not getattr(serve_settings, "SESSION_COOKIE_SECURE", False)
    assert not getattr(serve_settings, "SECURE_SSL_REDIRECT", False)


def test_gunicorn_without_a_settings_variable_runs_with_debug_off(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["JOINEDUP_VAR_DIR"] = str(tmp_path)
    code = "import config.wsgi; from django.conf import settings; print(settings.DEBUG)"

    shown = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert shown.stdout.strip() == "False"


def test_it_refuses_to_serve_an_unmigrated_database_in_one_line(
    served: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_module, "database_not_set_up", lambda: True)
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 1
    assert "the database is not set up" in result.output
    assert "manage migrate" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert served == []
