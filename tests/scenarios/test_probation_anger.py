"""Golden routes through the probation-anger scenario (Connor, 20, on an order after an assault).

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

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "probation-anger.yaml"

# Always the strongest response: reflect the injustice, the need, the label; be honest
# about the order; reflect job and sister; evoke his own idea; summarise.
BEST = [2, 3, 4, 1, 3, 2, 3, 2, 3, 1, 4]
# Mostly reasonable but plainer responses: he keeps coming, but never voices his own
# reasons for change.
MIXED = [1, 1, 1, 4, 1, 1, 2, 2, 4, 2, 1]
# Two confrontations in a row: correct his account, then pull rank.
WORST = [3, 3]
# A closed question about drink, then hiding behind the report.
SHUT_DOWN = [4, 1]


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
    assert report["report"]["r4"]["mistimed_turns"] == []


def test_best_strategy_takes_the_golden_route(session: Session) -> None:
    walk(session, picker=strategy("best"))
    assert [turn.option_number for turn in session.turns] == BEST


def test_plainer_responses_keep_him_attending_but_not_engaged(session: Session) -> None:
    walk(session, MIXED)
    report = build_report(session)
    assert report["ending"]["id"] == "partial"
    assert report["ending"]["outcome"] == "partial"
    assert session.values["stage"] < 4  # he never got to his own reasons for change


def test_a_run_of_confrontation_escalates(session: Session) -> None:
    walk(session, WORST)
    assert session.ending is not None
    assert session.ending.id == "escalated"
    assert session.values["arousal"] >= 9


def test_worst_strategy_ends_escalated_or_disengaged(session: Session) -> None:
    walk(session, picker=strategy("worst"))
    assert session.ending is not None
    assert session.ending.outcome in ("escalated", "disengaged")


def test_questions_and_excuses_after_a_rupture_shut_him_down(session: Session) -> None:
    walk(session, SHUT_DOWN)
    assert session.ending is not None
    assert session.ending.outcome == "disengaged"


@pytest.mark.parametrize(("route", "ending"), [
    (BEST, "engaged"), (MIXED, "partial"), (SHUT_DOWN, "disengaged"), (WORST, "escalated"),
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


def test_regulating_when_he_is_on_his_feet_is_well_timed(session: Session) -> None:
    walk(session, [2, 4])  # reflect, then "'Getting in first' is still assault"
    assert session.position == "on_his_feet"
    assert session.values["arousal"] >= 7
    turn = session.choose(2)  # name the anger, stay seated
    r4 = turn.score.get("r4")
    assert r4 is not None
    assert (r4.client_state, r4.timing) == ("dysregulated", "well_timed")
    assert session.position == "not_angry"
    assert session.values["arousal"] < 7


def test_repair_after_a_rupture_keeps_the_conversation_going(session: Session) -> None:
    walk(session, [3])  # "You put a man in hospital"
    assert session.position == "bristles"
    turn = session.choose(4)  # own the misstep
    r4 = turn.score.get("r4")
    assert r4 is not None and r4.timing == "well_timed"
    assert session.position == "his_side"


def test_every_decision_offers_a_real_choice(scenario: Scenario) -> None:
    for node in scenario.nodes.values():
        assert len(node.options) >= 3, node.id
        assert any(option.grade == "best" for option in node.options), node.id
        grades = {option.grade for option in node.options}
        assert grades & {"unhelpful", "harmful"}, node.id
