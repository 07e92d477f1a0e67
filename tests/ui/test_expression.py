"""The client's face follows the node's expression, or else their state."""

import pytest

from simulator.core.model import EXPRESSIONS
from simulator.ui.expression import expression_for


@pytest.mark.parametrize(("trust", "arousal", "expected"), [
    (5, 8, "angry"),  # stirred up beats everything else
    (9, 7, "angry"),
    (8, 2, "relieved"),
    (7, 4, "relieved"),
    (8, 5, "upset"),  # trusting but still upset is not relief
    (4, 5, "upset"),
    (2, 1, "guarded"),
    (3, 4, "guarded"),
    (5, 3, "calm"),
    (6, 0, "calm"),
])
def test_state_decides_when_the_node_does_not(trust: float, arousal: float,
                                              expected: str) -> None:
    assert expression_for(None, {"trust": trust, "arousal": arousal}) == expected


@pytest.mark.parametrize("named", EXPRESSIONS)
def test_a_named_expression_wins(named: str) -> None:
    assert expression_for(named, {"trust": 0, "arousal": 10}) == named


def test_an_unknown_name_falls_back_to_the_state() -> None:
    assert expression_for("smirking", {"trust": 5, "arousal": 9}) == "angry"


def test_other_scales_are_read_as_0_to_10() -> None:
    ranges = {"trust": (0, 100), "arousal": (0, 100)}
    assert expression_for(None, {"trust": 50, "arousal": 80}, ranges) == "angry"
    assert expression_for(None, {"trust": 90, "arousal": 10}, ranges) == "relieved"


def test_missing_state_is_calm() -> None:
    assert expression_for(None, {}) == "calm"
