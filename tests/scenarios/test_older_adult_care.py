"""Golden routes through 'Eighty-four years of managing' (scenarios/older-adult-care.yaml).

Each test plays the real engine with fixed choices, so a change to the scenario
that moves an ending, a branch threshold or a code shows up here.
"""

from __future__ import annotations

from simulator.core.model import Scenario
from simulator.core.report import build_report
from simulator.core.routes import walk
from simulator.core.session import Session
from tests.scenarios import golden

SCENARIO_ID = "older-adult-care"

# Reflect his pride, hold both views of the fall, affirm his calm on the floor,
# reflect the dignity under the refusal, hold father and daughter together,
# reflect his change talk, ask about his drawing, reflect both sides of the
# alarm, answer his question plainly, stress his choice, let him design the
# review, summarise.
BEST = [2, 4, 3, 4, 1, 3, 3, 3, 3, 4, 1, 2]
# Polite and respectful, but it argues for carers once, turns to Susan once and
# never evokes his own reasons, so he is no readier at the end than at the start.
MIXED = [4, 2, 1, 4, 3, 2, 4, 3, 1, 2, 1, 3, 3]
# Argue with him, ask Susan about him, then ask Susan to calm him down.
OVER_HIS_HEAD = [3, 3, 4]


def test_best_route_reaches_his_own_plan_with_good_miti_scores(scenario: Scenario) -> None:
    golden.assert_best_route(golden.play(scenario, BEST), "own_terms")


def test_best_strategy_takes_the_golden_route(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_politeness_without_evoking_his_reasons_leaves_the_door_ajar(
    scenario: Scenario,
) -> None:
    with golden.playing(scenario, MIXED) as session:
        golden.assert_ending(build_report(session), "door_ajar", "partial")
        assert "stuck" in [turn.node_id for turn in session.turns]
        assert session.values["stage"] < 4


def test_worst_route_ends_with_him_showing_you_out(scenario: Scenario) -> None:
    golden.assert_ending(golden.play_strategy(scenario, "worst"), "shown_out", "escalated")


def test_talking_over_his_head_to_his_daughter_escalates(session: Session) -> None:
    walk(session, OVER_HIS_HEAD[:2])
    assert session.position == "bristling_early"
    session.choose(OVER_HIS_HEAD[2])
    assert session.position == "shown_out"


def test_apologising_after_the_rupture_keeps_him_talking(session: Session) -> None:
    walk(session, [*OVER_HIS_HEAD[:2], 1])
    assert not session.finished
    assert session.position == "own_way"


def test_being_talked_over_or_given_an_ultimatum_does_not_open_him_up(
        scenario: Scenario) -> None:
    # Checking his account with Susan: on his feet, not on to the carers and Joan.
    with golden.playing(scenario, [*BEST[:2], 4]) as session:
        assert session.position == "bristling_early"
    # 'There isn't much more I can do for you': he ends it, he does not offer a trial.
    with golden.playing(scenario, [*BEST[:9], 2]) as session:
        assert session.position == "bristling_late"


def test_the_endings_span_all_four_outcomes(scenario: Scenario) -> None:
    assert {ending.outcome for ending in scenario.endings.values()} == golden.OUTCOMES
