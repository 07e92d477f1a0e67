"""Golden routes through 'neglect-first-visit': a first home visit after a school's
neglect referral, where the parent's fear and grievances pull the visit away from
the children.

Each route is written out as the option numbers a learner would click, so a change
to the scenario that breaks a route (or quietly changes where it leads) fails here.
"""

from __future__ import annotations

from simulator.core.model import Scenario
from tests.scenarios import golden

SCENARIO_ID = "neglect-first-visit"

# The first option graded best at every decision.
BEST = [3, 4, 2, 1, 4, 3, 1, 2, 4, 3, 2, 4, 1, 3, 2]
# Mostly acceptable answers: safe, but the children never become the focus.
MIXED = [2, 2, 1, 3, 2, 2, 4, 4, 3, 4, 4, 3, 3, 1, 4]
# The same visit, except the worker sides with Leanne against the school:
# she ends up liking the worker, and the children drop out of the visit.
DRIFT = [2, 2, 1, 3, 2, 1, 4, 4, 3, 4, 4, 3, 3, 1, 4]
# Playing the visit down, then holding back and arguing: trust runs out.
EVASIVE = [1, 1, 1, 2]
# The first harmful option at every decision: a threat at the door, then arguing.
WORST = [4, 2]

ROUTES = {
    "working_together": BEST,
    "door_ajar": MIXED,
    "parents_agenda": DRIFT,
    "shut_out": EVASIVE,
    "blow_up": WORST,
}


def test_best_route_is_what_the_best_strategy_plays(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_best_route_ends_engaged_with_good_miti_ratios(scenario: Scenario) -> None:
    golden.assert_best_route(golden.play(scenario, BEST), "working_together")


def test_best_route_keeps_the_children_in_focus(scenario: Scenario) -> None:
    report = golden.play(scenario, BEST)
    start, end = report["report"]["trajectory"][0], report["report"]["trajectory"][-1]
    assert end["child_focus"] > start["child_focus"]
    assert end["arousal"] < start["arousal"]
    assert end["trust"] > start["trust"]


def test_mixed_route_reaches_a_partial_ending(scenario: Scenario) -> None:
    golden.assert_ending(golden.play(scenario, MIXED), "door_ajar", "partial")


def test_siding_with_the_parent_ends_in_the_parents_agenda(scenario: Scenario) -> None:
    report = golden.play(scenario, DRIFT)
    golden.assert_ending(report, "parents_agenda")
    # Leanne trusts the worker by the end; it is the children who were lost.
    final = report["report"]["trajectory"][-1]
    assert final["trust"] >= 8
    assert final["child_focus"] <= 3


def test_worst_strategy_escalates(scenario: Scenario) -> None:
    report = golden.play_strategy(scenario, "worst")
    assert golden.route(report) == WORST
    golden.assert_ending(report, "blow_up", "escalated")


def test_each_ending_has_its_own_route(scenario: Scenario) -> None:
    golden.assert_routes_reach_every_ending(scenario, ROUTES)


def test_shaming_her_for_her_idea_means_she_offers_no_plan(scenario: Scenario) -> None:
    # Leanne has just told you why breakfast club stopped. A blaming question in reply
    # and she does not go on to suggest how the mornings could change.
    with golden.playing(scenario, BEST[:11]) as session:
        assert session.position == "her_idea"
    with golden.playing(scenario, [*BEST[:11], 1]) as session:
        assert session.position == "the_report"
    with golden.playing(scenario, BEST[:12]) as session:
        assert session.position == "her_plan"
