"""Command groups that several apps add to: `joinedup report ...`, `import ...`, `export ...`.

An app's CLI module adds its command to the group, e.g.
`@report_app.command("progress")` gives `joinedup report progress`.
"""

from __future__ import annotations

import typer

from joinedup.cli.main import app

report_app = typer.Typer(help="Generate board and committee reports (DOCX, PDF, HTML...).")
import_app = typer.Typer(help="Import records from spreadsheets (all-or-nothing, --dry-run).")
export_app = typer.Typer(help="Export records to spreadsheets.")

app.add_typer(report_app, name="report", no_args_is_help=True)
app.add_typer(import_app, name="import", no_args_is_help=True)
app.add_typer(export_app, name="export", no_args_is_help=True)
