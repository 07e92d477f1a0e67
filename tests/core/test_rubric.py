"""The grading rubric's lint: a grade the codes contradict is named, a sound one is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_lint import warnings_for

# mini.yaml's 'opening': best CR, harmful Confront, unhelpful CQ; 'middle': best Seek,
# harmful Persuade.
BEST_CR = "grade: best\n        codes: {mi: CR"
CONFRONT = "grade: harmful\n        codes: {mi: Confront"


@pytest.mark.parametrize(
    ("edits", "words"),
    [
        (((BEST_CR, "grade: acceptable\n        codes: {mi: CR"),
          ("grade: unhelpful\n        codes: {mi: CQ}", "grade: best\n        codes: {mi: OQ}")),
         "option 3 of node 'opening' is graded best, but option 1 (Complex reflection) is "
         "more MI-adherent"),
        (((CONFRONT, "grade: unhelpful\n        codes: {mi: Confront"),),
         "option 2 of node 'opening' is graded unhelpful but coded Confronting, which the "
         "rubric grades harmful"),
        ((("        explain: Closed and off-topic.\n",
           "        explain: Closed and off-topic.\n        safety_failure: ignores a "
           "disclosure\n"),),
         "option 3 of node 'opening' is marked as a safety failure but graded unhelpful"),
    ],
)
def test_a_grade_against_the_rubric_is_named(tmp_path: Path, edits, words: str) -> None:
    warnings = warnings_for(tmp_path, *edits)
    assert any(words in w for w in warnings), warnings


def test_honest_information_may_be_best_beside_a_reflection(tmp_path: Path) -> None:
    """A plain answer about the worker's role can be the best response (DOMAIN.md 1)."""
    warnings = warnings_for(
        tmp_path, (BEST_CR, "grade: acceptable\n        codes: {mi: CR"),
        ("grade: unhelpful\n        codes: {mi: CQ}", "grade: best\n        codes: {mi: GI}"))
    assert not any("more MI-adherent" in w for w in warnings), warnings


def test_two_equally_adherent_best_options_are_fine(tmp_path: Path) -> None:
    warnings = warnings_for(
        tmp_path, ("grade: unhelpful\n        codes: {mi: CQ}",
                   "grade: best\n        codes: {mi: AF}"))
    assert not any("more MI-adherent" in w for w in warnings), warnings


def test_a_harmful_safety_failure_is_fine(tmp_path: Path) -> None:
    warnings = warnings_for(tmp_path, (
        "        explain: Argues.\n",
        "        explain: Argues.\n        safety_failure: blames the victim\n"))
    assert not any("safety" in w for w in warnings), warnings


def test_a_second_mi_code_counts(tmp_path: Path) -> None:
    """MITI allows a second code; the rubric reads the stronger or the confronting one."""
    warnings = warnings_for(
        tmp_path, ("grade: unhelpful\n        codes: {mi: CQ}",
                   "grade: unhelpful\n        codes: {mi: [CQ, Confront]}"))
    assert any("option 3 of node 'opening' is graded unhelpful but coded Confronting" in w
               for w in warnings), warnings
    warnings = warnings_for(
        tmp_path, ("grade: unhelpful\n        codes: {mi: CQ}",
                   "grade: unhelpful\n        codes: {mi: [CQ, AF]}"),
        (BEST_CR, "grade: best\n        codes: {mi: [SR, CR]"))
    assert not any("more MI-adherent" in w for w in warnings), warnings
