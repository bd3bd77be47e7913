"""`joinedup demo` and `joinedup serve`: set up the demo database, and serve the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from joinedup.cli.errors import (
    EXIT_REFUSED,
    database_not_set_up,
    joinedup_command,
    not_set_up_message,
)
from joinedup.cli.main import app

Host = Annotated[str, typer.Option("--host", help="Address to listen on.")]
Port = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
Workers = Annotated[
    int, typer.Option("--workers", min=1, max=64, help="Number of gunicorn worker processes.")
]


@app.command("demo")
def demo(
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Set up the demo database, then exit.")
    ] = False,
    host: Host = "127.0.0.1",
    port: Port = 8000,
    workers: Workers = 2,
) -> None:
    """Set up the demo partnerships from the seed papers, print the sign-ins, serve the site."""
    from django.core.management import call_command

    from joinedup.demo.loader import DEMO_PASSWORD, demo_load

    typer.echo("Preparing the database…")
    call_command("migrate", interactive=False, verbosity=0)
    build_assets_if_missing()
    collect_static()
    typer.echo("Loading the demo partnerships…")
    sign_ins = demo_load()
    typer.echo("")
    typer.echo(f"Demo sign-ins (every password is {DEMO_PASSWORD}):")
    width = max(len(s.username) for s in sign_ins)
    for s in sign_ins:
        role = s.role.replace("_", " ")
        typer.echo(f"  {s.username:<{width}}  {s.partnership:<17} {role:<18} {s.role_title}")
    typer.echo("")
    if no_serve:
        typer.echo(f"Demo database ready. Start the site with: {joinedup_command()} serve")
        return
    serve(host=host, port=port, workers=workers)


Debug = Annotated[
    bool,
    typer.Option(
        "--debug",
        help="Serve with the debug settings: error pages show tracebacks. Never on a network.",
    ),
]
# The settings `serve` runs unless told otherwise: debug off (config/settings/serve.py).
SERVE_SETTINGS = "config.settings.serve"
DEBUG_SETTINGS = "config.settings.local"


@app.command("serve")
def serve(
    host: Host = "127.0.0.1", port: Port = 8000, workers: Workers = 2, debug: Debug = False
) -> None:
    """Serve the site with gunicorn (static files by whitenoise) until stopped."""
    from django.conf import settings
    from django.db import connections

    # gunicorn would start and answer every request with a 500: say what to run instead.
    if database_not_set_up():
        typer.echo(not_set_up_message(), err=True)
        raise typer.Exit(EXIT_REFUSED)
    if not _has_files(Path(settings.STATIC_ROOT)):
        collect_static()
    connections.close_all()
    os.environ["DJANGO_SETTINGS_MODULE"] = _settings_to_serve(debug)
    mode = " with debug on: never expose this to a network" if debug else ""
    typer.echo(f"Serving Joined-Up on http://{host}:{port}/{mode} (Ctrl+C to stop)")
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--chdir",
        str(settings.BASE_DIR),
        "--access-logfile",
        "-",
    ]
    sys.stdout.flush()
    # gunicorn takes over this process, so Ctrl+C and signals reach it directly.
    os.execv(sys.executable, argv)  # noqa: S606


def _settings_to_serve(debug: bool) -> str:
    """The debug settings only when asked for; settings chosen in DJANGO_SETTINGS_MODULE (such
    as production's) are kept, except the command line's own debug default."""
    if debug:
        return DEBUG_SETTINGS
    chosen = os.environ.get("DJANGO_SETTINGS_MODULE", DEBUG_SETTINGS)
    return SERVE_SETTINGS if chosen == DEBUG_SETTINGS else chosen


def build_assets_if_missing() -> None:
    """Compile the stylesheet with scripts/build-assets when it has not been built yet.

    An installed copy carries the built files in joinedup/static/, so this is for a checkout.
    """
    from django.conf import settings

    base = Path(settings.BASE_DIR)
    if (base / "joinedup" / "static" / "build" / "joinedup.css").exists():
        return
    script = base / "scripts" / "build-assets"
    if not script.exists() or shutil.which("npm") is None:
        typer.echo("Warning: styles not built (needs Node and scripts/build-assets).", err=True)
        return
    typer.echo("Building the stylesheet…")
    result = subprocess.run([str(script)], cwd=base, check=False)  # noqa: S603
    if result.returncode != 0:
        typer.echo("Warning: scripts/build-assets failed; pages will be unstyled.", err=True)


def collect_static() -> None:
    """Gather static files into STATIC_ROOT, where whitenoise serves them from."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _has_files(directory: Path) -> bool:
    return directory.is_dir() and any(directory.iterdir())
