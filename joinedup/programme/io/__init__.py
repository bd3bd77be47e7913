"""Spreadsheet import and export of a plan's actions (XLSX and CSV, in and out).

- `safety`: what an upload must be before anything parses it (size, type, zip-bomb checks)
  and formula-injection neutralising on the way out.
- `sheets`: read a sheet into rows of cells; write rows to XLSX or CSV.
- `columns`: the column spec (headers, aliases, required columns) and cell parsers.
- `validate`: rows checked against the spec and the plan's people, partners and status
  words, with the row AND column of every error. Pure: no database.
- `actions`: the import (all-or-nothing, dry run, re-import by reference updates) and the
  export, through the programme services and the permission layer.
"""
