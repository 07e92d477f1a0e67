"""Helpers shared by the golden-route tests (tests/scenarios/test_<scenario>.py).

Each of those files writes out its scenario's routes as the option numbers a learner
would click and says where each one leads; these helpers play the real engine and hold
a route to the bar that a best route must clear. What every bundled scenario must do
anyway (strict-clean validation, every ending reachable, best and worst strategies)
is checked once for all of them in test_library_quality.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from simulator.core.loader import load_scenario
from simulator.core.model import Node, Scenario
from simulator.core.report import build_report
from simulator.core.routes import Picker, strategy, walk
from simulator.core.session import Session

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
OUTCOMES = {"engaged", "partial", "disengaged", "escalated"}


def scenario_path(scenario_id: str) -> Path:
    return SCENARIOS / f"{scenario_id}.yaml"


def load(scenario_id: str) -> Scenario:
    return load_scenario(scenario_path(scenario_id))


@contextmanager
def playing(scenario: Scenario, choices: Sequence[int] = (),
            picker: Picker | None = None) -> Iterator[Session]:
    """A session that has made these choices (then followed `picker`, if given)."""
    with Session(scenario) as session:
        walk(session, list(choices), picker=picker)
        yield session


def play(scenario: Scenario, choices: Sequence[int] = (),
         picker: Picker | None = None) -> dict[str, Any]:
    """The report of a session that made these choices (then followed `picker`)."""
    with playing(scenario, choices, picker) as session:
        return build_report(session)


def play_strategy(scenario: Scenario, name: str) -> dict[str, Any]:
    return play(scenario, picker=strategy(name))


def route(report: Mapping[str, Any]) -> list[int]:
    """The option numbers clicked in a played report."""
    return [turn["option"] for turn in report["turns"]]


def strategy_route(scenario: Scenario, name: str) -> list[int]:
    return route(play_strategy(scenario, name))


def first_of_grade(grade: str) -> Picker:
    """Pick the first option of this grade at every decision."""
    def pick(node: Node) -> int:
        return next(option.number for option in node.options if option.grade == grade)
    return pick


def assert_ending(report: Mapping[str, Any], ending_id: str,
                  outcome: str | None = None) -> None:
    assert report["ending"] is not None, "the conversation did not end"
    assert report["ending"]["id"] == ending_id
    if outcome is not None:
        assert report["ending"]["outcome"] == outcome


def assert_best_route(report: Mapping[str, Any], ending_id: str) -> None:
    """A best route: the engaged ending, ten turns or more, every response graded best,
    good MITI ratios and nothing MI non-adherent."""
    assert_ending(report, ending_id, "engaged")
    grades = [turn["grade"] for turn in report["turns"]]
    assert len(grades) >= 10
    assert grades == ["best"] * len(grades)
    mi = report["report"]["mi"]
    assert mi["verdicts"]["r_q"] == "good"
    assert mi["verdicts"]["pct_cr"] == "good"
    assert mi["non_adherent"] == 0


def assert_routes_reach_every_ending(scenario: Scenario,
                                     routes: Mapping[str, Sequence[int]]) -> None:
    """One written-out route per ending, each reaching its own ending, and the endings
    span all four outcomes."""
    assert set(routes) == set(scenario.endings)
    assert {ending.outcome for ending in scenario.endings.values()} == OUTCOMES
    for ending_id, choices in routes.items():
        reached = play(scenario, choices)["ending"]
        assert reached is not None and reached["id"] == ending_id, (ending_id, choices)


def assert_poor_runs_end_badly(scenario: Scenario) -> None:
    """Always the first harmful option, or always the first unhelpful one, ends badly."""
    for grade in ("harmful", "unhelpful"):
        ending = play(scenario, picker=first_of_grade(grade))["ending"]
        assert ending is not None and ending["outcome"] in ("escalated", "disengaged"), grade


def assert_every_decision_offers_a_real_choice(scenario: Scenario, *,
                                               one_best: bool = False) -> None:
    """At least three options, a best one (exactly one if `one_best`) and a poor one."""
    for node in scenario.nodes.values():
        grades = [option.grade for option in node.options]
        assert len(grades) >= 3, node.id
        if one_best:
            assert grades.count("best") == 1, node.id
        else:
            assert "best" in grades, node.id
        assert {"unhelpful", "harmful"} & set(grades), node.id
