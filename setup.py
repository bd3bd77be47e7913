"""One packaging step on top of pyproject.toml: a wheel carries the built front-end files.

The stylesheet is compiled from GOV.UK Frontend's Sass and the scripts come from npm, so they
are built here, when a wheel is made (`pip wheel .`, `pip install .`, `python -m build`), by
scripts/build-assets into joinedup/static/, which the package data takes in. An installed copy
then serves styled pages with no Node at run time. Node is needed only to build: from a source
checkout the assets are always rebuilt; an sdist that already holds them is used as it is.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
STATIC = ROOT / "joinedup" / "static"
BUILD_SCRIPT = ROOT / "scripts" / "build-assets"
# Every file the pages load (joinedup/templates/base.html and the stylesheet's imports).
REQUIRED = (
    "build/joinedup.css",
    "build/init.js",
    "build/js-enabled.js",
    "govuk/govuk-frontend.min.js",
    "htmx/htmx.min.js",
)


def _missing() -> list[str]:
    return [name for name in REQUIRED if not (STATIC / name).is_file()]


def build_assets() -> None:
    """Run scripts/build-assets where it can run; otherwise insist the files are already here."""
    in_checkout = (ROOT / "node_modules").is_dir() or (ROOT / ".git").exists()
    if BUILD_SCRIPT.is_file() and shutil.which("npm") and (in_checkout or _missing()):
        subprocess.run([str(BUILD_SCRIPT)], cwd=ROOT, check=True)  # noqa: S603
    missing = _missing()
    if missing:
        raise SystemExit(
            "joinedup: the front-end files are not built and cannot be built here "
            f"(missing in joinedup/static/: {', '.join(missing)}). Install Node.js and npm, "
            "or run scripts/build-assets, then build again."
        )


class BuildPyWithAssets(build_py):
    """build_py that first builds the front-end files, so the package data includes them."""

    def run(self) -> None:
        # An editable install uses the checkout's own joinedup/static/ (scripts/build-assets).
        if not getattr(self, "editable_mode", False):
            build_assets()
            # The list of data files may have been worked out before they existed.
            self.__dict__.pop("data_files", None)
        super().run()


setup(cmdclass={"build_py": BuildPyWithAssets})
