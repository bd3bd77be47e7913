"""`joinedup deadline RULE DATE`: a statutory deadline from the one calendar service."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from joinedup.cli.errors import refused, usage
from joinedup.cli.main import app


def _organisation(slug: str | None) -> Any:
    if slug is None:
        return None
    from joinedup.accounts.models import Organisation

    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise usage(f"No organisation with slug {slug!r}.")
    return found


@app.command("deadline")
def deadline(
    rule: Annotated[str, typer.Argument(help="A named rule, e.g. nhs-complaint-ack, foi, sar.")],
    date: Annotated[str, typer.Argument(help="Start date (YYYY-MM-DD) or date-time.")],
    explain: Annotated[
        bool, typer.Option("--explain", help="List each day counted or skipped, and why.")
    ] = False,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="Apply this organisation's settings.")
    ] = None,
    variant: Annotated[
        str | None, typer.Option("--variant", help="Rule variant, e.g. working or calendar.")
    ] = None,
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Print the due date a named rule gives for DATE (an ISO date-time for clock-hour rules)."""
    from joinedup.core.calendar import (
        CalendarError,
        CalendarHorizonError,
        deadline_calculate,
        parse_start,
    )

    if output not in ("text", "json"):
        raise usage(f"--format must be text or json, not {output!r}.")
    try:
        start = parse_start(date)
    except ValueError:
        raise usage(f"{date!r} is not an ISO date (YYYY-MM-DD) or date-time.") from None
    org = _organisation(organisation)
    try:
        result = deadline_calculate(rule=rule, start=start, organisation=org, variant=variant)
    except CalendarHorizonError as exc:
        raise refused(str(exc)) from None
    except CalendarError as exc:
        raise usage(str(exc)) from None
    if output == "json":
        payload = {"rule": rule, "input": date, "due": result.due_iso}
        typer.echo(json.dumps({**payload, "explanation": result.explanation()}, indent=2))
        return
    typer.echo(result.due_iso)
    if explain:
        for line in result.explanation():
            typer.echo(f"  {line}")
