"""What an installed copy needs is inside the package, and what it writes is outside it.

A wheel carries only the `joinedup` and `config` packages: reference data at the top of the
checkout was left behind (`FileNotFoundError: site-packages/reference_data/...`), the stylesheet
lived in var/build/, and the database went to site-packages/var/. scripts/wheel-check tries a real
install in CI; these tests keep the layout that it relies on.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import platformdirs
import pytest
from django.conf import settings

import joinedup
from config.settings import base
from joinedup.core.calendar.calendars import RULES_FILE
from joinedup.programme.status import VOCABULARY_FILE
from joinedup.risks.matrices import MATRIX_DIR, all_matrices

PACKAGE = Path(joinedup.__file__).resolve().parent


def test_it_reads_reference_data_from_inside_the_package() -> None:
    for path in (RULES_FILE, VOCABULARY_FILE, MATRIX_DIR):
        assert path.resolve().is_relative_to(PACKAGE), path
        assert path.exists(), path
    assert {slug for slug, _ in all_matrices()} >= {"npsa-5x5", "simple-4x4"}


def test_it_declares_the_reference_data_and_static_files_as_package_data() -> None:
    pyproject = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    package_data = pyproject["tool"]["setuptools"]["package-data"]["joinedup"]
    assert "reference_data/**/*.yaml" in package_data
    assert "static/**/*" in package_data
    assert any(d.startswith("pypdf") for d in pyproject["project"]["dependencies"])


def test_it_serves_static_files_only_from_inside_the_package() -> None:
    for directory in settings.STATICFILES_DIRS:
        assert Path(directory).resolve().is_relative_to(PACKAGE), directory


@pytest.fixture
def no_var_dir_setting(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv("JOINEDUP_VAR_DIR", raising=False)
    return monkeypatch


def test_an_installed_copy_keeps_its_files_in_the_users_data_folder(
    no_var_dir_setting: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Installed: settings live in site-packages/config/, with no manage.py beside them.
    no_var_dir_setting.setattr(base, "BASE_DIR", tmp_path / "site-packages")

    var = base._var_dir()

    assert var == platformdirs.user_data_path("joinedup", appauthor=False)
    assert not var.is_relative_to(tmp_path)


def test_a_checkout_keeps_its_var_folder(
    no_var_dir_setting: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "manage.py").write_text("")
    no_var_dir_setting.setattr(base, "BASE_DIR", tmp_path)

    assert base._var_dir() == tmp_path / "var"


def test_joinedup_var_dir_wins(no_var_dir_setting: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_var_dir_setting.setenv("JOINEDUP_VAR_DIR", str(tmp_path / "data"))

    assert base._var_dir() == tmp_path / "data"
