"""`joinedup list partnerships|bodies|plans|registers|meetings`: the slugs the other commands take.

`--body`, `--plan` and `--register` of the other commands want a slug, and `meeting pack` a
body and a date; these lists show them. Like the other commands it acts as the system (every
record) unless `--as USERNAME` names a person, whose view it then shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any

import typer
from django.utils import timezone

from joinedup.cli.errors import usage
from joinedup.cli.main import app

list_app = typer.Typer(
    help="List partnerships, bodies, plans, registers or meetings with their slugs."
)
app.add_typer(list_app, name="list", no_args_is_help=True)

PartnershipSlug = Annotated[
    str | None, typer.Option("--partnership", help="Only this partnership's (its slug).")
]
Format = Annotated[str, typer.Option("--format", help="text or json.")]
ActAs = Annotated[
    str | None,
    typer.Option("--as", help="What this username may see (default: the system, which sees all)."),
]
Row = dict[str, Any]


def _actor(username: str | None) -> Any:
    from joinedup.accounts.models import User
    from joinedup.core.actors import SystemActor

    if username is None:
        return SystemActor()
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise usage(f"No active person with username {username!r}.")
    return user


def _partnerships(actor: Any, slug: str | None) -> Any:
    from joinedup.core.permissions import partnerships_for

    found = partnerships_for(actor)
    if slug is None:
        return found
    found = found.filter(slug=slug)
    # One the actor does not belong to is answered as one that does not exist.
    if not found.exists():
        raise usage(f"No partnership with slug {slug!r}.")
    return found


def _show(rows: list[Row], output: str, what: str) -> None:
    if output == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        typer.echo(f"No {what}.")
        return
    columns = [c for c in rows[0] if c != "confidentiality"]
    widths = {c: max(len(c), *(len(str(r[c] or "")) for r in rows)) for c in columns}
    typer.echo("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        typer.echo("  ".join(str(row[c] or "").ljust(widths[c]) for c in columns).rstrip())


def _run(
    what: str,
    rows: Callable[[Any, Any], Iterable[Row]],
    partnership: str | None,
    output: str,
    act_as: str | None,
) -> None:
    if output not in ("text", "json"):
        raise usage(f"--format must be text or json, not {output!r}.")
    actor = _actor(act_as)
    _show(list(rows(actor, _partnerships(actor, partnership))), output, what)


def _governed(qs: Any, actor: Any, partnerships: Any) -> Any:
    from joinedup.core.permissions import scope

    return scope(qs, actor).filter(partnership__in=partnerships).select_related("partnership")


def _partnership_rows(actor: Any, partnerships: Any) -> Iterable[Row]:
    for p in partnerships.order_by("slug"):
        yield {"slug": p.slug, "name": p.name}


def _body_rows(actor: Any, partnerships: Any) -> Iterable[Row]:
    from joinedup.partnerships.models import Body

    for body in _governed(Body.objects.order_by("partnership__slug", "slug"), actor, partnerships):
        yield {
            "slug": body.slug,
            "partnership": body.partnership.slug,
            "name": body.name,
            "kind": body.get_kind_display(),
            "confidentiality": body.confidentiality,
        }


def _plan_rows(actor: Any, partnerships: Any) -> Iterable[Row]:
    from joinedup.programme.models import Plan

    for plan in _governed(Plan.objects.order_by("partnership__slug", "slug"), actor, partnerships):
        yield {
            "slug": plan.slug,
            "partnership": plan.partnership.slug,
            "name": plan.name,
            "status": plan.status,
            "confidentiality": plan.confidentiality,
        }


def _register_rows(actor: Any, partnerships: Any) -> Iterable[Row]:
    from joinedup.risks.models import Register

    registers = Register.objects.select_related("organisation").order_by(
        "partnership__slug", "slug"
    )
    for register in _governed(registers, actor, partnerships):
        yield {
            "slug": register.slug,
            "partnership": register.partnership.slug,
            "name": register.name,
            "organisation": register.organisation.slug if register.organisation else None,
            "matrix": register.matrix_slug,
            "confidentiality": register.confidentiality,
        }


def _meeting_rows(actor: Any, partnerships: Any) -> Iterable[Row]:
    from joinedup.meetings.models import Meeting

    meetings = Meeting.objects.select_related("body").order_by("partnership__slug", "start")
    for meeting in _governed(meetings, actor, partnerships):
        start = timezone.localtime(meeting.start)
        yield {
            "body": meeting.body.slug,
            "date": start.date().isoformat(),
            "time": f"{start:%H:%M}",
            "partnership": meeting.partnership.slug,
            "status": meeting.status,
            "confidentiality": meeting.confidentiality,
        }


@list_app.command("partnerships")
def partnerships(output: Format = "text", act_as: ActAs = None) -> None:
    """The partnerships and their slugs (`--partnership` of the other commands)."""
    _run("partnerships", _partnership_rows, None, output, act_as)


@list_app.command("bodies")
def bodies(
    partnership: PartnershipSlug = None, output: Format = "text", act_as: ActAs = None
) -> None:
    """Boards, groups and committees, with the slugs `--body` takes."""
    _run("bodies", _body_rows, partnership, output, act_as)


@list_app.command("plans")
def plans(
    partnership: PartnershipSlug = None, output: Format = "text", act_as: ActAs = None
) -> None:
    """Development plans and work programmes, with the slugs `--plan` takes."""
    _run("plans", _plan_rows, partnership, output, act_as)


@list_app.command("registers")
def registers(
    partnership: PartnershipSlug = None, output: Format = "text", act_as: ActAs = None
) -> None:
    """Risk registers, with the slugs `--register` takes."""
    _run("risk registers", _register_rows, partnership, output, act_as)


@list_app.command("meetings")
def meetings(
    partnership: PartnershipSlug = None, output: Format = "text", act_as: ActAs = None
) -> None:
    """Meetings by body slug and date, as `joinedup meeting pack --body B --date D` takes them."""
    _run("meetings", _meeting_rows, partnership, output, act_as)
