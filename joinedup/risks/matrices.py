"""The risk matrices, read from versioned reference data (reference_data/risk_matrices/*.yaml).

The data ships inside the package, in joinedup/reference_data/.
"""

from __future__ import annotations

import functools

import yaml

from joinedup.reference_data import reference_file
from joinedup.risks.scoring import Matrix, ScoringError, matrix_from_data

MATRIX_DIR = reference_file("risk_matrices")
DEFAULT_SLUG = "npsa-5x5"


@functools.cache
def all_matrices() -> dict[tuple[str, int], Matrix]:
    """Every matrix version, keyed by (slug, version)."""
    found: dict[tuple[str, int], Matrix] = {}
    for path in sorted(MATRIX_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            matrix = matrix_from_data(yaml.safe_load(handle))
        found[(matrix.slug, matrix.version)] = matrix
    return found


def get_matrix(slug: str = DEFAULT_SLUG, version: int | None = None) -> Matrix:
    """A matrix by slug (its latest version unless one is named); unknown slugs are refused."""
    versions = sorted(v for s, v in all_matrices() if s == slug)
    if not versions:
        known = ", ".join(sorted({s for s, _ in all_matrices()}))
        raise ScoringError(f"There is no risk matrix {slug!r} (known: {known}).")
    wanted = versions[-1] if version is None else version
    if (slug, wanted) not in all_matrices():
        raise ScoringError(f"There is no version {wanted} of the risk matrix {slug!r}.")
    return all_matrices()[(slug, wanted)]


def choices() -> list[tuple[str, str]]:
    latest = {s: get_matrix(s) for s, _ in all_matrices()}
    return [(slug, f"{m.name} ({m.size})") for slug, m in sorted(latest.items())]
