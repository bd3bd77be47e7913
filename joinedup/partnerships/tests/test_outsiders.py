"""People, organisations and seats of another partnership named in governance writes: refused
as unknown ones, never named (joinedup/core/lookups.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.core.models import AuditEntry
from joinedup.partnerships import services
from joinedup.partnerships.models import BodyMembership
from joinedup.partnerships.tests.factories import BodyFactory, BodyMembershipFactory


@pytest.fixture
def board(world: Any) -> Any:
    return BodyFactory(partnership=world.own, name="Partnership Board", slug="own-board")


def test_no_seat_goes_to_a_person_of_another_partnership(world: Any, board: Any) -> None:
    outsider = world["outsider"]

    with pytest.raises(ValidationError) as refused:
        services.body_membership_create(
            actor=world["programme_officer"], body=board, person=outsider
        )

    assert refused.value.message_dict == {
        "person": ["There is no such person in this partnership."]
    }
    assert not BodyMembership.objects.filter(person=outsider).exists()


@pytest.mark.parametrize("field", ["representing", "deputy_for"])
def test_a_seat_names_no_organisation_or_seat_of_another_partnership(
    world: Any, board: Any, field: str
) -> None:
    outsider = world["outsider"]
    theirs = {
        "representing": outsider.organisation,
        "deputy_for": BodyMembershipFactory(
            body=BodyFactory(partnership=world.other), person=outsider
        ),
    }
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.body_membership_create(
            actor=world["programme_officer"],
            body=board,
            person=world["viewer"],
            role="deputy",
            **{field: theirs[field]},
        )

    assert list(refused.value.message_dict) == [field]
    assert str(theirs[field]) not in str(refused.value.message_dict)
    assert AuditEntry.objects.count() == before


def test_a_body_is_owned_by_no_organisation_of_another_partnership(world: Any) -> None:
    elsewhere = world["outsider"].organisation

    with pytest.raises(ValidationError) as refused:
        services.body_create(
            actor=world["programme_officer"],
            partnership=world.own,
            name="Joint Board",
            kind="board",
            owner_organisation=elsewhere,
        )

    assert refused.value.message_dict["owner_organisation"] == [
        "There is no such partner organisation in this partnership."
    ]
    assert elsewhere.name not in str(refused.value.message_dict)
