"""`joinedup manage ...`: Django's own management commands, for administrators."""

from __future__ import annotations

import typer

from joinedup.cli.main import app


@app.command(
    "manage",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    help="Run a Django management command (migrate, createsuperuser, shell...).",
)
def manage(ctx: typer.Context) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["joinedup manage", *ctx.args])
