"""Golden routes through 'Eighty-four years of managing' (scenarios/older-adult-care.yaml).

Each test plays the real engine with fixed choices, so a change to the scenario
that moves an ending, a branch threshold or a code shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.loader import load_scenario, validate_file
from simulator.core.model import Scenario
from simulator.core.report import build_report
from simulator.core.routes import reachable_endings, strategy, walk
from simulator.core.session import Session

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "older-adult-care.yaml"

# Reflect his pride, hold both views of the fall, affirm his calm on the floor,
# reflect the dignity under the refusal, hold father and daughter together,
# reflect his change talk, ask about his drawing, reflect both sides of the
# alarm, answer his question plainly, stress his choice, let him design the
# review, summarise.
BEST = [2, 4, 2, 4, 1, 2, 2, 2, 3, 4, 1, 2]
# Polite and respectful, but it argues for carers once, turns to Susan once and
# never evokes his own reasons, so he is no readier at the end than at the start.
MIXED = [4, 2, 1, 4, 3, 3, 4, 3, 1, 2, 1, 3, 3]
# Argue with him, ask Susan about him, then ask Susan to calm him down.
OVER_HIS_HEAD = [3, 3, 4]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


def play(scenario: Scenario, choices: list[int]) -> Session:
    session = Session(scenario)
    walk(session, choices)
    return session


def test_file_is_clean_under_strict_validation() -> None:
    result = validate_file(SCENARIO)
    assert result.scenario is not None
    assert result.problems == []


def test_best_route_reaches_his_own_plan_with_good_miti_scores(scenario: Scenario) -> None:
    session = play(scenario, BEST)
    assert session.finished
    assert session.position == "own_terms"
    assert len(session.turns) >= 10
    assert all(turn.score.grade == "best" for turn in session.turns)
    report = build_report(session)
    assert report["ending"]["outcome"] == "engaged"
    assert report["report"]["mi"]["verdicts"]["r_q"] == "good"
    assert report["report"]["mi"]["verdicts"]["pct_cr"] == "good"
    assert report["report"]["mi"]["non_adherent"] == 0


def test_best_strategy_takes_the_golden_route(scenario: Scenario) -> None:
    session = walk(Session(scenario), picker=strategy("best"))
    assert [turn.option_number for turn in session.turns] == BEST


def test_politeness_without_evoking_his_reasons_leaves_the_door_ajar(
    scenario: Scenario,
) -> None:
    session = play(scenario, MIXED)
    assert session.position == "door_ajar"
    assert scenario.endings[session.position].outcome == "partial"
    assert "stuck" in [turn.node_id for turn in session.turns]
    assert session.values["stage"] < 4


def test_worst_route_ends_with_him_showing_you_out(scenario: Scenario) -> None:
    session = walk(Session(scenario), picker=strategy("worst"))
    assert session.position == "shown_out"
    assert scenario.endings[session.position].outcome == "escalated"


def test_talking_over_his_head_to_his_daughter_escalates(scenario: Scenario) -> None:
    session = play(scenario, OVER_HIS_HEAD[:2])
    assert session.position == "bristling_early"
    session.choose(OVER_HIS_HEAD[2])
    assert session.position == "shown_out"


def test_apologising_after_the_rupture_keeps_him_talking(scenario: Scenario) -> None:
    session = play(scenario, [*OVER_HIS_HEAD[:2], 1])
    assert not session.finished
    assert session.position == "own_way"


def test_every_ending_is_reachable(scenario: Scenario) -> None:
    found, complete = reachable_endings(scenario)
    assert complete
    assert found == set(scenario.endings)
    assert {scenario.endings[e].outcome for e in found} == {
        "engaged", "partial", "disengaged", "escalated"}
