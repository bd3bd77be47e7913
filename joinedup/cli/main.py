"""The `joinedup` command: another face of the same core as the web pages and the API.

Each command group lives in its own module under joinedup.cli and registers on `app`.
Django is set up before any command runs, so commands call services and selectors directly.
"""

from __future__ import annotations

import os
import sys

import typer

from joinedup.cli.errors import EXIT_REFUSED, HELP, database_not_set_up, not_set_up_message

app = typer.Typer(
    name="joinedup",
    help=(
        "Joined-Up: run a multi-agency public-service partnership.\n\n"
        "Start with `joinedup demo`, then sign in with one of the sign-ins it prints. "
        "`joinedup list partnerships|bodies|plans|registers|meetings` shows the slugs the other "
        f"commands take.\n\n{HELP}"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def _register_commands() -> None:
    # Imported for their side effect of adding commands to `app`.
    from joinedup.cli import (  # noqa: F401
        deadline,
        demo,
        groups,
        lists,
        manage,
        meetings,
        programme,
        programme_io,
        risks,
        users,
    )


def main() -> None:
    from django.db import DatabaseError

    setup_django()
    _register_commands()
    try:
        app(prog_name="joinedup")
    except DatabaseError:
        # A table is missing because migrations have not run: one line naming the fix, no
        # traceback. (Not for `manage migrate` itself, whose own failure is the real story.)
        if sys.argv[1:3] == ["manage", "migrate"] or not database_not_set_up():
            raise
        typer.echo(not_set_up_message(), err=True)
        sys.exit(EXIT_REFUSED)


if __name__ == "__main__":
    # Run through the imported module, where the command modules register their commands
    # (`python -m` would otherwise give this file a second, empty `app`).
    from joinedup.cli.main import main as _main

    sys.exit(_main())
