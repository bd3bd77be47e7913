"""A seeded, deterministic large partnership for the load benchmark (bulk inserts).

`generate(actions=10_000)` builds, in the current Django database:

- one partnership ("Bench Partnership", slug `bench`) of 12 partner organisations;
- 40 bodies: the partnership board, an executive group, 20 working groups reporting to them,
  12 partner bodies (cabinets, NHS boards...) and 6 scrutiny and other committees;
- 60 staff (people who own actions and risks and attend meetings; they never sign in);
- one work programme with 20 workstreams, `actions` actions and 5 progress updates each;
- 13 risk registers (the partnership's and one per partner) with `risks` risks (2,000) and
  10 reviews each (20,000);
- 300 meetings of 20 bodies, 6 agenda items each, with attendance;
- `sign_ins` people who sign in (half programme officers, half board members, spread over the
  partners), all with the same password, each with an API token.

Confidentiality is mixed as in a real partnership: mostly partnership-wide, some public, some
restricted to a named partner, a few exempt (Schedule 12A paragraph 3). Everything is valid for
the real models, but the records are inserted in bulk, so no audit entries are written: the
set-up is not what the benchmark measures. Same seed, same size: same data (apart from the
created/updated timestamps and the API tokens' random keys).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

PASSWORD = "bench-load-password-2026"
SLUG = "bench"
BATCH = 5000

ORGANISATIONS = [
    ("council", "Bench County Council"),
    ("council", "Bench City Council"),
    ("pct", "Bench Primary Care Trust"),
    ("hospital_trust", "Bench Hospitals NHS Trust"),
    ("foundation_trust", "Bench Mental Health NHS Foundation Trust"),
    ("police", "Bench Constabulary"),
    ("fire", "Bench Fire and Rescue Service"),
    ("voluntary", "Bench Voluntary Sector Network"),
    ("college", "Bench College"),
    ("dwp", "Jobcentre Plus Bench District"),
    ("icb", "Bench Integrated Care Board"),
    ("other", "Bench Housing Association"),
]
ROLE_TITLES = [
    "Chief Executive",
    "Director of Adult Social Care",
    "Head of Partnerships",
    "Programme Manager",
    "Performance Officer",
]
RISK_WORDS = [
    "funding is withdrawn before the service is re-commissioned",
    "data cannot be shared lawfully between partners",
    "staff turnover delays the integrated team",
    "demand rises faster than the pooled budget",
    "a partner leaves the partnership",
]


@dataclass
class Account:
    username: str
    role: str
    password: str
    token: str


@dataclass
class World:
    """What the load run needs to know about the generated partnership."""

    partnership: str
    plan: str
    register: str
    meeting_id: int
    actions: int
    updates: int
    risks: int
    reviews: int
    meetings: int
    items: int
    bodies: int
    organisations: int
    seconds: float
    accounts: list[Account] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _batched(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _bulk(model: Any, rows: Iterable[Any]) -> int:
    count = 0
    for chunk in _batched(rows):
        model.objects.bulk_create(chunk)
        count += len(chunk)
    return count


def _fast_sqlite() -> None:
    """During generation only: no fsync on SQLite (set-up is not measured)."""
    from django.db import connection

    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:  # noqa: TID251 (benchmark set-up, not the app)
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-200000")


def _confidentiality(rng: random.Random) -> tuple[str, int | None]:
    """85% partnership, 8% public, 5% restricted, 2% exempt."""
    draw = rng.random()
    if draw < 0.85:
        return "partnership", None
    if draw < 0.93:
        return "public", None
    if draw < 0.98:
        return "restricted", None
    return "exempt", 3


def generate(
    *, actions: int = 10_000, risks: int = 2_000, sign_ins: int = 50, seed: int = 2026
) -> World:
    """Build the bench partnership in the current database (which must not have one yet)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    started = time.perf_counter()
    rng = random.Random(seed)
    _fast_sqlite()
    with transaction.atomic():
        world = _generate(rng, actions, risks, sign_ins, make_password(PASSWORD))
    world.seconds = round(time.perf_counter() - started, 1)
    return world


