"""Golden routes through 'neglect-first-visit': a first home visit after a school's
neglect referral, where the parent's fear and grievances pull the visit away from
the children.

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

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "neglect-first-visit.yaml"

# The first option graded best at every decision.
BEST = [2, 3, 1, 2, 4, 2, 1, 2, 4, 1, 4, 2, 4, 3, 3]
# Mostly acceptable answers: safe, but the children never become the focus.
MIXED = [1, 4, 2, 3, 2, 2, 4, 1, 3, 4, 1, 3, 3, 1, 2]
# The same visit, except the worker sides with Leanne against the school:
# she ends up liking the worker, and the children drop out of the visit.
DRIFT = [1, 4, 2, 3, 2, 1, 4, 1, 3, 4, 1, 3, 3, 1, 2]
# Playing the visit down, then holding back and arguing: trust runs out.
EVASIVE = [4, 1, 2, 1]
# The first harmful option at every decision: a threat at the door, then arguing.
WORST = [3, 2]

ROUTES = {
    "working_together": BEST,
    "door_ajar": MIXED,
    "parents_agenda": DRIFT,
    "shut_out": EVASIVE,
    "blow_up": WORST,
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
    assert report["ending"]["id"] == "working_together"
    assert report["ending"]["outcome"] == "engaged"
    assert len(report["turns"]) >= 10
    assert all(turn["grade"] == "best" for turn in report["turns"])
    verdicts = report["report"]["mi"]["verdicts"]
    assert verdicts["r_q"] == "good"
    assert verdicts["pct_cr"] == "good"
    assert report["report"]["mi"]["non_adherent"] == 0


def test_best_route_keeps_the_children_in_focus(scenario: Scenario) -> None:
    report = play(scenario, BEST)
    start, end = report["report"]["trajectory"][0], report["report"]["trajectory"][-1]
    assert end["child_focus"] > start["child_focus"]
    assert end["arousal"] < start["arousal"]
    assert end["trust"] > start["trust"]


def test_mixed_route_reaches_a_partial_ending(scenario: Scenario) -> None:
    report = play(scenario, MIXED)
    assert report["ending"]["id"] == "door_ajar"
    assert report["ending"]["outcome"] == "partial"


def test_siding_with_the_parent_ends_in_the_parents_agenda(scenario: Scenario) -> None:
    report = play(scenario, DRIFT)
    assert report["ending"]["id"] == "parents_agenda"
    # Leanne trusts the worker by the end; it is the children who were lost.
    final = report["report"]["trajectory"][-1]
    assert final["trust"] >= 8
    assert final["child_focus"] <= 3


def test_worst_strategy_escalates(scenario: Scenario) -> None:
    with Session(scenario) as session:
        walk(session, picker=strategy("worst"))
        assert [t.option_number for t in session.turns] == WORST
        ending = session.ending
        assert ending is not None
        assert ending.id == "blow_up"
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
