"""The crashes the fuzz test found, each pinned as a located error a writer can fix.

A condition nested hundreds of brackets deep or with a thousand 'not's blew the
parser's stack; a number of 400 digits overflowed the float conversions; one of
4,300+ digits made PyYAML's int conversion raise. Each is now a problem at the
line of the offending value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.core.conditions import ConditionSyntaxError, parse_condition

MINI = Path(__file__).resolve().parent.parent / "data" / "valid" / "mini.yaml"


@pytest.mark.parametrize("text", [
    "(" * 250 + "trust > 3" + ")" * 250,
    "not " * 1000 + "trust > 3",
    "(not " * 300 + "trust" + ")" * 300,
], ids=["brackets", "nots", "both"])
def test_deep_conditions_are_syntax_errors(text: str) -> None:
    with pytest.raises(ConditionSyntaxError, match="inside each other"):
        parse_condition(text)


def test_thirty_nine_levels_still_parse() -> None:
    assert parse_condition("(" * 20 + "not " * 19 + "trust > 3" + ")" * 20).evaluate(
        {"trust": 1.0})


def test_a_huge_number_in_a_condition_is_a_syntax_error() -> None:
    with pytest.raises(ConditionSyntaxError, match="too big"):
        parse_condition("trust > " + "9" * 400)


# what to replace in mini.yaml, with what, and the words and line of the error
CASES = [
    ("          - if: arousal >= 10", "          - if: " + "not " * 1000 + "arousal >= 10",
     "inside each other", 34),
    ("  age: 30", "  age: " + "9" * 4400, "thousands of digits", 9),
    ("  trust: {start: 3}", "  trust: {start: " + "9" * 400 + "}", "digits", 14),
    ("  age: 30", "  age: " + "9" * 400, "digits", 9),
    ("effects: {trust: 2, arousal: -3}", "effects: {trust: " + "9" * 400 + ", arousal: -3}",
     "too big", 25),
    ("effects: {trust: 2, arousal: -3}", "effects: {trust: '= " + "9" * 400 + "', arousal: -3}",
     "too big", 25),
]


@pytest.mark.parametrize(("old", "new", "words", "line"), CASES,
                         ids=["nots", "int_4400", "start_400", "age_400", "effect_400",
                              "effect_set_400"])
def test_huge_and_deep_values_are_located_errors(old: str, new: str, words: str, line: int,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    text = MINI.read_text()
    assert old in text
    path = tmp_path / "scenario.yaml"
    path.write_text(text.replace(old, new, 1))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    located = [row for row in out.splitlines() if row.startswith(f"{path}:{line}:")]
    assert any(words in row for row in located), out[:2000]
    assert all(len(row) < 400 for row in out.splitlines())  # the number is not echoed whole