def _generate(
    rng: random.Random, n_actions: int, n_risks: int, sign_ins: int, password_hash: str
) -> World:
    from joinedup.accounts.models import ApiToken, Organisation, PartnershipRole, User
    from joinedup.core.models import Partnership

    partnership = Partnership.objects.create(
        slug=SLUG, name="Bench Partnership", short_name="Bench", area="Bench county"
    )
    orgs = Organisation.objects.bulk_create(
        Organisation(slug=f"bench-org-{i + 1:02d}", name=name, kind=kind)
        for i, (kind, name) in enumerate(ORGANISATIONS)
    )
    orgs = list(Organisation.objects.filter(slug__startswith="bench-org-").order_by("slug"))
    staff = _staff(orgs, partnership)
    bodies = _bodies(partnership, orgs)
    plan, n_updates = _programme(rng, partnership, orgs, staff, bodies, n_actions)
    register, n_reviews = _risks(rng, partnership, orgs, staff, bodies, n_risks)
    meeting_id, n_meetings, n_items = _meetings(rng, partnership, orgs, staff, bodies)

    accounts: list[Account] = []
    users = User.objects.bulk_create(
        User(
            username=f"bench-{'po' if i % 2 == 0 else 'board'}-{i + 1:03d}",
            password=password_hash,
            organisation=orgs[i % len(orgs)],
            role_title="Programme Officer" if i % 2 == 0 else "Board Member",
        )
        for i in range(sign_ins)
    )
    users = list(User.objects.filter(username__startswith="bench-").order_by("username"))
    users = [u for u in users if u.username.startswith(("bench-po-", "bench-board-"))]
    PartnershipRole.objects.bulk_create(
        PartnershipRole(
            user=user,
            partnership=partnership,
            role="programme_officer" if user.username.startswith("bench-po-") else "board_member",
            organisation=user.organisation,
        )
        for user in users
    )
    for user in users:
        _, raw = ApiToken.issue(user=user, name="bench")
        role = "programme_officer" if user.username.startswith("bench-po-") else "board_member"
        accounts.append(Account(user.username, role, PASSWORD, raw))
    return World(
        partnership=partnership.slug,
        plan=plan.slug,
        register=register.slug,
        meeting_id=meeting_id,
        actions=n_actions,
        updates=n_updates,
        risks=n_risks,
        reviews=n_reviews,
        meetings=n_meetings,
        items=n_items,
        bodies=len(bodies),
        organisations=len(orgs),
        seconds=0.0,
        accounts=accounts,
    )


def _staff(orgs: list[Any], partnership: Any) -> list[Any]:
    from joinedup.accounts.models import PartnershipRole, User
    from joinedup.partnerships.models import Partner

    Partner.objects.bulk_create(
        Partner(partnership=partnership, organisation=org, voting=org.kind != "voluntary")
        for org in orgs
    )
    User.objects.bulk_create(
        User(
            username=f"staff-{org.slug}-{j + 1}",
            password="!",  # unusable: staff never sign in
            organisation=org,
            role_title=f"{title}, {org.name}",
        )
        for org in orgs
        for j, title in enumerate(ROLE_TITLES)
    )
    staff = list(User.objects.filter(username__startswith="staff-bench-org-").order_by("username"))
    PartnershipRole.objects.bulk_create(
        PartnershipRole(
            user=person,
            partnership=partnership,
            role="partner_lead" if person.username.endswith("-1") else "contributor",
            organisation=person.organisation,
        )
        for person in staff
    )
    return staff


def _bodies(partnership: Any, orgs: list[Any]) -> list[Any]:
    from joinedup.partnerships.models import Body, ReportingLine

    specs: list[tuple[str, str, Any, str]] = [
        ("Bench Partnership Board", "board", None, "none"),
        ("Bench Executive Group", "executive_group", None, "none"),
    ]
    themes = [
        "Integrated Locality Working",
        "Managing Mental Health",
        "Children and Young People",
        "Older People",
        "Safer Communities",
        "Housing",
        "Economic Development",
        "Skills and Learning",
        "Transport",
        "Environment",
    ]
    for i in range(20):
        name = f"{themes[i % 10]} Working Group {i // 10 + 1}"
        specs.append((name, "working_group", None, "none"))
    for org in orgs:
        if org.kind in ("council",):
            specs.append((f"{org.name} Cabinet", "cabinet", org, "agenda-council"))
        elif org.kind in ("pct", "hospital_trust", "foundation_trust", "icb"):
            specs.append((f"{org.name} Board", "nhs_board", org, "agenda-nhs-board"))
        else:
            specs.append((f"{org.name} Management Team", "management_team", org, "none"))
    for i in range(6):
        specs.append((f"Bench Scrutiny Committee {i + 1}", "scrutiny_committee", orgs[0], "none"))
    Body.objects.bulk_create(
        Body(
            partnership=partnership,
            slug=f"bench-body-{i + 1:02d}",
            name=name,
            kind=kind,
            owner_organisation=owner,
            publication_rule=rule,
            purpose=f"The {name} of the bench partnership.",
        )
        for i, (name, kind, owner, rule) in enumerate(specs)
    )
    bodies = list(Body.objects.filter(partnership=partnership).order_by("slug"))
    board, executive = bodies[0], bodies[1]
    lines = [ReportingLine(partnership=partnership, child=executive, parent=board)]
    lines += [
        ReportingLine(
            partnership=partnership, child=group, parent=executive, kind="working_group_of"
        )
        for group in bodies[2:22]
    ]
    ReportingLine.objects.bulk_create(lines)
    return bodies


