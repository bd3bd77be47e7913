"""T9 (interests, declarations, dispensations, gifts) and recorded votes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from joinedup.meetings import interests, selectors, services
from joinedup.meetings.models import Declaration, Dispensation, InterestScheme, Vote
from joinedup.meetings.selectors import interests as selectors_interests
from joinedup.meetings.tests.conftest import at, present

D = dt.date


def test_it_treats_securities_over_25000_as_a_dpi_t9():
    assert interests.securities_is_dpi(nominal_value=Decimal("30000"))
    assert not interests.securities_is_dpi(
        nominal_value=Decimal("20000"), share_of_issued_capital=Decimal("0.005")
    )
    assert interests.securities_is_dpi(
        nominal_value=Decimal("20000"), share_of_issued_capital=Decimal("0.02")
    )
    assert not interests.securities_is_dpi(nominal_value=Decimal("25000"))


@pytest.fixture
def feb_item(world, committee):
    po = world["programme_officer"]
    meeting = services.meeting_create(
        actor=po, body=committee, start=at(D(2026, 2, 10)), venue="Shire Hall"
    )
    present(world, meeting, "board_member", "contributor", "viewer")
    return services.agenda_item_create(
        actor=po, meeting=meeting, title="Lease of land to Acme Holdings", added_on=D(2026, 1, 5)
    )


def test_it_refuses_remaining_in_the_room_with_a_dpi(world, feb_item):
    with pytest.raises(ValidationError) as error:
        services.declaration_record(
            actor=world["programme_officer"],
            item=feb_item,
            person=world["contributor"],
            interest_type="dpi",
            action="remained",
        )
    assert "action" in error.value.message_dict
    assert not Declaration.objects.exists()


def test_it_does_not_count_the_vote_of_an_unregistered_dpi_t9(world, feb_item):
    declaration = services.declaration_record(
        actor=world["programme_officer"],
        item=feb_item,
        person=world["contributor"],
        interest_type="dpi",
        action="left_room",
        description="Shares in Acme Holdings, nominal value £30,000",
    )
    assert selectors.declaration_vote_counted(declaration) is False
    assert selectors.declaration_notify_due(declaration) == D(2026, 3, 10)


def test_it_refuses_a_vote_by_a_member_with_an_undispensed_dpi(world, feb_item):
    po = world["programme_officer"]
    services.declaration_record(
        actor=po,
        item=feb_item,
        person=world["contributor"],
        interest_type="dpi",
        action="did_not_vote",
    )
    with pytest.raises(ValidationError) as error:
        services.vote_record(actor=po, item=feb_item, person=world["contributor"], choice="for")
    assert "person" in error.value.message_dict
    assert not Vote.objects.exists()


def _dispensation(world, **dates):
    values = {"granted_on": D(2025, 6, 1), "valid_from": D(2025, 6, 1), "valid_to": D(2027, 5, 31)}
    values.update(dates)
    return services.dispensation_grant(
        actor=world["programme_officer"],
        partnership=world.own,
        person=world["contributor"],
        organisation=world.council,
        scope="Matters concerning Acme Holdings",
        **values,
    )


def test_it_counts_the_vote_with_a_valid_dispensation_t9(world, feb_item):
    dispensation = _dispensation(world)
    declaration = services.declaration_record(
        actor=world["programme_officer"],
        item=feb_item,
        person=world["contributor"],
        interest_type="dpi",
        action="dispensation",
        dispensation=dispensation,
    )
    assert selectors.declaration_vote_counted(declaration) is True
    vote = services.vote_record(
        actor=world["programme_officer"], item=feb_item, person=world["contributor"], choice="for"
    )
    assert vote.pk


def test_it_refuses_a_dispensation_over_four_years(world):
    with pytest.raises(ValidationError) as error:
        _dispensation(world, valid_to=D(2029, 6, 1))
    assert "valid_to" in error.value.message_dict
    assert not Dispensation.objects.exists()
    assert _dispensation(world, valid_to=D(2029, 5, 31)).pk


def test_it_refuses_a_dispensation_that_has_expired_by_the_meeting(world, feb_item):
    expired = _dispensation(world, valid_from=D(2024, 1, 1), valid_to=D(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.declaration_record(
            actor=world["programme_officer"],
            item=feb_item,
            person=world["contributor"],
            interest_type="dpi",
            action="dispensation",
            dispensation=expired,
        )
    assert "dispensation" in error.value.message_dict


def _gift(world, value):
    return services.gift_record(
        actor=world["programme_officer"],
        partnership=world.own,
        person=world["board_member"],
        organisation=world.council,
        received_on=D(2026, 3, 1),
        donor="A supplier",
        description="Dinner",
        estimated_value=Decimal(value),
    )


def test_it_gives_the_gift_registration_date_t9(world):
    assert selectors.gift_registration(_gift(world, "60")) == (True, D(2026, 3, 29))


def test_it_uses_the_50_pound_default_and_a_configured_threshold_t9(world):
    gift = _gift(world, "40")
    assert selectors.gift_registration(gift) == (False, None)
    InterestScheme.objects.create(organisation=world.council, gift_threshold=Decimal("25"))
    assert selectors.gift_registration(gift) == (True, D(2026, 3, 29))


def test_it_prompts_declarations_from_the_register(world, feb_item):
    po = world["programme_officer"]
    services.register_entry_create(
        actor=po,
        partnership=world.own,
        person=world["contributor"],
        organisation=world.council,
        category="dpi",
        dpi_kind="securities",
        subject="Acme Holdings",
    )
    services.attendance_record(actor=po, meeting=feb_item.meeting, person=world["contributor"])
    prompts = selectors_interests.register_prompts(feb_item)
    assert [p.subject for p in prompts] == ["Acme Holdings"]
    declaration = services.declaration_record(
        actor=po,
        item=feb_item,
        person=world["contributor"],
        interest_type="dpi",
        action="left_room",
        register_entry=prompts[0],
    )
    assert selectors.declaration_notify_due(declaration) is None


def test_it_refuses_declarations_from_people_who_may_not_edit(world, feb_item):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.declaration_record(
            actor=world["viewer"],
            item=feb_item,
            person=world["contributor"],
            interest_type="ori",
            action="spoke_only",
        )
