"""The condition and effect grammar: what writers can say, and what they cannot."""

import pytest

from simulator.core.conditions import (
    ConditionSyntaxError,
    never_holds,
    parse_condition,
    parse_effect,
)


@pytest.mark.parametrize(
    ("text", "state", "expected"),
    [
        ("arousal >= 7", {"arousal": 7}, True),
        ("arousal >= 7", {"arousal": 6.5}, False),
        ("trust < 3 and arousal > 5", {"trust": 2, "arousal": 6}, True),
        ("trust < 3 and arousal > 5", {"trust": 3, "arousal": 6}, False),
        ("trust < 3 or arousal > 5", {"trust": 9, "arousal": 6}, True),
        ("not (trust < 3)", {"trust": 5}, True),
        ("trust == 5", {"trust": 5}, True),
        ("trust != 5", {"trust": 5}, False),
        ("rupture", {"rupture": 1}, True),
        ("rupture", {"rupture": 0}, False),
        ("3 < trust", {"trust": 4}, True),
        ("trust >= -1", {"trust": 0}, True),
        # 'and' binds tighter than 'or', as in everyday logic and Python
        ("trust > 8 or trust < 2 and arousal > 5", {"trust": 9, "arousal": 0}, True),
    ],
)
def test_conditions_evaluate_like_their_plain_reading(text, state, expected) -> None:
    assert parse_condition(text).evaluate(state) is expected


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("arousal >= ", 11),
        ("arousal => 7", 8),
        ("__import__('os').system('x')", 11),
        ("arousal >= 7; import os", 12),
        ("(trust > 3", 10),
        ("trust > 3 trust", 10),
        ("", 0),
        ("7", 0),
    ],
)
def test_bad_conditions_are_rejected_with_the_position_of_the_mistake(text, offset) -> None:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(text)
    assert caught.value.offset == offset


def test_a_single_equals_sign_suggests_the_comparison() -> None:
    with pytest.raises(ConditionSyntaxError, match="to compare, write '=='"):
        parse_condition("trust = 5")


def test_condition_names_lists_variables_with_positions() -> None:
    condition = parse_condition("trust < 3 and not arousal >= 7")
    assert condition.names() == [("trust", 0), ("arousal", 18)]


@pytest.mark.parametrize(
    ("value", "start", "expected"),
    [(2, 5, 7), (-1, 5, 4), ("+1.5", 5, 6.5), ("= 3", 9, 3), ("-2", 5, 3)],
)
def test_effects_add_or_set(value, start, expected) -> None:
    assert parse_effect("trust", value).apply(start) == expected


@pytest.mark.parametrize("value", [True, "lots", "trust + 1", None, [1]])
def test_effects_that_are_not_numbers_are_refused(value) -> None:
    with pytest.raises(ValueError, match="use a number"):
        parse_effect("trust", value)


@pytest.mark.parametrize(("text", "expected"), [
    ("trust >= 11", True), ("trust >= 10", False), ("trust > 10", True), ("trust > 9.5", False),
    ("trust <= -1", True), ("trust < 0", True), ("trust < 1", False), ("trust == 12", True),
    ("trust == 4", False), ("trust != 12", False), ("11 <= trust", True), ("0 > trust", True),
    ("5 < trust", False), ("trust >= arousal", False),
])
def test_a_comparison_past_the_end_of_the_range_never_holds(text: str, expected: bool) -> None:
    [compare] = parse_condition(text).comparisons()
    assert never_holds(compare, 0, 10) is expected