def _restrict(through: Any, fk: str, rows: list[tuple[int, int]]) -> None:
    _bulk(through, (through(**{f"{fk}_id": pk, "organisation_id": org}) for pk, org in rows))


def _programme(
    rng: random.Random,
    partnership: Any,
    orgs: list[Any],
    staff: list[Any],
    bodies: list[Any],
    n_actions: int,
) -> tuple[Any, int]:
    from joinedup.programme.models import Action, Plan, ProgressUpdate, Workstream
    from joinedup.programme.selectors import vocabulary_latest
    from joinedup.programme.services.vocabularies import vocabularies_load

    vocabularies_load()
    vocabulary = vocabulary_latest("herefordshire-development-plan")
    words = list(vocabulary.words.order_by("order", "word"))
    plan = Plan.objects.create(
        partnership=partnership,
        slug="bench-work-programme",
        name="Bench Work Programme 2025/28",
        vocabulary=vocabulary,
        owning_body=bodies[0],
        reports_to=bodies[0],
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2028, 3, 31),
        report_interval_months=3,
    )
    Workstream.objects.bulk_create(
        Workstream(partnership=partnership, plan=plan, name=body.name, order=i + 1)
        for i, body in enumerate(bodies[2:22])
    )
    streams = list(Workstream.objects.filter(plan=plan).order_by("order"))
    start = dt.date(2025, 4, 1)

    def actions() -> Iterator[Any]:
        for i in range(n_actions):
            level, paragraph = _confidentiality(rng)
            begins = start + dt.timedelta(days=rng.randrange(0, 700))
            stream = streams[i * len(streams) // n_actions]
            yield Action(
                partnership=partnership,
                plan=plan,
                workstream=stream,
                reference=f"{stream.order}.{i + 1}",
                order=i + 1,
                title=f"Action {i + 1}: {stream.name.lower()} – a proposed activity described "
                "in a sentence or two, as a council paper would describe it.",
                description="What will be done, with whom and why. " * 3,
                lead_organisation=orgs[rng.randrange(len(orgs))],
                owner=staff[rng.randrange(len(staff))],
                responsible_body=bodies[2 + i * 20 // n_actions],
                start_date=begins,
                due_date=begins + dt.timedelta(days=rng.randrange(60, 500)),
                status=words[rng.randrange(len(words))],
                confidentiality=level,
                exempt_paragraph=paragraph,
            )

    _bulk(Action, actions())
    ids = list(
        Action.objects.filter(plan=plan)
        .order_by("pk")
        .values_list("pk", "confidentiality", "lead_organisation_id", "status_id")
    )
    restricted = [(pk, org) for pk, level, org, _ in ids if level == "restricted"]
    _restrict(Action.restricted_to.through, "action", restricted)
    authors = [p.pk for p in staff]

    def updates() -> Iterator[Any]:
        for pk, _level, _org, status_id in ids:
            for n in range(5):
                yield ProgressUpdate(
                    partnership_id=partnership.pk,
                    action_id=pk,
                    date=dt.date(2025, 6, 1) + dt.timedelta(days=91 * n + pk % 30),
                    author_id=authors[(pk + n) % len(authors)],
                    narrative=f"Update {n + 1}: progress described in a few sentences, as an "
                    "officer would write it for the board. Next steps agreed with partners.",
                    status_id=status_id if n == 4 else words[(pk + n) % len(words)].pk,
                )

    return plan, _bulk(ProgressUpdate, updates())


def _risks(
    rng: random.Random,
    partnership: Any,
    orgs: list[Any],
    staff: list[Any],
    bodies: list[Any],
    n_risks: int,
) -> tuple[Any, int]:
    from joinedup.risks.models import Register, Review, Risk
    from joinedup.risks.models.choices import Category

    Register.objects.bulk_create(
        [
            Register(
                partnership=partnership,
                slug="bench-partnership-risks",
                name="Bench Partnership Risk Register",
                governing_body=bodies[0],
            )
        ]
        + [
            Register(
                partnership=partnership,
                slug=f"bench-risks-{org.slug}",
                name=f"{org.name} top risks",
                level="corporate",
                organisation=org,
                governing_body=bodies[22 + i],
            )
            for i, org in enumerate(orgs)
        ]
    )
    registers = list(Register.objects.filter(partnership=partnership).order_by("pk"))
    categories = [c.value for c in Category]
    statuses = ["assessed", "treating", "escalated", "tolerated", "draft"]
    rows = []
    for i in range(n_risks):
        level, paragraph = _confidentiality(rng)
        # 40% on the partnership's register, the rest on the partners' own.
        register = registers[0] if i % 5 < 2 else registers[1 + i % len(orgs)]
        lead = register.organisation or orgs[rng.randrange(len(orgs))]
        rows.append(
            Risk(
                partnership=partnership,
                register=register,
                reference=f"R{i + 1:05d}",
                title=f"Risk {i + 1}: {RISK_WORDS[i % len(RISK_WORDS)]}",
                cause="A cause described in a sentence.",
                event="An event described in a sentence.",
                effect="An effect on services described in a sentence.",
                category=categories[i % len(categories)],
                lead_organisation=lead,
                owner=staff[rng.randrange(len(staff))],
                inherent_likelihood=rng.randint(3, 5),
                inherent_consequence=rng.randint(3, 5),
                current_likelihood=rng.randint(1, 5),
                current_consequence=rng.randint(1, 5),
                target_likelihood=rng.randint(1, 2),
                target_consequence=rng.randint(1, 3),
                status=statuses[i % len(statuses)],
                last_reviewed_on=dt.date(2026, 9, 1),
                next_review_due=dt.date(2026, 10, 1) + dt.timedelta(days=i % 180),
                confidentiality=level,
                exempt_paragraph=paragraph,
            )
        )
    _bulk(Risk, rows)
    del rows
    risks = list(
        Risk.objects.filter(partnership=partnership)
        .order_by("pk")
        .values_list("pk", "confidentiality", "lead_organisation_id", "current_likelihood")
    )
    restricted = [(pk, org) for pk, level, org, _ in risks if level == "restricted"]
    _restrict(Risk.restricted_to.through, "risk", restricted)
    reviewers = [p.pk for p in staff]

    def reviews() -> Iterator[Any]:
        for pk, level, _org, likelihood in risks:
            for n in range(10):
                current_l = max(1, min(5, likelihood + (n % 3) - 1))
                yield Review(
                    partnership_id=partnership.pk,
                    risk_id=pk,
                    reviewed_on=dt.date(2024, 6, 1) + dt.timedelta(days=91 * n),
                    reviewer_id=reviewers[(pk + n) % len(reviewers)],
                    inherent_likelihood=4,
                    inherent_consequence=4,
                    current_likelihood=current_l,
                    current_consequence=3,
                    current_score=current_l * 3,
                    target_likelihood=1,
                    target_consequence=2,
                    status="assessed",
                    commentary="Reviewed at the quarterly meeting; controls working as planned.",
                    confidentiality="partnership" if level == "restricted" else level,
                    exempt_paragraph=3 if level == "exempt" else None,
                )

    return registers[0], _bulk(Review, reviews())


def _meetings(
    rng: random.Random, partnership: Any, orgs: list[Any], staff: list[Any], bodies: list[Any]
) -> tuple[int, int, int]:
    from django.utils import timezone

    from joinedup.meetings.models import AgendaItem, Attendance, Meeting

    tz = timezone.get_current_timezone()
    statuses = ["minutes_approved", "held", "agenda_published", "scheduled"]
    meetings = []
    for i in range(300):
        body = bodies[i % 20 if i % 20 < 2 else 2 + i % 20]
        when = dt.datetime(2024, 1, 8, 14, 0, tzinfo=tz) + dt.timedelta(days=5 * i)
        meetings.append(
            Meeting(
                partnership=partnership,
                body=body,
                start=when,
                venue="Council Chamber, Bench Town Hall",
                status=statuses[0] if i < 250 else statuses[i % 4],
                confidentiality="public" if body.kind in ("board", "cabinet") else "partnership",
            )
        )
    _bulk(Meeting, meetings)
    saved = list(Meeting.objects.filter(partnership=partnership).order_by("pk"))
    titles = [
        "Minutes of the last meeting",
        "Work programme progress report",
        "Risk register review",
        "Pooled budget: quarterly position",
        "Performance dashboard",
        "Any other business",
    ]
    items = [
        AgendaItem(
            partnership=partnership,
            meeting=meeting,
            order=n + 1,
            title=title,
            decision_type="for_information" if n in (0, 4, 5) else "for_decision",
            lead_organisation=orgs[(meeting.pk + n) % len(orgs)],
            confidentiality=meeting.confidentiality,
        )
        for meeting in saved
        for n, title in enumerate(titles)
    ]
    n_items = _bulk(AgendaItem, items)
    _bulk(
        Attendance,
        (
            Attendance(
                partnership=partnership,
                meeting=meeting,
                person=person,
                status="present" if rng.random() < 0.8 else "apologies",
                confidentiality=meeting.confidentiality,
            )
            for meeting in saved
            for person in rng.sample(staff, 8)
        ),
    )
    # The meeting page measured: a held meeting of the board with its items.
    board_meetings = [m for m in saved if m.body_id == bodies[0].pk]
    return board_meetings[-1].pk, len(saved), n_items
