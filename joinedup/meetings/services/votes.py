"""Recorded votes: who may vote on an item, the tally, the chair's casting vote on a tie, and
the check that the numbers in the minutes add up (Sch 12 para 39; Localism Act 2011 s.31)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.core import permissions
from joinedup.core.lookups import refuse
from joinedup.meetings.models import AgendaItem, Declaration, Vote
from joinedup.meetings.services._common import add_error, deny_unless, save_child
from joinedup.meetings.services.attendance import (
    procedure_rules,
    terms_in_force,
    voters_present,
    voting_seats,
)
from joinedup.meetings.services.interests import declaration_vote_counted
from joinedup.partnerships.models import BodyMembership

CHAIRS = (BodyMembership.Role.CHAIR, BodyMembership.Role.JOINT_CHAIR)


def barred(item: AgendaItem) -> set[int]:
    """People whose declaration on the item means their vote does not count (T9)."""
    return {
        d.person_id
        for d in Declaration.objects.filter(item=item).select_related("dispensation", "item")
        if not declaration_vote_counted(d)
    }


def eligible_voters(item: AgendaItem) -> set[int] | None:
    """Voting members present who may vote on the item; None when the body has no seats."""
    if not voting_seats(item.meeting).exists():
        return None
    left = set(item.declarations.filter(action="left_room").values_list("person_id", flat=True))
    return set(voters_present(item.meeting, absent=left)) - barred(item)


@dataclass(frozen=True)
class VoteTally:
    votes_for: int
    against: int
    abstentions: int
    eligible: int | None
    casting: str = ""

    @property
    def tied(self) -> bool:
        return self.votes_for == self.against

    @property
    def carried(self) -> bool:
        """A majority of those present and voting; on a tie, the casting vote decides."""
        if self.tied:
            return self.casting == Vote.Choice.FOR
        return self.votes_for > self.against


def vote_tally(item: AgendaItem) -> VoteTally:
    """The counted votes on the item: a barred member's recorded vote is left out (T9)."""
    bar = barred(item)
    counts = {choice: 0 for choice in Vote.Choice.values}
    casting = ""
    for vote in Vote.objects.filter(item=item):
        if vote.person_id in bar:
            continue
        if vote.casting:
            casting = vote.choice
        else:
            counts[vote.choice] += 1
    eligible = eligible_voters(item)
    return VoteTally(
        counts["for"],
        counts["against"],
        counts["abstain"],
        None if eligible is None else len(eligible),
        casting,
    )


def check_vote_numbers(
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
    *, actor: Any, item: AgendaItem, person: Any, choice: str, reason: str = ""
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
    *, actor: Any, item: AgendaItem, person: Any, choice: str, reason: str = ""
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
