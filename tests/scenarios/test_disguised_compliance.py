"""Golden routes through 'disguised-compliance': a third visit where a parent says
every agreed task is done, and the worker can see and has checked that it is not.

Each route is written out as the option numbers a learner would click, so a change
to the scenario that breaks a route (or quietly changes where it leads) fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from simulator.core.loader import load_scenario, validate_file
from simulator.core.model import Scenario
from simulator.core.report import build_report
from simulator.core.routes import reachable_endings, strategy, walk
from simulator.core.session import Session

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "disguised-compliance.yaml"

# The first option graded best at every decision.
BEST = [4, 3, 2, 3, 2, 3, 3, 4, 2, 4, 1, 4, 2]
# Mostly acceptable answers: Jade admits part of it, but the plan stays vague.
MIXED = [2, 2, 2, 1, 2, 1, 4, 1, 4, 3, 1, 3, 4]
# A good opening, then taking 'it's all sorted' at face value and chatting.
ACCEPTS_AGREEMENT = [4, 1, 1]
# Asking about a GP appointment the worker knows does not exist, then believing
# the answer.
ACCEPTS_COVER_STORY = [4, 2, 1, 1]
# The first harmful option at every decision: a sarcastic challenge, then arguing.
WORST = [3, 1]

ROUTES = {
    "real_start": BEST,
    "half_truths": MIXED,
    "same_again": ACCEPTS_AGREEMENT,
    "thrown_out": WORST,
}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


def play(scenario: Scenario, choices: list[int]) -> dict[str, Any]:
    with Session(scenario) as session:
        walk(session, choices)
        return build_report(session)


def test_file_is_clean_under_strict_validation() -> None:
    result = validate_file(SCENARIO)
    assert result.scenario is not None
    assert [str(p) for p in result.problems] == []


def test_best_route_is_what_the_best_strategy_plays(scenario: Scenario) -> None:
    with Session(scenario) as session:
        walk(session, picker=strategy("best"))
        assert [t.option_number for t in session.turns] == BEST


def test_best_route_ends_engaged_with_good_miti_ratios(scenario: Scenario) -> None:
    report = play(scenario, BEST)
    assert report["ending"]["id"] == "real_start"
    assert report["ending"]["outcome"] == "engaged"
    assert len(report["turns"]) >= 10
    assert all(turn["grade"] == "best" for turn in report["turns"])
    verdicts = report["report"]["mi"]["verdicts"]
    assert verdicts["r_q"] == "good"
    assert verdicts["pct_cr"] == "good"
    assert report["report"]["mi"]["non_adherent"] == 0


def test_best_route_brings_out_the_truth(scenario: Scenario) -> None:
    report = play(scenario, BEST)
    start, end = report["report"]["trajectory"][0], report["report"]["trajectory"][-1]
    assert end["candour"] > start["candour"]
    assert end["child_focus"] > start["child_focus"]


def test_mixed_route_reaches_a_partial_ending(scenario: Scenario) -> None:
    report = play(scenario, MIXED)
    assert report["ending"]["id"] == "half_truths"
    assert report["ending"]["outcome"] == "partial"


@pytest.mark.parametrize("choices", [ACCEPTS_AGREEMENT, ACCEPTS_COVER_STORY])
def test_accepting_the_agreement_again_ends_badly(scenario: Scenario,
                                                  choices: list[int]) -> None:
    report = play(scenario, choices)
    assert report["ending"]["id"] == "same_again"
    assert report["ending"]["outcome"] == "disengaged"
    # The tempting option is not graded as a good one, though it feels pleasant:
    # trust stays up while openness and the focus on Alfie fall.
    last = report["turns"][-1]
    assert last["grade"] == "unhelpful"
    final = report["report"]["trajectory"][-1]
    assert final["trust"] >= 5
    assert final["candour"] <= 1


def test_worst_strategy_escalates(scenario: Scenario) -> None:
    with Session(scenario) as session:
        walk(session, picker=strategy("worst"))
        assert [t.option_number for t in session.turns] == WORST
        ending = session.ending
        assert ending is not None
        assert ending.id == "thrown_out"
        assert ending.outcome == "escalated"


@pytest.mark.parametrize(("ending_id", "choices"), sorted(ROUTES.items()))
def test_each_ending_has_a_route(scenario: Scenario, ending_id: str,
                                 choices: list[int]) -> None:
    assert play(scenario, choices)["ending"]["id"] == ending_id


def test_routes_cover_every_ending_and_outcome(scenario: Scenario) -> None:
    assert set(ROUTES) == set(scenario.endings)
    reached, complete = reachable_endings(scenario)
    assert complete
    assert reached == set(scenario.endings)
    outcomes = {ending.outcome for ending in scenario.endings.values()}
    assert outcomes == {"engaged", "partial", "disengaged", "escalated"}
