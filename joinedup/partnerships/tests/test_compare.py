"""Comparing two versions of terms of reference."""

from __future__ import annotations

from types import SimpleNamespace

from joinedup.partnerships import compare


def _tor(version, **fields):
    base = {name: "" for name, _ in compare.FIELDS}
    return SimpleNamespace(version=version, **(base | fields))


def test_it_marks_words_removed_and_added():
    html = compare.inline_diff("jointly chaired by the Leader", "chaired by the PCT Chair")

    assert "<del>jointly </del>" in html
    assert "<del>Leader</del><ins>PCT Chair</ins>" in html


def test_it_escapes_the_text_it_compares():
    html = compare.inline_diff("<script>", "<b>")

    assert "<script>" not in html
    assert "&lt;" in html


def test_it_compares_field_by_field():
    a = _tor(1, purpose="Steer the PST project.", quorum_rule="Both joint chairs")
    b = _tor(
        2,
        purpose="Steer HPS as a working group of Cabinet and the PCT Board.",
        quorum_rule="Both joint chairs",
        quorum_minimum=4,
    )

    diffs = {d.name: d for d in compare.compare_tor(a, b)}

    assert diffs["purpose"].changed and not diffs["quorum_rule"].changed
    assert diffs["quorum_minimum"].new == "4"
    assert diffs["purpose"].unified.splitlines()[:2] == [
        "--- Purpose (version 1)",
        "+++ Purpose (version 2)",
    ]


def test_it_lines_up_versions_side_by_side():
    rows = compare.side_by_side("Purpose\nQuorum: 3", "Purpose\nQuorum: 4\nReview yearly")

    assert [r.kind for r in rows] == ["same", "changed", "added"]
    assert rows[1].left == "Quorum: <del>3</del>"
    assert rows[1].right == "Quorum: <ins>4</ins>"
    assert rows[2].left == "" and "<ins>Review yearly</ins>" in rows[2].right
