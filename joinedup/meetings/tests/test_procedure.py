"""Cross-organisation quorum, the chair's casting vote, the reconciliation of recorded votes,
dispensations revoked, decisions linked to work-programme actions, and archiving."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.audit import history_for
from joinedup.meetings import quorum, retention, selectors, services
from joinedup.meetings.models import Decision, Dispensation, Meeting, MinuteItem, Vote
from joinedup.meetings.tests.conftest import at, present
from joinedup.partnerships import services as partnership_services

D = dt.date


@pytest.fixture
def joint(world, committee):
    """The committee with an NHS seat, and terms needing one council and one NHS member."""
    po = world["programme_officer"]
    partnership_services.body_membership_create(
        actor=po, body=committee, person=world["partner_lead"], representing=world.nhs
    )
    tor = partnership_services.tor_version_create(
        actor=po, body=committee, quorum_fraction=Decimal("0.5"), quorum_minimum=2
    )
    partnership_services.tor_version_approve(
        actor=po, tor=tor, approved_on=D(2025, 1, 1), approved_by=committee
    )
    services.procedure_rules_set(
        actor=po,
        terms=tor,
        chair_casting_vote=True,
        quorum={world.council: 1, world.nhs: 1},
        reason="Joint committee terms",
    )
    return tor


def test_it_needs_a_member_of_each_named_organisation_for_quorum(world, joint, meeting, item):
    present(world, meeting, "board_member", "contributor", "viewer")
    result = selectors.meeting_quorum(meeting)
    assert result.present == 3 and result.required == 2 and not result.quorate
    assert "0 from Own NHS Trust, at least 1 needed" in result.explain()
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            actor=world["programme_officer"], item=item, title="Noted", text="(a) noted"
        )
    assert "Own NHS Trust" in error.value.message_dict["item"][0]
    assert not Decision.objects.exists()
    present(world, meeting, "partner_lead")
    assert selectors.meeting_quorum(meeting).quorate
    assert services.decision_record(
        actor=world["programme_officer"], item=item, title="Noted", text="(a) noted"
    ).pk


def test_it_counts_a_substitute_for_the_organisation_of_the_seat(world, joint, meeting):
    seat = joint.body.memberships.get(person=world["partner_lead"])
    present(world, meeting, "board_member")
    services.attendance_record(
        actor=world["programme_officer"], meeting=meeting, person=world["viewer"]
    )
    assert not selectors.meeting_quorum(meeting).quorate
    services.attendance_record(
        actor=world["programme_officer"],
        meeting=meeting,
        person=world["contributor"],
        substitute_for=seat,
    )
    # The contributor holds a council seat of their own; here they fill the NHS seat too.
    assert selectors.meeting_quorum(meeting).present >= 2


def test_it_refuses_a_quorum_of_an_organisation_outside_the_partnership(world, joint):
    from joinedup.accounts.tests.factories import OrganisationFactory

    with pytest.raises(ValidationError) as error:
        services.procedure_rules_set(
            actor=world["programme_officer"],
            terms=joint,
            chair_casting_vote=False,
            quorum={OrganisationFactory(name="Elsewhere"): 1},
        )
    message = error.value.message_dict["quorum"][0]
    assert message == "There is no such partner organisation in this partnership."
    assert "Elsewhere" not in message  # an outsider is never named
    assert joint.procedure.chair_casting_vote is True


def test_it_keeps_the_history_of_the_procedure_rules(world, joint):
    rules = joint.procedure
    services.procedure_rules_set(
        actor=world["programme_officer"], terms=joint, chair_casting_vote=False, quorum={}
    )
    rules.refresh_from_db()
    assert not rules.chair_casting_vote and not rules.quorum.exists()
    assert history_for(rules).count() == 2


@given(
    needed=st.dictionaries(st.sampled_from("ABC"), st.integers(1, 3), max_size=3),
    there=st.dictionaries(st.sampled_from("ABCD"), st.integers(0, 4), max_size=4),
)
def test_it_is_quorate_only_when_every_organisation_minimum_is_met(needed, there):
    total = sum(there.values())
    result = quorum.quorum_check(
        voting_members=12,
        present_voting=max(total, 1),
        fraction=Decimal("0"),
        minimum=0,
        organisation_minimums=needed,
        present_by_organisation=there,
    )
    assert result.quorate == all(there.get(org, 0) >= n for org, n in needed.items())
    assert {s.organisation for s in result.shortfalls} == {
        org for org, n in needed.items() if there.get(org, 0) < n
    }


def _vote(world, item, persona, choice):
    return services.vote_record(
        actor=world["programme_officer"], item=item, person=world[persona], choice=choice
    )


@pytest.fixture
def tied(world, joint, meeting, item):
    present(world, meeting, "board_member", "contributor", "viewer", "partner_lead")
    _vote(world, item, "board_member", "for")
    _vote(world, item, "contributor", "for")
    _vote(world, item, "viewer", "against")
    _vote(world, item, "partner_lead", "against")
    return item


def test_it_lets_the_chair_break_a_tie_with_a_casting_vote(world, tied):
    tally = selectors.vote_tally(tied)
    assert (tally.votes_for, tally.against, tally.tied, tally.carried) == (2, 2, True, False)
    services.vote_casting_record(
        actor=world["programme_officer"], item=tied, person=world["board_member"], choice="for"
    )
    assert selectors.vote_tally(tied).carried
    with pytest.raises(ValidationError) as error:
        services.vote_casting_record(
            actor=world["programme_officer"],
            item=tied,
            person=world["board_member"],
            choice="against",
        )
    assert "already recorded" in error.value.message_dict["casting"][0]


def test_it_refuses_a_casting_vote_by_a_member_who_does_not_chair(world, tied):
    with pytest.raises(ValidationError) as error:
        services.vote_casting_record(
            actor=world["programme_officer"], item=tied, person=world["viewer"], choice="for"
        )
    assert "does not chair" in error.value.message_dict["person"][0]
    assert not Vote.objects.filter(casting=True).exists()


def test_it_refuses_a_casting_vote_without_a_tie_or_without_the_power(world, tied, joint):
    _vote(world, tied, "partner_lead", "for")
    with pytest.raises(ValidationError) as error:
        services.vote_casting_record(
            actor=world["programme_officer"], item=tied, person=world["board_member"], choice="for"
        )
    assert "only for a tie" in error.value.message_dict["casting"][0]
    services.procedure_rules_set(
        actor=world["programme_officer"], terms=joint, chair_casting_vote=False, quorum={}
    )
    _vote(world, tied, "partner_lead", "against")
    with pytest.raises(ValidationError) as error:
        services.vote_casting_record(
            actor=world["programme_officer"], item=tied, person=world["board_member"], choice="for"
        )
    assert "no casting vote" in error.value.message_dict["casting"][0]


def test_it_leaves_a_dpi_members_vote_out_of_the_tally_t9(world, tied):
    # The vote was taken; then the DPI came to light and was declared with no dispensation.
    services.declaration_record(
        actor=world["programme_officer"],
        item=tied,
        person=world["viewer"],
        interest_type="dpi",
        action="did_not_vote",
    )
    tally = selectors.vote_tally(tied)
    assert (tally.votes_for, tally.against, tally.eligible, tally.carried) == (2, 1, 3, True)


def test_it_refuses_minute_votes_that_exceed_the_members_present(world, joint, meeting, item):
    present(world, meeting, "board_member", "contributor", "partner_lead")
    po = world["programme_officer"]
    with pytest.raises(ValidationError) as error:
        services.minute_record(actor=po, item=item, votes_for=2, votes_against=1, abstentions=1)
    assert "exceed the 3 voting members present" in error.value.message_dict["votes_for"][0]
    assert not MinuteItem.objects.exists()
    services.minute_record(actor=po, item=item, votes_for=2, votes_against=1)


def test_it_refuses_the_vote_of_someone_not_present(world, joint, meeting, item):
    present(world, meeting, "board_member")
    with pytest.raises(ValidationError) as error:
        _vote(world, item, "viewer", "for")
    assert "not a voting member present" in error.value.message_dict["person"][0]


def _dispensation(world, **values):
    data = {
        "actor": world["programme_officer"],
        "partnership": world.own,
        "person": world["contributor"],
        "organisation": world.council,
        "scope": "Items about Acme Holdings",
        "granted_on": D(2026, 1, 1),
        "valid_from": D(2026, 1, 1),
        "valid_to": D(2027, 1, 1),
        "granted_by": "Standards Committee",
        "grounds": "Without it the committee would not be quorate.",
    }
    return services.dispensation_grant(**{**data, **values})


def test_it_revokes_a_dispensation_from_a_day_on(world):
    dispensation = _dispensation(world)
    assert selectors.dispensation_valid_on(dispensation, D(2026, 3, 1))
    services.dispensation_revoke(
        actor=world["programme_officer"],
        dispensation=dispensation,
        revoked_on=D(2026, 3, 1),
        revocation_reason="The member sold the shares.",
    )
    assert selectors.dispensation_valid_on(dispensation, D(2026, 2, 28))
    assert not selectors.dispensation_valid_on(dispensation, D(2026, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.dispensation_revoke(
            actor=world["programme_officer"],
            dispensation=dispensation,
            revoked_on=D(2026, 4, 1),
            revocation_reason="Again",
        )
    assert "already been revoked" in error.value.message_dict["revoked_on"][0]
    assert Dispensation.objects.get(pk=dispensation.pk).revoked_on == D(2026, 3, 1)


def test_it_refuses_a_dispensation_for_someone_elses_interest(world):
    entry = services.register_entry_create(
        actor=world["programme_officer"],
        partnership=world.own,
        person=world["viewer"],
        organisation=world.council,
        category="dpi",
        subject="Acme Holdings",
    )
    with pytest.raises(ValidationError) as error:
        _dispensation(world, interest=entry)
    assert "interest" in error.value.message_dict


def test_it_links_a_decision_to_work_programme_actions_it_led_to(world, meeting, item):
    from joinedup.programme import services as programme_services
    from joinedup.programme.tests.factories import vocabulary

    po = world["programme_officer"]
    present(world, meeting, "board_member", "contributor", "viewer")
    decision = services.decision_record(actor=po, item=item, title="Go", text="(a) go")
    plan = programme_services.plan_create(
        actor=po, partnership=world.own, slug="plan", name="Plan", vocabulary=vocabulary()
    )
    action = programme_services.action_create(actor=po, plan=plan, title="Set up the service")
    services.decision_link(actor=po, decision=decision, programme_actions=[action])
    assert list(decision.programme_actions.all()) == [action]
    assert list(action.decisions.all()) == [decision]
    assert "programme_actions" in history_for(decision).first().changes


def test_it_archives_a_meeting_only_after_the_inspection_period(world, committee, item):
    po = world["programme_officer"]
    meeting = item.meeting
    services.minute_record(actor=po, item=item, resolutions="(a) noted")
    services.meeting_agenda_publish(actor=po, meeting=meeting, published_on=D(2025, 12, 23))
    services.meeting_mark_held(actor=po, meeting=meeting)
    nxt = services.meeting_create(actor=po, body=committee, start=at(D(2026, 2, 3)), venue="Hall")
    services.minutes_approve(
        actor=po,
        minutes=meeting.minutes,
        approved_at=nxt,
        signed_by=world["board_member"],
        signed_on=D(2026, 2, 3),
    )
    meeting.refresh_from_db()
    assert retention.meeting_retained_until(meeting) == D(2032, 1, 6)
    with pytest.raises(ValidationError) as error:
        services.meeting_archive(actor=po, meeting=meeting, today=D(2032, 1, 6))
    assert "6 January 2032" in error.value.message_dict["status"][0]
    meeting.refresh_from_db()
    services.meeting_archive(actor=po, meeting=meeting, today=D(2032, 1, 7))
    assert Meeting.objects.get(pk=meeting.pk).status == "archived"
