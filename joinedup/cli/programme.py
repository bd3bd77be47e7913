"""`joinedup programme remind`: email each action owner the progress updates due before the
next report (Django's email backend: the console in the demo). Import, export and the progress
report are in joinedup/cli/programme_io.py. `joinedup programme vocabulary-publish`: the next
version of a status vocabulary, from a file of "word | state | colour" lines."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from joinedup.cli.errors import refused, usage
from joinedup.cli.main import app

programme_app = typer.Typer(
    help="Plans and work programmes: update reminders, status vocabulary versions."
)
app.add_typer(programme_app, name="programme", no_args_is_help=True)


@programme_app.command("remind")
def remind(
    plan: Annotated[str, typer.Option("--plan", help="Plan slug.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the updates due; send nothing.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Count as on this day (YYYY-MM-DD).")
    ] = None,
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Email each owner the updates due for PLAN's next report (run it from a scheduler)."""
    from joinedup.programme.models import Plan
    from joinedup.programme.services import update_reminders_send

    found = Plan.objects.filter(slug=plan).first()
    if found is None:
        raise usage(f"There is no plan {plan!r}.")
    try:
        day = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise usage(f"--as-of must be a date like 2008-11-20, not {as_of!r}.") from None
    run = update_reminders_send(actor=None, plan=found, as_of=day, dry_run=dry_run)
    if output == "json":
        typer.echo(json.dumps(_as_json(run), indent=2))
        return
    for reminder in run.reminders:
        who = str(reminder.owner or "No owner")
        address = reminder.email or "no email address"
        typer.echo(f"{who} ({address}): {len(reminder.actions)} update(s) due")
        for action in reminder.actions:
            typer.echo(f"  {action.reference}. {action.title[:90]}")
    verb = "Would send" if dry_run else "Sent"
    count = len([r for r in run.reminders if r.email]) if dry_run else run.sent
    typer.echo(f"{verb} {count} reminder(s); {len(run.unsendable)} to chase in person.")


def _as_json(run: object) -> dict:
    return {
        "plan": run.plan.slug,  # type: ignore[attr-defined]
        "as_of": run.as_of.isoformat(),  # type: ignore[attr-defined]
        "dry_run": run.dry_run,  # type: ignore[attr-defined]
        "sent": run.sent,  # type: ignore[attr-defined]
        "reminders": [
            {
                "owner": str(r.owner) if r.owner else None,
                "email": r.email,
                "actions": [a.reference for a in r.actions],
            }
            for r in run.reminders  # type: ignore[attr-defined]
        ],
    }


@programme_app.command("vocabulary-publish")
def vocabulary_publish(
    slug: Annotated[str, typer.Argument(help="The vocabulary's slug.")],
    words: Annotated[
        str, typer.Option("--words", help='A text file: one "word | state | colour" a line.')
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why a new version (kept in history).")],
    name: Annotated[str, typer.Option("--name", help="A new name (default: the same).")] = "",
    act_as: Annotated[
        str | None, typer.Option("--as", help="Publish as this username (default: the system).")
    ] = None,
) -> None:
    """Publish the next version of a status vocabulary (plans keep theirs until changed)."""
    from pathlib import Path

    from django.core.exceptions import PermissionDenied, ValidationError

    from joinedup.accounts.models import User
    from joinedup.core.actors import SystemActor
    from joinedup.programme import services, status
    from joinedup.programme.models import StatusVocabulary

    actor = SystemActor() if act_as is None else User.objects.filter(username=act_as).first()
    if actor is None:
        raise usage(f"There is no user {act_as!r}.")
    try:
        specs = status.parse_word_lines(Path(words).read_text(encoding="utf-8"))
        published = services.vocabulary_publish(
            actor=actor, slug=slug, words=specs, name=name, reason=reason
        )
    except OSError as exc:
        raise usage(f"Cannot read {words}: {exc.strerror or exc}.") from None
    except ValueError as exc:
        raise refused(str(exc)) from None
    except StatusVocabulary.DoesNotExist:
        raise usage(f"There is no status vocabulary {slug!r}.") from None
    except (PermissionDenied, ValidationError) as exc:
        raise refused(" ".join(getattr(exc, "messages", [str(exc)]))) from None
    typer.echo(f"Published {published} with {len(specs)} word(s).")
