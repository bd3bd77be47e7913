"""`joinedup risk score L C` and `joinedup report risks`: the risk matrix and the board report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from joinedup.cli.errors import refused, usage
from joinedup.cli.groups import report_app
from joinedup.cli.main import app

FORMATS = ("docx", "pdf", "xlsx")

risk_app = typer.Typer(help="Score risks on a risk matrix.")
app.add_typer(risk_app, name="risk", no_args_is_help=True)


@risk_app.command("score")
def score(
    likelihood: Annotated[int, typer.Argument(help="Likelihood level, e.g. 4.")],
    consequence: Annotated[int, typer.Argument(help="Consequence level, e.g. 5.")],
    matrix: Annotated[str, typer.Option("--matrix", help="Matrix slug.")] = "npsa-5x5",
) -> None:
    """Print the score and band of LIKELIHOOD × CONSEQUENCE (e.g. `20 extreme`)."""
    from joinedup.risks import scoring
    from joinedup.risks.matrices import get_matrix

    try:
        found = scoring.score(get_matrix(matrix), likelihood, consequence)
    except scoring.ScoringError as exc:
        raise usage(str(exc)) from None
    typer.echo(str(found))


def _reader(username: str | None) -> Any:
    from joinedup.accounts.models import User

    if username is None:
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise refused("No administrator exists; name a reader with --as USERNAME.")
        return user
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise usage(f"No active person with username {username!r}.")
    return user


@report_app.command("risks")
def report_risks(
    register: Annotated[str, typer.Option("--register", help="Register slug.")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    output: Annotated[str, typer.Option("--format", help="docx, pdf or xlsx.")] = "docx",
    reader: Annotated[
        str | None,
        typer.Option("--as", help="Write what this person may see (default: the administrator)."),
    ] = None,
) -> None:
    """Write a risk register's board report (DOCX or PDF) or the register itself (XLSX)."""
    from django.http import Http404
    from django.utils import timezone

    from joinedup.risks import io, report, selectors
    from joinedup.risks.models import Register

    if output not in FORMATS:
        raise usage(f"--format must be one of {', '.join(FORMATS)}, not {output!r}.")
    user = _reader(reader)
    found = Register.objects.filter(slug=register).select_related("partnership").first()
    if found is None:
        raise usage(f"No risk register with slug {register!r}.")
    try:
        found = selectors.register_get(user=user, partnership=found.partnership, slug=register)
    except Http404:
        raise usage(f"{user.username} may not see the register {register!r}.") from None
    today = timezone.localdate()
    if output == "xlsx":
        content = io.export_xlsx(user=user, register=found, today=today)
    else:
        context = report.build_context(user=user, register=found, today=today)
        content = report.render(context, output)[0]
    out.write_bytes(content)
    typer.echo(f"Wrote {out} ({len(content):,} bytes).")


@risk_app.command("expire-acceptances")
def expire_acceptances(
    on: Annotated[
        str | None, typer.Option("--date", help="Treat this day (YYYY-MM-DD) as today.")
    ] = None,
) -> None:
    """Return tolerated risks whose acceptance has expired to assessed (run daily)."""
    import datetime as dt

    from django.utils import timezone

    from joinedup.risks import services

    try:
        today = dt.date.fromisoformat(on) if on else timezone.localdate()
    except ValueError:
        raise usage(f"{on!r} is not an ISO date (YYYY-MM-DD).") from None
    returned = services.risk_acceptances_expire(today=today)
    for risk in returned:
        typer.echo(f"{risk.reference} {risk.title}: acceptance expired, assessed again")
    typer.echo(f"{len(returned)} risk{'s' if len(returned) != 1 else ''} returned to assessed.")
