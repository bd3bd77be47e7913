"""Spreadsheet import and export of a plan's actions (XLSX and CSV, in and out).

(Reading and writing sheets, and the upload checks, are shared: `joinedup.core.io`.)
- `columns`: the column spec (headers, aliases, required columns) and cell parsers.
- `validate`: rows checked against the spec and the plan's people, partners and status
  words, with the row AND column of every error. Pure: no database.
- `actions`: the import (all-or-nothing, dry run, re-import by reference updates) and the
  export, through the programme services and the permission layer.
"""
