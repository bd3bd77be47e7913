"""The access policy as a table: who gets which HTTP status for which kind of page.

Written by hand from the policy text (joinedup/core/permissions.py docstring,
docs/adr/0003-access-policy.md), NOT computed from the permission code, so the matrix tests
are an independent oracle.

The fixture records the matrices request (see tests/isolation/conftest.py) are owned by the NHS
trust and, when restricted, restricted to the NHS trust only, so:

- the partner lead (NHS) may see and edit them up to `restricted`;
- the board member may see `exempt` but edit nothing;
- contributor, viewer and the VCS viewer see only `public` and `partnership`.

Encoded decisions (not spelled out in the policy text):

- Anonymous visitors to workspace pages (`/p/<slug>/...`) are sent to sign-in (302), whatever
  the record: the redirect does not depend on the record, so it reveals nothing.
- Anonymous API callers get 401 for every operation (no token, no answer).
- The outsider (a member of another partnership only) gets 404 for every page and operation of
  `own`, even list pages: the partnership itself does not exist for them.
- A member who can see a record but may not change it gets 403 on its edit page; one who may
  not see it gets 404 (never a 403 that confirms it exists).
- The public pages (`/public/<slug>/...`) show `public` records to anyone, signed in or not,
  member or not; every other level is a 404 there. Their downloads (a public agenda pack, an
  iCalendar feed of a public body) are public pages too, and show only public records.
- A download about a record (a meeting's agenda pack PDF, a risk register's spreadsheet or
  board report in each format) is that record's page in another format: a `detail` page. Those
  who may see the record get 200 and in it only what they may see (PDF, DOCX and XLSX answers
  are searched as text for markers); everyone else gets what its page would give (404).
- A page that imports into a record (a register's spreadsheet import, its dry-run preview) is
  an `edit` page of that record: 200 to its editors, 403 to others who see it, else 404.
"""

from __future__ import annotations

from typing import Literal

PO = "programme_officer"
BOARD = "board_member"
LEAD = "partner_lead"
CONTRIB = "contributor"
VIEWER = "viewer"
VCS_VIEWER = "other_partner_viewer"
OUTSIDER = "outsider"
ANON = "anonymous"

PERSONAS = [PO, BOARD, LEAD, CONTRIB, VIEWER, VCS_VIEWER, OUTSIDER, ANON]
MEMBERS = frozenset({PO, BOARD, LEAD, CONTRIB, VIEWER, VCS_VIEWER})
LEVELS = ["public", "partnership", "restricted", "exempt"]

# Who sees a record of `own` at each level (restricted records name only the NHS trust).
SEES: dict[str, frozenset[str]] = {
    "public": MEMBERS,
    "partnership": MEMBERS,
    "restricted": frozenset({PO, LEAD}),
    "exempt": frozenset({PO, BOARD}),
}

# Who edits a record of `own` at each level, by whether the NHS trust owns it.
EDITS_NHS_OWNED: dict[str, frozenset[str]] = {
    "public": frozenset({PO, LEAD}),
    "partnership": frozenset({PO, LEAD}),
    "restricted": frozenset({PO, LEAD}),
    "exempt": frozenset({PO}),
}
EDITS_OTHERWISE_OWNED: dict[str, frozenset[str]] = {level: frozenset({PO}) for level in LEVELS}

# Who may add a record to `own` (create pages). Programme officers add anything; partner leads add
# records for their own organisation, so the create form is open to them too...
CREATES = frozenset({PO, LEAD})
# ...except where the record is not one an organisation owns: admitting a new partner
# organisation to the partnership is a programme officer's job. Keyed by the path segment.
CREATES_BY_SEGMENT: dict[str, frozenset[str]] = {
    "partners": frozenset({PO}),
    # A plan (/p/<slug>/programme/new/) is the partnership's own work programme, not an
    # organisation's: the programme officer adds plans; partner leads add actions to them.
    "programme": frozenset({PO}),
    # A new version of a status vocabulary its plans use: the programme officer's job.
    "vocabularies": frozenset({PO}),
}

