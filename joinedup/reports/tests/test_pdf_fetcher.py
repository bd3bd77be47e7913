"""The one HTML → PDF renderer loads the project's own static files and nothing else."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from joinedup.reports.pdf import FetchRefused, StaticOnlyFetcher, html_to_pdf
from tests.security import hostile_files as hostile


@pytest.fixture
def static_root(settings: Any, tmp_path: Path) -> Path:
    """A STATIC_ROOT holding one real image, with a secret file beside it (outside)."""
    root = tmp_path / "static"
    (root / "img").mkdir(parents=True)
    (root / "img" / "dot.png").write_bytes(hostile.png())
    (tmp_path / "secret.txt").write_text("not for PDFs")
    settings.STATIC_ROOT = root
    return root


def test_it_serves_a_file_inside_the_static_root(static_root: Path) -> None:
    url = (static_root / "img" / "dot.png").as_uri()

    response = StaticOnlyFetcher().fetch(url)

    assert response.read() == hostile.png()
    assert response.content_type == "image/png"


def test_it_serves_a_static_file_that_a_finder_finds(
    static_root: Path, settings: Any, tmp_path: Path
) -> None:
    from django.contrib.staticfiles import finders

    extra = tmp_path / "assets"
    extra.mkdir()
    (extra / "crest.png").write_bytes(hostile.png())
    settings.STATICFILES_DIRS = [("extra", extra)]
    found = finders.find("extra/crest.png")

    assert found is not None
    assert StaticOnlyFetcher().fetch(Path(found).as_uri()).read() == hostile.png()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "https://example.org/style.css",
        "http://169.254.169.254/latest/meta-data",
        "ftp://example.org/x.png",
        "file:///etc/passwd",
        "data:text/css,body{background:url(http://127.0.0.1:9/y)}",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_it_refuses_anything_but_a_static_file(url: str, static_root: Path, caplog: Any) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="joinedup.reports.pdf"),
        pytest.raises(FetchRefused),
    ):
        StaticOnlyFetcher().fetch(url)

    assert "refused to fetch" in caplog.text


def test_it_refuses_a_path_that_climbs_out_of_the_static_root(static_root: Path) -> None:
    climbing = static_root.as_uri() + "/img/../../secret.txt"

    with pytest.raises(FetchRefused):
        StaticOnlyFetcher().fetch(climbing)


def test_it_refuses_a_link_inside_the_static_root_that_points_outside(static_root: Path) -> None:
    link = static_root / "img" / "innocent.png"
    os.symlink(static_root.parent / "secret.txt", link)

    with pytest.raises(FetchRefused):
        StaticOnlyFetcher().fetch(link.as_uri())


def test_it_refuses_a_file_url_naming_another_host(static_root: Path) -> None:
    path = (static_root / "img" / "dot.png").as_posix()

    with pytest.raises(FetchRefused):
        StaticOnlyFetcher().fetch(f"file://attacker.example{path}")


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_draws_a_static_image_and_leaves_out_every_other(
    static_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    fetch = StaticOnlyFetcher.fetch

    def spy(self: StaticOnlyFetcher, url: str, headers: Any = None) -> Any:
        asked.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    own = (static_root / "img" / "dot.png").as_uri()

    with_own = html_to_pdf(f'<img src="{own}" width="20" height="20">')
    with_others = html_to_pdf(
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/s.css">'
    )

    assert _images(with_own) == 1
    assert _images(with_others) == 0
    assert own in asked and "file:///etc/passwd" in asked
