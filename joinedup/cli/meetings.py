"""`joinedup meeting pack ...` and `joinedup meetings ical ...`: agenda packs and calendar feeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from joinedup.cli.errors import usage
from joinedup.cli.main import app

meeting_app = typer.Typer(help="One meeting: build its agenda pack.")
meetings_app = typer.Typer(help="A body's meetings: the iCalendar feed.")
app.add_typer(meeting_app, name="meeting", no_args_is_help=True)
app.add_typer(meetings_app, name="meetings", no_args_is_help=True)


def _body(slug: str) -> Any:
    from joinedup.partnerships.models import Body

    body = Body.objects.filter(slug=slug).first()
    if body is None:
        raise usage(f"No body with slug {slug!r}.")
    return body


def _meeting(body: Any, day: str) -> Any:
    from joinedup.meetings.models import Meeting

    try:
        wanted = dt.date.fromisoformat(day)
    except ValueError:
        raise usage(f"{day!r} is not a date (YYYY-MM-DD).") from None
    found = [m for m in Meeting.objects.filter(body=body) if m.date == wanted]
    if not found:
        raise usage(f"{body.name} has no meeting on {wanted:%-d %B %Y}.")
    return found[0]


@meeting_app.command("pack")
def pack(
    body: Annotated[str, typer.Option("--body", help="Body slug, e.g. herefordshire-cabinet.")],
    date: Annotated[str, typer.Option("--date", help="Meeting date, YYYY-MM-DD.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the PDF.")],
    full: Annotated[
        bool, typer.Option("--full", help="Include exempt items (not for publication).")
    ] = False,
) -> None:
    """Write a meeting's agenda pack PDF: the public pack, or with --full every item."""
    from joinedup.meetings import pack as packs

    meeting = _meeting(_body(body), date)
    data = packs.pack_build(meeting=meeting, user="system" if full else None)
    document = packs.layout(data)
    out.write_bytes(packs.merge_attachments(data, document))
    typer.echo(f"Wrote {out} ({len(document.pages)} pages, {len(data.items)} items).")
    for title, page in data.contents():
        typer.echo(f"  {title} .... page {page}")


@meetings_app.command("ical")
def ical(
    body: Annotated[str, typer.Option("--body", help="Body slug, e.g. herefordshire-cabinet.")],
) -> None:
    """Write the iCalendar feed of a public body's public meetings to standard output."""
    from joinedup.meetings import ical as feeds
    from joinedup.meetings.selectors import public_bodies

    found = _body(body)
    if not public_bodies(found.partnership).filter(pk=found.pk).exists():
        raise usage(f"{found.name} is not a public body; it has no public feed.")
    typer.echo(feeds.body_feed(body=found), nl=False)
