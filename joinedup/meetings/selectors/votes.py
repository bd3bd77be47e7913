"""Reads for votes: who is barred, who may vote on an item, and the tally."""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.meetings.models import AgendaItem, Declaration, Vote
from joinedup.meetings.selectors.attendance import voters_present, voting_seats
from joinedup.meetings.selectors.interests import declaration_vote_counted


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
