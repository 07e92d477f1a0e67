"""Golden routes through the school-non-attendance scenario (Leah, 14, a home visit).

Each route is written out as the option numbers a learner would click, so a change to
the scenario that moves an ending or spoils the best route's MITI scores fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.core.loader import load_scenario, validate_file
from simulator.core.model import Scenario
from simulator.core.report import build_report
from simulator.core.routes import reachable_endings, strategy, walk
from simulator.core.session import Session

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "school-non-attendance.yaml"

# Light, reflective and curious throughout; honest about confidentiality; her own plan.
BEST = [2, 3, 1, 3, 2, 1, 4, 3, 2, 2, 4, 1, 3]
# Plainer responses: she opens up only after the noise upstairs, and the visit ends
# without the trust or openness for a plan of her own.
MIXED = [3, 2, 3, 1, 2, 3, 2, 1, 2, 4, 1, 2, 2]
# The attendance figures and the law, then refusing to leave.
WORST = [1, 1]
# Closed questions and a compliance check at every turn: she never says why.
INTERROGATION = [4, 1, 4, 4, 1, 2, 4]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


@pytest.fixture
def session(scenario: Scenario) -> Iterator[Session]:
    with Session(scenario) as playing:
        yield playing


def test_file_is_clean_even_in_strict_mode() -> None:
    result = validate_file(SCENARIO)
    assert result.scenario is not None
    assert [str(p) for p in result.problems] == []


def test_best_route_reaches_the_engaged_ending_with_good_miti_scores(session: Session) -> None:
    walk(session, BEST)
    report = build_report(session)
    assert report["ending"]["id"] == "engaged"
    assert report["ending"]["outcome"] == "engaged"
    assert len(report["turns"]) >= 10
    assert all(turn["grade"] == "best" for turn in report["turns"])
    mi = report["report"]["mi"]
    assert mi["verdicts"]["r_q"] == "good"
    assert mi["verdicts"]["pct_cr"] == "good"
    assert mi["non_adherent"] == 0
    assert report["report"]["pace"]["missing"] == []  # all four PACE elements shown
    assert report["report"]["pace"]["opposites"] == {}
    assert report["report"]["r4"]["mistimed_turns"] == []


def test_best_strategy_takes_the_golden_route(session: Session) -> None:
    walk(session, picker=strategy("best"))
    assert [turn.option_number for turn in session.turns] == BEST


def test_the_best_route_uncovers_why_she_stays_home(session: Session) -> None:
    walk(session, BEST)
    visited = {turn.node_id for turn in session.turns}
    assert {"tyler", "mum", "fall"} <= visited


def test_plainer_responses_leave_the_door_ajar(session: Session) -> None:
    walk(session, MIXED)
    report = build_report(session)
    assert report["ending"]["id"] == "partial"
    assert report["ending"]["outcome"] == "partial"


def test_lecturing_about_the_law_escalates(session: Session) -> None:
    walk(session, WORST)
    assert session.ending is not None
    assert session.ending.id == "escalated"
    assert session.values["arousal"] >= 8


def test_worst_strategy_ends_escalated_or_disengaged(session: Session) -> None:
    walk(session, picker=strategy("worst"))
    assert session.ending is not None
    assert session.ending.outcome in ("escalated", "disengaged")


def test_an_interrogation_never_reaches_the_disclosure(session: Session) -> None:
    walk(session, INTERROGATION)
    assert session.ending is not None
    assert session.ending.outcome == "disengaged"
    visited = {turn.node_id for turn in session.turns}
    assert not visited & {"tyler", "mum", "fall"}


@pytest.mark.parametrize(("route", "ending"), [
    (BEST, "engaged"), (MIXED, "partial"), (INTERROGATION, "disengaged"),
    (WORST, "escalated"),
])
def test_each_ending_has_a_route(scenario: Scenario, route: list[int], ending: str) -> None:
    with Session(scenario) as playing:
        walk(playing, route)
        assert playing.position == ending


def test_every_ending_is_reachable(scenario: Scenario) -> None:
    reached, complete = reachable_endings(scenario)
    assert complete
    assert reached == set(scenario.endings)
    assert {e.outcome for e in scenario.endings.values()} == {
        "engaged", "partial", "disengaged", "escalated"}


def test_a_false_promise_of_secrecy_is_never_graded_well(scenario: Scenario) -> None:
    promises = [option for node_id in ("scared", "promise")
                for option in scenario.nodes[node_id].options
                if "stays between us" in option.text]
    assert len(promises) == 2
    assert all(option.grade == "unhelpful" for option in promises)


def test_every_decision_offers_a_real_choice(scenario: Scenario) -> None:
    for node in scenario.nodes.values():
        assert len(node.options) >= 3, node.id
        assert any(option.grade == "best" for option in node.options), node.id
        grades = {option.grade for option in node.options}
        assert grades & {"unhelpful", "harmful"}, node.id
