"""Error pages speak plainly and never confirm that a hidden record exists."""

from __future__ import annotations

from typing import Any

from conftest import World


def test_it_shows_a_plain_page_not_found(client_for: Any, world: World) -> None:
    response = client_for("outsider").get("/p/own/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Own Partnership" not in response.content.decode()


def test_it_explains_a_refused_change(client_for: Any, world: World) -> None:
    from joinedup.partnerships.tests.factories import BodyFactory

    body = BodyFactory(partnership=world.own)
    response = client_for("viewer").get(f"/p/own/bodies/{body.slug}/edit/")
    assert response.status_code == 403
    assert "You cannot make this change" in response.content.decode()


def _handlers_writing(record: Any) -> list[Any]:
    """The handlers a record reaches, as Logger.callHandlers walks them (pytest's own aside)."""
    import logging

    logger: Any = logging.getLogger(record.name)
    found = []
    while logger is not None:
        found += [
            h
            for h in logger.handlers
            if not type(h).__module__.startswith("_pytest")
            and record.levelno >= h.level
            and h.filter(record)
        ]
        logger = logger.parent if logger.propagate else None
    return found


def test_it_logs_a_refusal_or_a_hidden_record_in_one_line_once(
    client_for: Any, world: World, settings: Any, caplog: Any
) -> None:
    import logging

    from joinedup.partnerships.tests.factories import BodyFactory

    settings.DEBUG = True  # as `joinedup serve --debug` runs: Django's own console handler on
    body = BodyFactory(partnership=world.own)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_for("viewer").get(f"/p/own/bodies/{body.slug}/edit/").status_code == 403
        assert client_for("outsider").get("/p/own/").status_code == 404
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in records] == [
        f"Forbidden (Permission denied): /p/own/bodies/{body.slug}/edit/",
        "Not Found: /p/own/",
    ]
    assert all(r.exc_info is None and r.exc_text is None for r in records)
    assert "Traceback" not in caplog.text
    # Written once: by the root's console, not again by Django's debug console.
    assert all(len(_handlers_writing(r)) == 1 for r in records)


def test_it_still_logs_a_fault_with_its_traceback(caplog: Any) -> None:
    import logging
    import sys

    from joinedup.core.logs import OneLineClientErrors

    try:
        raise RuntimeError("a real fault")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: /",
            (),
            sys.exc_info(),
        )
    record.status_code = 500
    assert OneLineClientErrors().filter(record) and record.exc_info is not None