# Who may manage people (invite, change roles) and for which people: programme officers
# everyone; partner leads the people of their own organisation; nobody else.
MANAGES_PEOPLE_OF_OWN_ORG = frozenset({PO, LEAD})

# Who records a decision the partnership takes about a record they may see (approving a body's
# terms of reference; the forms that change membership type, voting rights and chairing are
# edit pages, with those fields fixed for partner leads): programme officers only.
DECIDES = frozenset({PO})

# Who may record a review of a record they may see, beyond those who edit it: the board member.
# Reviewing a risk or a whole risk register at a meeting is what a board does, so the risks app
# lets board members record one (joinedup/risks/views: risk_review, register_review) though
# they edit nothing; the review is a new record, not a change to the one reviewed.
REVIEWS_TOO = frozenset({BOARD})

PageKind = Literal[
    "list",
    "detail",
    "history",
    "edit",
    "create",
    "public",
    "person",
    "person-edit",
    "action",
    "review",
    "decide",
]
KINDS: tuple[str, ...] = (
    "list",
    "detail",
    "history",
    "edit",
    "create",
    "public",
    "person",
    "person-edit",
    # A POST-only button about a record (publish an agenda...): a GET is refused with 403 to
    # those who may see the record, whether or not they may press it (it is not a page; 403
    # reveals nothing they cannot see), and 404 to everyone else. A POST is an edit. A 405 to
    # the GET instead is also right, if every member gets it at every level (the method is
    # refused before the record is looked up, so it reveals nothing): checked per route.
    "action",
    # A form recording a review of a record: editors and REVIEWS_TOO, among those who see it.
    "review",
    # A form recording the partnership's decision about a record: DECIDES, among those who see
    # it; 403 to other members who see it.
    "decide",
)

SIGN_IN = 302


def sees(persona: str, level: str) -> bool:
    return persona in SEES[level]


def edits(persona: str, level: str, *, nhs_owned: bool) -> bool:
    table = EDITS_NHS_OWNED if nhs_owned else EDITS_OTHERWISE_OWNED
    return persona in table[level]


def expected_page(
    persona: str,
    kind: str,
    level: str | None = None,
    *,
    nhs_owned: bool = True,
    person_org: str | None = None,
    collection: str = "",
) -> int:
    """The status a GET of a page of `own` must give.

    `level` is the confidentiality of the record the page is about (None: no record);
    `person_org` the organisation ("council", "nhs"...) of the person a person page is about;
    `collection` the path segment a create page adds to ("partners", "members"...).
    """
    if kind == "public":
        return 200 if level in (None, "public") else 404
    if persona == ANON:
        return SIGN_IN
    if persona not in MEMBERS:
        return 404
    if kind == "list":
        return 200
    if kind == "person":
        return 200
    if kind == "person-edit":
        if persona == PO:
            return 200
        return 200 if persona == LEAD and person_org == "nhs" else 403
    if kind == "create":
        return 200 if persona in CREATES_BY_SEGMENT.get(collection, CREATES) else 403
    assert level is not None, f"a {kind} page is about a record"
    if not sees(persona, level):
        return 404
    if kind in ("detail", "history"):
        return 200
    if kind == "edit":
        return 200 if edits(persona, level, nhs_owned=nhs_owned) else 403
    if kind == "action":
        return 403
    if kind == "review":
        may = edits(persona, level, nhs_owned=nhs_owned) or persona in REVIEWS_TOO
        return 200 if may else 403
    if kind == "decide":
        return 200 if persona in DECIDES else 403
    raise ValueError(f"unknown page kind {kind!r}")


def expected_api(persona: str, level: str | None = None) -> int:
    """The status a GET of an API operation about `own` must give (level None: no record)."""
    if persona == ANON:
        return 401
    if persona not in MEMBERS:
        return 404
    if level is None:
        return 200
    return 200 if sees(persona, level) else 404


def expected_home(persona: str) -> int:
    """The list of the user's partnerships: anyone signed in; anonymous goes to sign-in."""
    return SIGN_IN if persona == ANON else 200
