"""Versioned reference data (YAML): calendar rules, status vocabularies, risk matrices.

It ships inside the package, so an installed Joined-Up finds it wherever it is installed;
code names a file with `reference_file("calendar_rules.yaml")`, never by a path of its own.
"""

from __future__ import annotations

from pathlib import Path

REFERENCE_DATA_DIR = Path(__file__).resolve().parent


def reference_file(*parts: str) -> Path:
    """The path of a file (or folder) of reference data, e.g. `reference_file("risk_matrices")`."""
    return REFERENCE_DATA_DIR.joinpath(*parts)
