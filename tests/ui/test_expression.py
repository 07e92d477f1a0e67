"""The client's face follows the node's expression, else what the client does and
says, else their state."""

import pytest

from simulator.core.model import EXPRESSIONS
from simulator.ui.expression import expression_for


@pytest.mark.parametrize(("trust", "arousal", "expected"), [
    (5, 8, "angry"),  # stirred up beats everything else
    (9, 7, "upset"),  # flooded, with someone they trust: distress, not anger
    (8, 2, "relieved"),
    (7, 4, "relieved"),
    (8, 5, "upset"),  # trusting but still upset is not relief
    (4, 5, "guarded"),  # wound up and wary is defiance: no tears
    (3, 6, "guarded"),  # Gary at the start of the group
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


def test_a_defiant_client_is_never_drawn_crying() -> None:
    # Gary, coat zipped, arms folded, heat 6 and trust 3; Mr Pryce bristling upright.
    gary = expression_for(None, {"trust": 3, "arousal": 6}, None,
                          "chair pushed back out of the circle, coat zipped, arms folded",
                          "Week three. Nine more Tuesdays of this.")
    harry = expression_for(None, {"trust": 3, "arousal": 5}, None,
                           "Sits very upright in his armchair, walking stick across his knees.",
                           "I know who it is, Susan. I'm eighty-four, not deaf.")
    assert gary != "upset" and harry != "upset"
    assert gary == "guarded"


def test_a_child_saying_she_is_bad_looks_hurt_not_angry() -> None:
    flooded = {"trust": 2, "arousal": 8}
    assert expression_for(None, flooded, None, "looks at the shoe lying by the wall",
                          "Maybe if I was better she'd come.") == "upset"
    assert expression_for(None, flooded, None, "", "She doesn't need me.") == "upset"
    # The same state with angry words and no hurt stays angry.
    assert expression_for(None, flooded, None, "", "Go AWAY! It's your fault!") == "angry"


@pytest.mark.parametrize(("cue", "expected"), [
    ("fists clenched, backed up against the coats", "angry"),
    ("bangs the mug down", "angry"),  # trusting, but this moment is anger
    ("face pressed into her knees; her voice is muffled", "upset"),
    ("Her voice cracks, and she covers it with a short laugh.", "upset"),
    ("The smile drops. She holds him tighter.", "guarded"),
    ("Gives a short laugh with no humour in it.", "guarded"),
    ("Half a smile: the first one today.", "relieved"),
])
def test_what_the_client_visibly_does_decides(cue: str, expected: str) -> None:
    assert expression_for(None, {"trust": 8, "arousal": 2}, None, cue) == expected


def test_a_cue_about_someone_else_is_not_the_clients_face() -> None:
    out = {"trust": 0, "arousal": 10}
    assert expression_for(None, out, None, "Susan is in tears in the hallway.",
                          "Out. Both of you.", ("Susan",)) == "angry"
    assert expression_for(None, out, None, "Ruby is crying on the sofa.",
                          "Get out of my house!") == "angry"
    assert expression_for(None, out, None, "She bolts upstairs, crying.") == "upset"


def test_the_writers_expression_still_wins_over_the_cue() -> None:
    assert expression_for("calm", {"trust": 0, "arousal": 10}, None, "slams the door") == "calm"


def test_folded_arms_do_not_hide_a_client_who_is_dysregulated() -> None:
    assert expression_for(None, {"trust": 3, "arousal": 8}, None, "arms folded") == "angry"
    assert expression_for(None, {"trust": 3, "arousal": 5}, None, "arms folded") == "guarded"
