"""Golden routes through 'Handled, not heard' (scenarios/mental-health-order.yaml).

Each test plays the real engine with fixed choices, so a change to the scenario
that moves an ending, a branch threshold or a code shows up here.
"""

from __future__ import annotations

from simulator.core.model import Scenario
from simulator.core.report import build_report
from simulator.core.routes import walk
from simulator.core.session import Session
from tests.scenarios import golden

SCENARIO_ID = "mental-health-order"

# Reflect the file, role clarification, reflect the detention and the side
# effects, honour the nodding, be honest about confidentiality, plan the
# disclosure together, ask what she wants, reflect it, say what is negotiable,
# plan the review with her, reflect her fear, summarise.
BEST = [3, 2, 4, 2, 1, 3, 3, 1, 4, 1, 4, 2, 4]
# A warm start that drifts: unasked-for advice about diet, acceptable answers,
# then taking the plan over and dodging her question about recall.
MIXED = [3, 2, 3, 3, 4, 4, 1, 2, 1, 3, 1, 3, 1]


def test_best_route_reaches_engagement_with_good_miti_scores(scenario: Scenario) -> None:
    golden.assert_best_route(golden.play(scenario, BEST), "own_terms")


def test_best_strategy_takes_the_golden_route(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_best_route_never_reasons_at_the_wrong_moment(scenario: Scenario) -> None:
    with golden.playing(scenario, BEST) as session:
        timings = [turn.score.get("r4") for turn in session.turns]
    assert all(t is None or t.timing != "mistimed" for t in timings)


def test_warmth_without_a_say_ends_in_polite_distance(scenario: Scenario) -> None:
    with golden.playing(scenario, MIXED) as session:
        golden.assert_ending(build_report(session), "polite_distance", "partial")
        assert session.values["trust"] >= 7
        assert session.values["voice"] < 6


def test_worst_route_ends_with_her_showing_you_the_door(scenario: Scenario) -> None:
    golden.assert_ending(golden.play_strategy(scenario, "worst"), "door_closed", "escalated")


def test_repair_after_defending_the_system_keeps_the_visit_going(session: Session) -> None:
    walk(session, [2])
    assert session.position == "boiling_early"
    session.choose(1)
    assert not session.finished
    assert session.position == "side_effects"
    assert session.values["arousal"] < 7


def test_honest_confidentiality_opens_the_disclosure_and_a_false_promise_does_not(
    scenario: Scenario,
) -> None:
    with golden.playing(scenario, BEST[:6]) as honest:
        assert honest.position == "secret"
    with golden.playing(scenario, [*BEST[:5], 1]) as promised:
        assert promised.position == "guarded"


def test_moralising_or_advice_after_her_honesty_closes_her_up(scenario: Scenario) -> None:
    # After 'Nod. Say yes, doctor', a lecture about honesty: she goes back to 'I'm fine'
    # instead of testing whether it is safe to tell you something.
    with golden.playing(scenario, [*BEST[:4], 3]) as session:
        assert session.position == "guarded"
    # After she admits halving her tablets, well-meant advice: 'you throw the rulebook'.
    with golden.playing(scenario, [*BEST[:6], 2]) as session:
        assert session.position == "boiling_late"


def test_the_endings_span_all_four_outcomes(scenario: Scenario) -> None:
    assert {ending.outcome for ending in scenario.endings.values()} == golden.OUTCOMES
