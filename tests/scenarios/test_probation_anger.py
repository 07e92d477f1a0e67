"""Golden routes through the probation-anger scenario (Connor, 20, on an order after an assault).

Each route is written out as the option numbers a learner would click, so a change to
the scenario that moves an ending or spoils the best route's MITI scores fails here.
"""

from __future__ import annotations

from simulator.core.model import Scenario
from simulator.core.report import build_report
from simulator.core.routes import walk
from simulator.core.session import Session
from tests.scenarios import golden

SCENARIO_ID = "probation-anger"

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

ROUTES = {
    "engaged": BEST,
    "partial": MIXED,
    "disengaged": SHUT_DOWN,
    "escalated": WORST,
}


def test_best_route_reaches_the_engaged_ending_with_good_miti_scores(
        scenario: Scenario) -> None:
    report = golden.play(scenario, BEST)
    golden.assert_best_route(report, "engaged")
    assert report["report"]["r4"]["mistimed_turns"] == []


def test_best_strategy_takes_the_golden_route(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_plainer_responses_keep_him_attending_but_not_engaged(scenario: Scenario) -> None:
    with golden.playing(scenario, MIXED) as session:
        golden.assert_ending(build_report(session), "partial", "partial")
        assert session.values["stage"] < 4  # he never got to his own reasons for change


def test_a_run_of_confrontation_escalates(scenario: Scenario) -> None:
    with golden.playing(scenario, WORST) as session:
        golden.assert_ending(build_report(session), "escalated")
        assert session.values["arousal"] >= 9


def test_using_his_job_or_his_sister_against_him_does_not_open_him_up(
        scenario: Scenario) -> None:
    # Moralising with his job: he wants out, rather than going on to talk about Mia.
    with golden.playing(scenario, [2, 3, 4, 1, 2]) as session:
        assert session.position == "closing_early"
    # A prison warning about Mia: he hears his sister used against him.
    with golden.playing(scenario, [2, 3, 4, 1, 3, 4]) as session:
        assert session.position == "dont_bring_her"


def test_questions_and_excuses_after_a_rupture_shut_him_down(scenario: Scenario) -> None:
    golden.assert_ending(golden.play(scenario, SHUT_DOWN), "disengaged", "disengaged")


def test_each_ending_has_its_own_route(scenario: Scenario) -> None:
    golden.assert_routes_reach_every_ending(scenario, ROUTES)


def test_regulating_when_he_is_on_his_feet_is_well_timed(session: Session) -> None:
    walk(session, [2, 4])  # reflect, then "'Getting in first' is still assault"
    assert session.position == "on_his_feet"
    assert session.values["arousal"] >= 7
    turn = session.choose(2)  # name the anger, stay seated
    r4 = turn.score.get("r4")
    assert r4 is not None
    # The harmful line before it was a rupture, and it is what wound him up.
    assert (r4.client_state, r4.timing) == ("ruptured_and_dysregulated", "well_timed")
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
    golden.assert_every_decision_offers_a_real_choice(scenario)
