"""Golden routes through the child-i-hate-you scenario (Tia, 9, after a missed contact).

The routes are the option numbers a learner would click. Besides the endings, these
tests hold the scenario to the 4 R's: regulate while she is flooded, relate before
reasoning, and repair after a rupture, each scored against her state at the time.
"""

from __future__ import annotations

from simulator.core.model import Scenario
from simulator.core.routes import strategy, walk
from simulator.core.session import Session
from tests.scenarios import golden

SCENARIO_ID = "child-i-hate-you"

# Regulate twice (name the anger; "it feels like you hate me right now"), relate five
# times (hope, the card, the fear of rejection, self-blame), reason about the shoes and
# next contact, repair after her "grown-ups just say stuff", relate, repair, plan.
BEST = [2, 3, 1, 4, 2, 3, 4, 1, 2, 3, 4, 1]
# Best and plainer responses in turn: she calms down, but never shows you the hurt.
MIXED = [3, 3, 2, 4, 1, 4, 4, 2, 4, 4, 2]
# Deny the feeling and order her to stop, then threaten her through her bedroom door.
WORST = [1, 1]
# "Why" questions, pressure to talk, facts too soon: she shuts herself away.
SHUT_AWAY = [4, 3, 3, 3, 4]

ROUTES = {
    "held": BEST,
    "calmer": MIXED,
    "shut_away": SHUT_AWAY,
    "door_slammed": WORST,
}


def test_best_route_is_held_with_good_miti_scores(scenario: Scenario) -> None:
    report = golden.play(scenario, BEST)
    golden.assert_best_route(report, "held")
    assert report["report"]["pace"]["opposites"] == {}


def test_best_route_uses_every_r_at_the_right_moment(scenario: Scenario) -> None:
    report = golden.play(scenario, BEST)
    r4 = report["report"]["r4"]
    assert r4["mistimed_turns"] == []
    assert r4["counts"]["well_timed"] == len(BEST)
    steps = [turn["codes"]["r4"][0] for turn in report["turns"]]
    assert steps[:2] == ["regulate", "regulate"]
    assert steps.index("relate") < steps.index("reason")
    assert "repair" in steps


def test_best_strategy_follows_the_golden_route(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_mixed_route_calms_her_without_getting_closer(scenario: Scenario) -> None:
    report = golden.play(scenario, MIXED)
    golden.assert_ending(report, "calmer", "partial")
    assert {turn["grade"] for turn in report["turns"]} == {"best", "acceptable"}


def test_denying_and_threatening_slams_the_door(scenario: Scenario) -> None:
    golden.assert_ending(golden.play(scenario, WORST), "door_slammed", "escalated")


def test_a_run_of_poor_responses_ends_badly(scenario: Scenario) -> None:
    golden.assert_poor_runs_end_badly(scenario)


def test_each_ending_has_its_own_route(scenario: Scenario) -> None:
    golden.assert_routes_reach_every_ending(scenario, ROUTES)


def test_reasoning_with_a_flooded_child_is_mistimed(session: Session) -> None:
    # The first moment: "stop that, you don't hate me" (Reason) against naming her
    # anger (Regulate), scored while she is at her most upset.
    assert session.values["arousal"] >= 7
    assert session.preview(1).get("r4").timing == "mistimed"
    assert session.preview(2).get("r4").timing == "well_timed"


def test_blaming_her_mum_causes_a_rupture_that_repair_mends(session: Session) -> None:
    walk(session, [*BEST[:2], 4])
    assert session.position == "mum_defend"
    assert session.rupture
    repair = session.choose(1)
    assert repair.score.get("r4").labels == ("repair",)
    assert repair.score.get("r4").timing == "well_timed"
    walk(session, picker=strategy("best"))
    assert session.position == "held"


def test_her_fear_of_rejection_only_surfaces_once_she_opens_up(scenario: Scenario) -> None:
    with golden.playing(scenario, BEST[:4]) as close:
        assert close.position == "doesnt_want_me"
    with golden.playing(scenario, [2, 3, 2, 2]) as distant:
        assert distant.position == "blame_self"


def test_every_decision_offers_choices_and_one_best(scenario: Scenario) -> None:
    golden.assert_every_decision_offers_a_real_choice(scenario, one_best=True)
