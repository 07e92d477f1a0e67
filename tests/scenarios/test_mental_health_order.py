"""Golden routes through 'Handled, not heard' (scenarios/mental-health-order.yaml).

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

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "mental-health-order.yaml"

# Reflect the file, role clarification, reflect the detention and the side
# effects, honour the nodding, be honest about confidentiality, plan the
# disclosure together, ask what she wants, reflect it, say what is negotiable,
# plan the review with her, reflect her fear, summarise.
BEST = [3, 2, 3, 2, 1, 3, 3, 1, 3, 1, 3, 2, 3]
# A warm start that drifts: unasked-for advice about diet, acceptable answers,
# then taking the plan over and dodging her question about recall.
MIXED = [3, 2, 4, 3, 4, 4, 1, 2, 1, 3, 1, 3, 1]


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


def test_best_route_reaches_engagement_with_good_miti_scores(scenario: Scenario) -> None:
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


def test_best_route_never_reasons_at_the_wrong_moment(scenario: Scenario) -> None:
    session = play(scenario, BEST)
    timings = [turn.score.get("r4") for turn in session.turns]
    assert all(t is None or t.timing != "mistimed" for t in timings)


def test_warmth_without_a_say_ends_in_polite_distance(scenario: Scenario) -> None:
    session = play(scenario, MIXED)
    assert session.position == "polite_distance"
    assert scenario.endings[session.position].outcome == "partial"
    assert session.values["trust"] >= 7
    assert session.values["voice"] < 6


def test_worst_route_ends_with_her_showing_you_the_door(scenario: Scenario) -> None:
    session = walk(Session(scenario), picker=strategy("worst"))
    assert session.position == "door_closed"
    assert scenario.endings[session.position].outcome == "escalated"


def test_repair_after_defending_the_system_keeps_the_visit_going(scenario: Scenario) -> None:
    session = play(scenario, [2])
    assert session.position == "boiling_early"
    session.choose(1)
    assert not session.finished
    assert session.position == "side_effects"
    assert session.values["arousal"] < 7


def test_honest_confidentiality_opens_the_disclosure_and_a_false_promise_does_not(
    scenario: Scenario,
) -> None:
    honest = play(scenario, BEST[:6])
    assert honest.position == "secret"
    promised = play(scenario, [*BEST[:5], 1])
    assert promised.position == "guarded"


def test_every_ending_is_reachable(scenario: Scenario) -> None:
    found, complete = reachable_endings(scenario)
    assert complete
    assert found == set(scenario.endings)
    assert {scenario.endings[e].outcome for e in found} == {
        "engaged", "partial", "disengaged", "escalated"}
