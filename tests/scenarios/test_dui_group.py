"""Golden routes through the dui-group scenario (Gary, week 3 of a drink-driving group).

The routes are the option numbers a learner would click. If an edit to the scenario
moves an ending, breaks the best route's MITI scores or lets poor practice off lightly,
one of these fails.
"""

from __future__ import annotations

from simulator.core.model import Scenario
from simulator.core.routes import strategy, walk
from simulator.core.session import Session
from tests.scenarios import golden

SCENARIO_ID = "dui-group"

# Reflect the unfairness he feels, ask what drinking gave the group, reflect his need
# for a break, affirm him, reflect both sides, reflect Jake, refuse the label, let him
# say no, reflect his change talk, and close with a two-sided summary.
BEST = [3, 2, 4, 2, 1, 3, 2, 1, 4, 3, 2]
# Best and plainer responses in turn: he stays, but his own reason never gets room.
MIXED = [3, 1, 4, 1, 1, 4, 2, 3, 4, 4]
# Doubt his honesty in front of the group, then threaten him with probation.
WORST = [2, 2]
# A good start, then rules, advice, collusion and pressure: he stops talking.
SWITCHED_OFF = [3, 2, 1, 3, 3, 1, 2, 2]

ROUTES = {
    "door_open": BEST,
    "still_here": MIXED,
    "switched_off": SWITCHED_OFF,
    "walkout": WORST,
}


def test_best_route_opens_the_door_with_good_miti_scores(scenario: Scenario) -> None:
    golden.assert_best_route(golden.play(scenario, BEST), "door_open")


def test_best_strategy_follows_the_golden_route(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_mixed_route_keeps_him_in_the_room_but_no_further(scenario: Scenario) -> None:
    report = golden.play(scenario, MIXED)
    golden.assert_ending(report, "still_here", "partial")
    assert {turn["grade"] for turn in report["turns"]} == {"best", "acceptable"}


def test_two_confrontations_make_him_walk_out(scenario: Scenario) -> None:
    golden.assert_ending(golden.play(scenario, WORST), "walkout", "escalated")


def test_a_run_of_poor_responses_ends_badly(scenario: Scenario) -> None:
    golden.assert_poor_runs_end_badly(scenario)


def test_each_ending_has_its_own_route(scenario: Scenario) -> None:
    golden.assert_routes_reach_every_ending(scenario, ROUTES)


def test_siding_with_his_resistance_does_not_move_him_but_both_sides_do(
        scenario: Scenario) -> None:
    # At 'torn' (the sixth decision): agreeing the ban is harsh versus a double-sided
    # reflection. Only the second shows on the stage-of-change meter.
    with golden.playing(scenario, [*BEST[:5], 1]) as colluding:
        assert colluding.values["stage"] == 1
    with golden.playing(scenario, BEST[:6]) as reflecting:
        assert reflecting.values["stage"] == 2


def test_jake_is_only_reached_once_gary_trusts_the_room(scenario: Scenario) -> None:
    # The same double-sided reflection at 'torn' either way; after a reminder of the
    # rules and some advice, he keeps Jake to himself.
    with golden.playing(scenario, BEST[:6]) as trusted:
        assert trusted.position == "son"
    with golden.playing(scenario, [1, 1, 3, 3, 2, 3]) as wary:
        assert wary.position == "guarded"


def test_a_harsh_remark_about_jake_is_a_rupture_an_apology_can_mend(
        session: Session) -> None:
    walk(session, [*BEST[:6], 1])
    assert session.position == "shutdown"
    assert session.rupture
    before = session.values["trust"]
    session.choose(3)
    assert session.values["trust"] > before
    walk(session, picker=strategy("best"))
    assert session.ending is not None
    assert session.ending.outcome == "partial"


def test_every_decision_offers_choices_and_one_best(scenario: Scenario) -> None:
    golden.assert_every_decision_offers_a_real_choice(scenario, one_best=True)


def test_moralising_after_the_round_shuts_him_down_instead_of_opening_him_up(
        scenario: Scenario) -> None:
    # Gary has just said, quietly, what his Tuesday hour gives him. A line about the
    # people on the road makes him take it back; he does not go on to talk about his week.
    with golden.playing(scenario, [*BEST[:3], 4]) as session:
        assert session.position == "shutdown"
        assert session.rupture
    with golden.playing(scenario, BEST[:4]) as session:
        assert session.position == "off_duty"
