"""Who is a person of a partnership, for every id that names one (joinedup/accounts/lookups.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.accounts.lookups import (
    people_of_partnership,
    people_or_error,
    person_in_partnership,
    person_or_error,
)
from joinedup.accounts.tests.factories import (
    OrganisationFactory,
    PartnershipRoleFactory,
    UserFactory,
)
from joinedup.partnerships.tests.factories import BodyFactory, BodyMembershipFactory

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def unaffiliated(db: None) -> Any:
    """An organisation that is a partner of no partnership."""
    return OrganisationFactory(slug="consultancy", name="A Consultancy")


def test_it_finds_people_with_a_role_or_a_seat_here_or_working_for_a_partner(
    world: Any, unaffiliated: Any
) -> None:
    with_role = UserFactory(organisation=unaffiliated, role_title="Seconded Adviser")
    PartnershipRoleFactory(user=with_role, partnership=world.own, organisation=world.council)
    seated = UserFactory(organisation=unaffiliated, role_title="Independent Chair")
    BodyMembershipFactory(body=BodyFactory(partnership=world.own), person=seated)
    staff = UserFactory(organisation=world.nhs, role_title="Trust Director")

    for person in (with_role, seated, staff, world["viewer"]):
        assert person_in_partnership(world.own, person.pk) == person, person
    assert set(people_of_partnership(world.own)) >= {with_role, seated, staff}


def test_it_does_not_find_people_of_another_partnership(world: Any) -> None:
    outsider = world["outsider"]

    assert person_in_partnership(world.own, outsider.pk) is None
    assert outsider not in people_of_partnership(world.own)
    assert person_in_partnership(world.other, outsider.pk) == outsider


def test_it_does_not_find_people_whose_role_or_seat_here_has_ended(
    world: Any, unaffiliated: Any
) -> None:
    former = UserFactory(organisation=unaffiliated, role_title="Former Adviser")
    PartnershipRoleFactory(
        user=former, partnership=world.own, organisation=world.council, end_date=YESTERDAY
    )
    BodyMembershipFactory(
        body=BodyFactory(partnership=world.own), person=former, end_date=YESTERDAY
    )

    assert person_in_partnership(world.own, former.pk) is None


@pytest.mark.parametrize("pk", ["outsider", 987654321, "abc", None])
def test_it_refuses_an_outsider_as_it_refuses_nobody(world: Any, pk: Any) -> None:
    if pk == "outsider":
        pk = world["outsider"].pk
    if pk is None:
        assert person_or_error(world.own, pk, field="owner") is None
        return
    with pytest.raises(ValidationError) as refused:
        person_or_error(world.own, pk, field="owner")

    assert refused.value.message_dict == {"owner": ["There is no such person in this partnership."]}


def test_it_refuses_a_list_that_names_an_outsider(world: Any) -> None:
    ours = world["board_member"]

    with pytest.raises(ValidationError):
        people_or_error(world.own, [ours.pk, world["outsider"].pk], field="reviewed_by")
    assert people_or_error(world.own, [ours.pk], field="reviewed_by") == [ours]
