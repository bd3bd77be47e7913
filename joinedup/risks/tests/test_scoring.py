"""The pure scoring rules: every product the matrix allows has one band; others are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.risks import scoring
from joinedup.risks.matrices import all_matrices, get_matrix

NPSA = get_matrix("npsa-5x5")
MATRICES = list(all_matrices().values())


@pytest.mark.parametrize(
    ("likelihood", "consequence", "expected"),
    [(4, 5, "20 extreme"), (2, 4, "8 high"), (3, 2, "6 moderate"), (1, 3, "3 low")],
)
def test_it_scores_the_worked_examples(likelihood: int, consequence: int, expected: str) -> None:
    assert str(scoring.score(NPSA, likelihood, consequence)) == expected


def test_it_refuses_the_impossible_score_7() -> None:
    with pytest.raises(scoring.ScoringError, match="7 is not a score"):
        scoring.band_for(NPSA, 7)


def test_it_knows_the_fourteen_npsa_products() -> None:
    assert NPSA.products() == [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]


@given(st.sampled_from(MATRICES), st.data())
def test_it_gives_every_cell_of_every_matrix_exactly_one_band(matrix, data) -> None:
    likelihood = data.draw(st.sampled_from([lv.value for lv in matrix.likelihood]))
    consequence = data.draw(st.sampled_from([cv.value for cv in matrix.consequence]))
    found = scoring.score(matrix, likelihood, consequence)
    assert found.value == likelihood * consequence
    assert found.band.min <= found.value <= found.band.max


@given(st.sampled_from(MATRICES), st.integers(min_value=-5, max_value=40))
def test_it_refuses_every_product_the_matrix_cannot_make(matrix, value: int) -> None:
    if value in matrix.products():
        assert scoring.band_for(matrix, value).key
    else:
        with pytest.raises(scoring.ScoringError):
            scoring.band_for(matrix, value)


@given(st.integers(min_value=-3, max_value=9), st.integers(min_value=-3, max_value=9))
def test_it_refuses_levels_outside_the_matrix(likelihood: int, consequence: int) -> None:
    inside = 1 <= likelihood <= 5 and 1 <= consequence <= 5
    if inside:
        assert scoring.score(NPSA, likelihood, consequence).value == likelihood * consequence
    else:
        with pytest.raises(scoring.ScoringError):
            scoring.score(NPSA, likelihood, consequence)


@given(st.integers(1, 25), st.integers(1, 25), st.integers(1, 25))
def test_it_checks_consistency(inherent: int, current: int, target: int) -> None:
    errors, warnings = scoring.consistency(inherent, current, target)
    assert bool(errors) == (current > inherent)
    assert bool(warnings) == (target > current)


def test_it_works_out_the_next_review_and_the_divergent_score() -> None:
    assert scoring.next_review_due(dt.date(2026, 1, 15), "monthly") == dt.date(2026, 2, 15)
    assert scoring.next_review_due(dt.date(2026, 1, 31), "monthly") == dt.date(2026, 2, 28)
    assert scoring.displayed_score(None, [12, 16]) == (16, True)
    assert scoring.displayed_score(12, [12, 16]) == (12, False)


def test_it_follows_the_state_machine() -> None:
    assert scoring.can_transition("draft", "assessed")
    assert not scoring.can_transition("draft", "tolerated")
    assert not scoring.can_transition("archived", "assessed")
    assert scoring.effective_status("tolerated", dt.date(2026, 6, 30), dt.date(2026, 7, 1)) == (
        "assessed"
    )
