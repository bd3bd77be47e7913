"""One convention for the `joinedup` command's errors: a one-line message and an exit status.

  0  done.
  1  refused: the command was understood but not carried out: invalid data, a rule or a
     permission said no, a file failed its checks, or the database is not set up.
  2  usage: a bad option or argument, or a record that does not exist or that the acting person
     may not see (an unknown plan, body, register, user, rule, matrix...). Click's own usage
     errors (a missing option, a value out of range) exit 2 as well.

Every command module raises `refused(...)` or `usage(...)`; none picks a number of its own.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import typer

EXIT_REFUSED = 1
EXIT_USAGE = 2

HELP = (
    "Exit status: 0 done; 1 refused (invalid data, not permitted, database not set up); "
    "2 bad usage or an unknown record (plan, body, register, user...)."
)


def fail(message: str, code: int) -> typer.Exit:
    """Print `Error: message` on standard error; the caller raises what this returns."""
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def refused(message: str) -> typer.Exit:
    """The command was understood but not carried out (exit 1)."""
    return fail(message, EXIT_REFUSED)


def usage(message: str) -> typer.Exit:
    """A bad option or argument, or an unknown record (exit 2)."""
    return fail(message, EXIT_USAGE)


def joinedup_command() -> str:
    """How to type this `joinedup` here: its bare name when PATH finds it, else its path.

    `scripts/demo` runs `.venv/bin/joinedup` without activating the environment, so a message
    that says "run `joinedup serve`" would name a command the shell cannot find.
    """
    script = Path(sys.executable).with_name("joinedup")
    if not script.is_file():
        return "joinedup"
    found = shutil.which("joinedup")
    if found and Path(found).resolve() == script.resolve():
        return "joinedup"
    try:
        return str(script.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(script.absolute())


def database_not_set_up() -> bool:
    """True when the default database lacks tables because its migrations have not been run."""
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        # Not a missing migration: the database cannot be reached at all.
        return False


def not_set_up_message() -> str:
    command = joinedup_command()
    return (
        f"Error: the database is not set up: run `{command} manage migrate` "
        f"(or `{command} demo --no-serve` for the demo)."
    )
