"""Recorded votes: who may vote on an item, the tally, the chair's casting vote on a tie, and
the check that the numbers in the minutes add up (Sch 12 para 39; Localism Act 2011 s.31)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.lookups import refuse
from joinedup.meetings.models import AgendaItem, Declaration, Vote
from joinedup.meetings.selectors.attendance import procedure_rules, terms_in_force
from joinedup.meetings.selectors.interests import declaration_vote_counted
from joinedup.meetings.selectors.votes import eligible_voters, vote_tally
from joinedup.meetings.services._common import add_error, deny_unless, save_child
from joinedup.partnerships.models import BodyMembership

CHAIRS = (BodyMembership.Role.CHAIR, BodyMembership.Role.JOINT_CHAIR)


def _check_vote_numbers(
    item: AgendaItem, numbers: tuple[int | None, ...], errors: dict[str, list[str]]
) -> None:
    """For + against + abstentions cannot exceed the members present who may vote."""
    eligible = eligible_voters(item)
    total = sum(n or 0 for n in numbers)
    if eligible is None or total <= len(eligible):
        return
    add_error(
        errors,
        "votes_for",
        f"The votes recorded ({total}) exceed the {len(eligible)} voting members present who "
        "may vote on this item (members who left the room or have an interest that bars "
        "them are not counted).",
    )


def _refuse_outsider(item: AgendaItem, person: Any) -> None:
    """A person of another partnership is refused as an unknown one, before any message that
    would name them."""
    outside: dict[str, list[str]] = {}
    check_person(item.partnership, person, "person", outside)
    refuse(outside)


def _eligible_check(item: AgendaItem, person: Any, errors: dict[str, list[str]]) -> None:
    for declaration in Declaration.objects.filter(item=item, person=person):
        if not declaration_vote_counted(declaration):
            add_error(
                errors,
                "person",
                f"{person} declared a {declaration.get_interest_type_display().lower()} on "
                "this item without a valid dispensation: their vote cannot be recorded.",
            )
            return
    eligible = eligible_voters(item)
    if eligible is not None and person.pk not in eligible:
        add_error(errors, "person", f"{person} is not a voting member present at the meeting.")


@transaction.atomic
def vote_record(
    *, actor: Actor, item: AgendaItem, person: Any, choice: str, reason: str = ""
) -> Vote:
    """Record one member's vote; refused when their declared interest bars them (T9)."""
    _refuse_outsider(item, person)
    deny_unless(permissions.can_edit(actor, item), "You may not record votes here.")
    errors: dict[str, list[str]] = {}
    _eligible_check(item, person, errors)
    vote = Vote.objects.filter(item=item, person=person, casting=False).first() or Vote(
        partnership=item.partnership, item=item, person=person
    )
    vote.choice = choice
    save_child(vote, parent=item, errors=errors, actor=actor, reason=reason)
    return vote


def _is_chair(item: AgendaItem, person: Any) -> bool:
    day = item.meeting.date
    return any(
        (seat.start_date is None or seat.start_date <= day)
        and (seat.end_date is None or seat.end_date >= day)
        for seat in BodyMembership.objects.filter(
            body=item.meeting.body, person=person, role__in=CHAIRS
        )
    )


@transaction.atomic
def vote_casting_record(
    *, actor: Actor, item: AgendaItem, person: Any, choice: str, reason: str = ""
) -> Vote:
    """The chair's second or casting vote, on a tie, where the terms of reference give one."""
    _refuse_outsider(item, person)
    deny_unless(permissions.can_edit(actor, item), "You may not record votes here.")
    errors: dict[str, list[str]] = {}
    rules = procedure_rules(terms_in_force(item.meeting))
    if rules is None or not rules.chair_casting_vote:
        add_error(errors, "casting", "The terms of reference give the chair no casting vote.")
    if not _is_chair(item, person):
        add_error(errors, "person", f"{person} does not chair this body.")
    else:
        _eligible_check(item, person, errors)
    tally = vote_tally(item)
    if not tally.tied or tally.votes_for == 0:
        add_error(
            errors,
            "casting",
            f"A casting vote is only for a tie (for {tally.votes_for}, against {tally.against}).",
        )
    if choice not in (Vote.Choice.FOR, Vote.Choice.AGAINST):
        add_error(errors, "choice", "A casting vote is for or against.")
    if Vote.objects.filter(item=item, casting=True).exists():
        add_error(errors, "casting", "The casting vote on this item is already recorded.")
    vote = Vote(partnership=item.partnership, item=item, person=person, choice=choice, casting=True)
    save_child(vote, parent=item, errors=errors, actor=actor, reason=reason)
    return vote
