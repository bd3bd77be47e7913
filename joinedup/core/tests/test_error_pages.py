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
