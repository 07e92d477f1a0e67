"""Pedagogy lint: each rule warns on a scenario that breaks it and is silent otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.loader import validate_file

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"


def warnings_for(tmp_path: Path, *edits: tuple[str, str]) -> list[str]:
    text = MINI.read_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "lint.yaml"
    path.write_text(text)
    result = validate_file(path)
    assert result.scenario is not None, [str(p) for p in result.errors]
    return [str(p) for p in result.warnings]


def test_the_clean_example_has_no_warnings(tmp_path: Path) -> None:
    assert warnings_for(tmp_path) == []


@pytest.mark.parametrize(
    ("edits", "words"),
    [
        ((("  arousal: {start: 8}\n", "  arousal: {start: 8}\n  stage: {start: 2}\n"),
          ("effects: {arousal: 1}", "effects: {arousal: 1, stage: 1}")),
         "the variable 'stage' is never read by any branch condition"),
        ((("frameworks: [mi, pace, r4]", "frameworks: [mi, r4]"),
          ("codes: {mi: CR, pace: [acceptance, empathy], r4: regulate}",
           "codes: {mi: CR, r4: regulate}"),
          ("codes: {mi: Confront, pace: [interrogating], r4: reason}",
           "codes: {mi: Confront, r4: reason}"),
          ("  age: 30\n", "  age: 9\n")),
         "Sam is a child or young person, but the scenario is not scored on PACE"),
        ((("frameworks: [mi, pace, r4]", "frameworks: [mi, r4]"),
          ("codes: {mi: CR, pace: [acceptance, empathy], r4: regulate}",
           "codes: {mi: CR, r4: regulate}"),
          ("codes: {mi: Confront, pace: [interrogating], r4: reason}",
           "codes: {mi: Confront, r4: reason}"),
          ("  age: 30\n", "  avatar: teen_girl\n")),
         "is a child or young person, but the scenario is not scored on PACE"),
        ((("frameworks: [mi, pace, r4]", "frameworks: [mi, r4]"),
          ("codes: {mi: CR, pace: [acceptance, empathy], r4: regulate}",
           "codes: {mi: CR, r4: regulate}"),
          ("codes: {mi: Confront, pace: [interrogating], r4: reason}",
           "codes: {mi: Confront, r4: reason}"),
          ("  age: 30\n", "  age: 17\n")),
         "Sam is a child or young person, but the scenario is not scored on PACE"),
        ((("codes: {mi: CR, pace", "codes: {mi: SR, pace"),),
         "the best route's complex reflections score is below fair; MITI calls 50% good"),
        ((("codes: {mi: CR, pace", "codes: {mi: OQ, pace"),
          ("codes: {mi: Seek, r4: reason}", "codes: {mi: OQ, r4: reason}")),
         "the best route's reflections to questions score is below fair; MITI calls 2:1 good"),
        ((("            goto: engaged\n", "            goto: partial\n"),
          ("          - goto: partial\n", "          - goto: engaged\n")),
         "the best route ends in 'partial' (partial), not an engaged ending"),
        ((("if: arousal >= 10", "if: arousal >= 11"),),
         "no sequence of choices reaches ending 'walkout'"),
    ],
)
def test_each_rule_warns(tmp_path: Path, edits, words: str) -> None:
    warnings = warnings_for(tmp_path, *edits)
    assert any(words in w for w in warnings), warnings


def test_a_node_whose_conditions_never_hold_is_named(tmp_path: Path) -> None:
    """Not only the ending behind it: the writer should see where the route breaks."""
    warnings = warnings_for(
        tmp_path,
        ("explain: Rolls with it.\n        next: middle",
         "explain: Rolls with it.\n        next:\n          - if: trust >= 9\n"
         "            goto: middle\n          - goto: partial"),
        ("          - goto: middle\n", "          - goto: partial\n"),
        ("explain: Closed and off-topic.\n        next: middle",
         "explain: Closed and off-topic.\n        next: partial"))
    assert any("no sequence of choices reaches node 'middle'" in w for w in warnings), warnings
    assert any("no sequence of choices reaches ending 'engaged'" in w for w in warnings)


def test_a_threshold_past_the_end_of_the_range_is_pointed_at(tmp_path: Path) -> None:
    """Found from the file alone, so it works however large the scenario is."""
    text = MINI.read_text()
    line = text[:text.index("if: arousal >= 10")].count("\n") + 1
    col = text.splitlines()[line - 1].index("arousal") + 1
    warnings = warnings_for(tmp_path, ("if: arousal >= 10", "if: arousal >= 11"))
    assert any(f"lint.yaml:{line}:{col}: warning: the condition of branch 1 of option 2 of "
               "node 'opening' can never hold: arousal runs 0..10" in w
               for w in warnings), warnings


def test_trust_and_arousal_must_use_the_scale_the_4rs_read(tmp_path: Path) -> None:
    warnings = warnings_for(tmp_path, ("  arousal: {start: 8}", "  arousal: {start: 8, max: 20}"))
    assert any("'arousal' runs 0..20, but the 4 R's read it on a 0..10 scale" in w
               for w in warnings), warnings


def test_a_child_scored_on_pace_is_fine(tmp_path: Path) -> None:
    assert warnings_for(tmp_path, ("  age: 30\n", "  age: 9\n")) == []


def test_an_adult_of_eighteen_need_not_be_scored_on_pace(tmp_path: Path) -> None:
    assert warnings_for(
        tmp_path,
        ("frameworks: [mi, pace, r4]", "frameworks: [mi, r4]"),
        ("codes: {mi: CR, pace: [acceptance, empathy], r4: regulate}",
         "codes: {mi: CR, r4: regulate}"),
        ("codes: {mi: Confront, pace: [interrogating], r4: reason}",
         "codes: {mi: Confront, r4: reason}"),
        ("  age: 30\n", "  age: 18\n  avatar: teen_boy\n")) == []


def test_a_variable_that_is_read_and_changed_is_fine(tmp_path: Path) -> None:
    warnings = warnings_for(
        tmp_path,
        ("  arousal: {start: 8}\n", "  arousal: {start: 8}\n  stage: {start: 2}\n"),
        ("effects: {arousal: 1}", "effects: {arousal: 1, stage: 1}"),
        ("if: trust >= 5", "if: trust >= 5 or stage >= 3"))
    assert warnings == []
