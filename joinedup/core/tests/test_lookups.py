"""The machinery of partnership-scoped lookups (joinedup/core/lookups.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.core.lookups import (
    check_in_partnership,
    no_such,
    refuse,
    scoped_all_or_error,
    scoped_or_error,
    scoped_or_none,
)
from joinedup.partnerships.models import Body
from joinedup.partnerships.tests.factories import BodyFactory


@pytest.fixture
def bodies(world: Any) -> dict[str, Any]:
    return {
        "ours": BodyFactory(partnership=world.own, slug="our-board", name="Our Board"),
        "exempt": BodyFactory(
            partnership=world.own,
            slug="our-exempt-group",
            name="Our Exempt Group",
            confidentiality="exempt",
            exempt_paragraph=4,
        ),
        "theirs": BodyFactory(partnership=world.other, slug="their-board", name="Their Board"),
    }


def test_it_finds_a_record_of_the_partnership(world: Any, bodies: dict[str, Any]) -> None:
    found = scoped_or_none(Body.objects.all(), world.own, slug="our-board")

    assert found == bodies["ours"]


@pytest.mark.parametrize(
    "key",
    [
        {"slug": "their-board"},  # another partnership's
        {"slug": "no-such-board"},  # nobody's
        {"pk": "not-a-number"},  # malformed
        {"pk": 10**30},  # too large for the database
        {"slug": None},  # not given
    ],
)
def test_it_finds_nothing_for_a_key_of_another_partnership_or_of_nothing(
    world: Any, bodies: dict[str, Any], key: dict[str, Any]
) -> None:
    assert scoped_or_none(Body.objects.all(), world.own, **key) is None


def test_it_finds_nothing_the_user_may_not_see(world: Any, bodies: dict[str, Any]) -> None:
    viewer, officer = world["viewer"], world["programme_officer"]

    assert (
        scoped_or_none(Body.objects.all(), world.own, user=viewer, slug="our-exempt-group") is None
    )
    assert scoped_or_none(Body.objects.all(), world.own, user=officer, slug="our-exempt-group")


def test_it_answers_a_foreign_key_exactly_as_a_missing_one(
    world: Any, bodies: dict[str, Any]
) -> None:
    answers = []
    for slug in ("their-board", "no-such-board"):
        with pytest.raises(ValidationError) as refused:
            scoped_or_error(Body.objects.all(), world.own, field="body", noun="body", slug=slug)
        answers.append(refused.value.message_dict)

    assert answers[0] == answers[1] == {"body": ["There is no such body in this partnership."]}


def test_it_leaves_an_id_not_given_as_none(world: Any) -> None:
    found = scoped_or_error(Body.objects.all(), world.own, field="body", noun="body", slug=None)

    assert found is None


def test_it_resolves_a_list_only_when_every_key_is_of_the_partnership(
    world: Any, bodies: dict[str, Any]
) -> None:
    ours, theirs = bodies["ours"], bodies["theirs"]
    qs = Body.objects.all()

    found = scoped_all_or_error(qs, world.own, [ours.pk, str(ours.pk)], field="b", noun="body")
    with pytest.raises(ValidationError) as refused:
        scoped_all_or_error(qs, world.own, [ours.pk, theirs.pk], field="b", noun="body")

    assert found == [ours]
    assert refused.value.message_dict == {"b": [no_such("body")]}
    assert scoped_all_or_error(qs, world.own, None, field="b", noun="body") is None


def test_a_service_check_refuses_with_the_lookups_message_once() -> None:
    errors: dict[str, list[str]] = {}
    check_in_partnership(errors, "person", "person", ok=True)
    assert errors == {}

    check_in_partnership(errors, "person", "person", ok=False)
    check_in_partnership(errors, "person", "person", ok=False)
    with pytest.raises(ValidationError) as refused:
        refuse(errors)

    assert refused.value.message_dict == {"person": [no_such("person")]}
