"""Golden routes through 'disguised-compliance': a third visit where a parent says
every agreed task is done, and the worker can see and has checked that it is not.

Each route is written out as the option numbers a learner would click, so a change
to the scenario that breaks a route (or quietly changes where it leads) fails here.
"""

from __future__ import annotations

import pytest

from simulator.core.model import Scenario
from tests.scenarios import golden

SCENARIO_ID = "disguised-compliance"

# The first option graded best at every decision.
BEST = [4, 3, 4, 3, 4, 3, 3, 4, 2, 4, 1, 4, 2]
# Mostly acceptable answers: Jade admits part of it, but the plan stays vague.
MIXED = [2, 2, 4, 1, 2, 1, 4, 1, 4, 3, 1, 3, 4]
# A good opening, then taking 'it's all sorted' at face value and chatting.
ACCEPTS_AGREEMENT = [4, 1, 2]
# Asking about a GP appointment the worker knows does not exist, then believing
# the answer.
ACCEPTS_COVER_STORY = [4, 2, 1, 2]
# The first harmful option at every decision: a sarcastic challenge, then arguing.
WORST = [3, 1]

ROUTES = {
    "real_start": BEST,
    "half_truths": MIXED,
    "same_again": ACCEPTS_AGREEMENT,
    "thrown_out": WORST,
}


def test_best_route_is_what_the_best_strategy_plays(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_best_route_ends_engaged_with_good_miti_ratios(scenario: Scenario) -> None:
    golden.assert_best_route(golden.play(scenario, BEST), "real_start")


def test_best_route_brings_out_the_truth(scenario: Scenario) -> None:
    report = golden.play(scenario, BEST)
    start, end = report["report"]["trajectory"][0], report["report"]["trajectory"][-1]
    assert end["candour"] > start["candour"]
    assert end["child_focus"] > start["child_focus"]


def test_mixed_route_reaches_a_partial_ending(scenario: Scenario) -> None:
    golden.assert_ending(golden.play(scenario, MIXED), "half_truths", "partial")


@pytest.mark.parametrize("choices", [ACCEPTS_AGREEMENT, ACCEPTS_COVER_STORY])
def test_accepting_the_agreement_again_ends_badly(scenario: Scenario,
                                                  choices: list[int]) -> None:
    report = golden.play(scenario, choices)
    golden.assert_ending(report, "same_again", "disengaged")
    # The tempting option is not graded as a good one, though it feels pleasant:
    # trust stays up while openness and the focus on Alfie fall. Taking a cover story
    # the worker has checked is false leaves Alfie's cough unseen: a safety failure.
    last = report["turns"][-1]
    assert last["grade"] == ("harmful" if choices == ACCEPTS_COVER_STORY else "unhelpful")
    if choices == ACCEPTS_COVER_STORY:
        assert "cough goes unseen" in last["safety_failure"]
        assert report["report"]["overall"]["score"] <= 40
    final = report["report"]["trajectory"][-1]
    assert final["trust"] >= 5
    assert final["candour"] <= 1


def test_moralising_after_the_truth_shuts_her_down_not_open(scenario: Scenario) -> None:
    # She admits the appointment was never booked; a telling-off about priorities
    # must not be followed by her opening up about the cot and the group.
    with golden.playing(scenario, [4, 3, 4, 2]) as session:
        assert session.position == "shut" and session.node is not None
        assert "Whatever you say" in session.node.lines[0].text
        session.choose(3)  # repair: reflect how the telling-off landed
        assert session.position == "wrap_up"


def test_worst_strategy_escalates(scenario: Scenario) -> None:
    report = golden.play_strategy(scenario, "worst")
    assert golden.route(report) == WORST
    golden.assert_ending(report, "thrown_out", "escalated")


def test_each_ending_has_its_own_route(scenario: Scenario) -> None:
    golden.assert_routes_reach_every_ending(scenario, ROUTES)
