"""Leaks the isolation matrix found, each pinned down by one small test.

The matrices (test_pages_matrix.py, test_api_matrix.py) report these too, among many cells;
these tests name the record that leaks and where, so a fix can be checked on its own.
"""

from __future__ import annotations

from django.test import Client

from conftest import World
from joinedup.accounts.models import ApiToken
from tests.isolation import policy
from tests.isolation.matrix import RecordSet


def _client(world: World, persona: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world[persona])
    return client


def test_the_register_review_form_offers_only_bodies_the_user_may_see(
    world: World, record_sets: dict[str, RecordSet]
) -> None:
    """joinedup/risks/forms.py RegisterReviewForm: the "Body that met" choices are every body
    of the partnership, so a board member sees the names of restricted bodies."""
    register = record_sets["public"]["register"]
    hidden_body = record_sets["restricted"]["body"]

    response = _client(world, policy.BOARD).get(f"/p/own/risks/{register.slug}/review/")

    assert response.status_code == 200
    assert hidden_body.name not in response.content.decode()


def test_a_visible_minute_lists_only_the_actions_arising_the_user_may_see(
    world: World, record_sets: dict[str, RecordSet]
) -> None:
    """joinedup/templates/meetings/item_detail.html and minutes_detail.html (`minute.actions.all`,
    `entry.actions.all`) and joinedup/meetings/api/schemas/meetings.py MinuteOut.resolve_actions
    list every action arising of a minute, whatever its own level."""
    public = record_sets["public"]
    hidden = "Qx-exempt-own nested action arising from the public minute"
    meeting, item = public["meeting"], public["agenda_item"]
    viewer = _client(world, policy.VIEWER)
    _, token = ApiToken.issue(user=world[policy.VIEWER], name="leak")
    api = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})

    answers = {
        "item page": viewer.get(f"/p/own/meetings/{meeting.pk}/items/{item.pk}/"),
        "minutes page": viewer.get(f"/p/own/meetings/{meeting.pk}/minutes/"),
        "API minutes": api.get(f"/api/v1/partnerships/own/meetings/{meeting.pk}/minutes"),
    }

    shown = [name for name, r in answers.items() if hidden in r.content.decode()]
    assert all(r.status_code == 200 for r in answers.values())
    assert not shown, f"an exempt action arising is shown to a viewer on: {shown}"
