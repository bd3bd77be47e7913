"""`joinedup import actions`, `joinedup export actions` and `joinedup report progress`.

Who the command acts as: by default the system, like the other commands (whoever can run it
already administers the installation): it sees every record of the plan, and the history of an
import says "system". `--as USERNAME` acts as that person instead: the report or export then
holds only what they may see, and an import is checked against their rights and recorded under
their name. A committee paper for publication should be made `--as` the officer who signs it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from joinedup.cli.errors import refused, usage
from joinedup.cli.groups import export_app, import_app, report_app

PlanSlug = Annotated[str, typer.Option("--plan", help="The plan's slug.")]
ActAs = Annotated[
    str | None,
    typer.Option("--as", help="Act as this username (default: the system, which sees all)."),
]


def _actor(username: str | None) -> Any:
    from joinedup.core.actors import SystemActor

    if not username:
        return SystemActor()
    from joinedup.accounts.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise usage(f"there is no active user {username!r}.")
    return user


def _plan(slug: str, actor: Any) -> Any:
    from django.http import Http404

    from joinedup.core.permissions import get_visible_or_404
    from joinedup.programme.models import Plan

    try:
        return get_visible_or_404(Plan.objects.select_related("partnership"), actor, slug=slug)
    except Http404:
        raise usage(f"there is no plan {slug!r} (or you may not see it).") from None


def _column_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        header, sep, key = pair.rpartition("=")
        if not sep or not header or not key:
            raise usage(f"--column takes HEADER=FIELD, not {pair!r}.")
        mapping[header] = key
    return mapping


@import_app.command("actions")
def import_actions_command(
    file: Annotated[Path, typer.Argument(help="An .xlsx or .csv file.", exists=True)],
    plan: PlanSlug,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and report, write nothing.")
    ] = False,
    column: Annotated[
        list[str] | None,
        typer.Option("--column", help='Map a header to a field: "Ref No=reference".'),
    ] = None,
    act_as: ActAs = None,
) -> None:
    """Import a plan's actions: all or nothing; a known reference updates its action."""
    from joinedup.core.io.safety import UploadRejected, check_size
    from joinedup.programme.io.actions import import_actions

    actor = _actor(act_as)
    found = _plan(plan, actor)
    try:
        # Refuse an oversized file from its size on disk, before reading it into memory.
        check_size(file.stat().st_size)
        result = import_actions(
            actor=actor,
            plan=found,
            data=file.read_bytes(),
            filename=file.name,
            dry_run=dry_run,
            column_map=_column_map(column or []),
        )
    except UploadRejected as exc:
        raise refused(str(exc)) from None
    if not result.ok:
        for error in result.errors:
            typer.echo(str(error), err=True)
        raise refused(result.summary())
    typer.echo(result.summary())


@export_app.command("actions")
def export_actions_command(
    plan: PlanSlug,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write it (default: its own name, here)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="xlsx or csv.")] = "xlsx",
    act_as: ActAs = None,
) -> None:
    """Export a plan's actions to XLSX or CSV (cells neutralised against formulas)."""
    from joinedup.programme.io.actions import export_actions

    if fmt not in ("xlsx", "csv"):
        raise usage("--format must be xlsx or csv.")
    actor = _actor(act_as)
    content, _, filename = export_actions(user=actor, plan=_plan(plan, actor), fmt=fmt)
    out = out or Path(filename)
    out.write_bytes(content)
    typer.echo(f"Wrote {out} ({len(content):,} bytes).")


@report_app.command("progress")
def report_progress_command(
    plan: PlanSlug,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write it (default: its own name, here)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="docx, pdf or html.")] = "docx",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Report date, YYYY-MM-DD (default: today).")
    ] = None,
    act_as: ActAs = None,
) -> None:
    """The progress report for a committee: "Proposed Activity | Progress to Date"."""
    from django.utils import timezone

    from joinedup.programme.report import progress_report_context, to_document
    from joinedup.reports.render import Format, render

    if fmt not in {f.value for f in Format}:
        raise usage("--format must be docx, pdf or html.")
    try:
        day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
    except ValueError:
        raise usage(f"--as-of must be a date like 2008-10-02, not {as_of!r}.") from None
    actor = _actor(act_as)
    report = progress_report_context(user=actor, plan=_plan(plan, actor), as_of=day)
    rendered = render(to_document(report), fmt)
    out = out or Path(rendered.filename)
    out.write_bytes(rendered.content)
    typer.echo(f"Wrote {out}: {len(report.rows)} actions as at {day:%d %B %Y}.")
