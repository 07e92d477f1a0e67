"""Golden routes through the school-non-attendance scenario (Leah, 14, a home visit).

Each route is written out as the option numbers a learner would click, so a change to
the scenario that moves an ending or spoils the best route's MITI scores fails here.
"""

from __future__ import annotations

from simulator.core.model import Scenario
from simulator.core.report import build_report
from tests.scenarios import golden

SCENARIO_ID = "school-non-attendance"

# Light, reflective and curious throughout; honest about confidentiality; her own plan.
BEST = [2, 4, 1, 3, 3, 1, 4, 3, 1, 2, 4, 1, 3]
# Plainer responses: she opens up only after the noise upstairs, and the visit ends
# without the trust or openness for a plan of her own.
MIXED = [3, 2, 3, 4, 2, 4, 1, 4, 1, 4, 2, 2, 4]
# The attendance figures and the law, then refusing to leave.
WORST = [4, 3]
# Closed questions and a compliance check at every turn: she never says why.
INTERROGATION = [1, 3, 4, 1, 1, 3, 2]

ROUTES = {
    "engaged": BEST,
    "partial": MIXED,
    "disengaged": INTERROGATION,
    "escalated": WORST,
}
# Where she tells you why she stays home.
DISCLOSURES = {"tyler", "mum", "fall"}


def test_best_route_reaches_the_engaged_ending_with_good_miti_scores(
        scenario: Scenario) -> None:
    report = golden.play(scenario, BEST)
    golden.assert_best_route(report, "engaged")
    assert report["report"]["pace"]["missing"] == []  # all four PACE elements shown
    assert report["report"]["pace"]["opposites"] == {}
    assert report["report"]["r4"]["mistimed_turns"] == []


def test_best_strategy_takes_the_golden_route(scenario: Scenario) -> None:
    assert golden.strategy_route(scenario, "best") == BEST


def test_the_best_route_uncovers_why_she_stays_home(scenario: Scenario) -> None:
    visited = {turn["node"] for turn in golden.play(scenario, BEST)["turns"]}
    assert visited >= DISCLOSURES


def test_plainer_responses_leave_the_door_ajar(scenario: Scenario) -> None:
    golden.assert_ending(golden.play(scenario, MIXED), "partial", "partial")


def test_lecturing_about_the_law_escalates(scenario: Scenario) -> None:
    with golden.playing(scenario, WORST) as session:
        golden.assert_ending(build_report(session), "escalated")
        assert session.values["arousal"] >= 8


def test_an_interrogation_never_reaches_the_disclosure(scenario: Scenario) -> None:
    report = golden.play(scenario, INTERROGATION)
    golden.assert_ending(report, "disengaged", "disengaged")
    visited = {turn["node"] for turn in report["turns"]}
    assert not visited & DISCLOSURES


def test_each_ending_has_its_own_route(scenario: Scenario) -> None:
    golden.assert_routes_reach_every_ending(scenario, ROUTES)


def test_a_false_promise_of_secrecy_is_never_graded_well(scenario: Scenario) -> None:
    promises = [option for node_id in ("scared", "promise")
                for option in scenario.nodes[node_id].options
                if "stays between us" in option.text]
    assert len(promises) == 2
    assert all(option.grade == "harmful" and "secrecy" in option.safety
               for option in promises)


def test_every_decision_offers_a_real_choice(scenario: Scenario) -> None:
    golden.assert_every_decision_offers_a_real_choice(scenario)


def test_a_promise_of_secrecy_is_named_in_the_debrief_and_caps_the_score(
        scenario: Scenario) -> None:
    """Promising secrecy calms Leah, so the visit can still end well; the debrief must
    not then praise the learner for answering honestly."""
    promised = golden.play(scenario, [2, 4, 1, 3, 3, 1, 4, 3, 1, 3, 4, 1, 3])
    assert promised["ending"]["id"] == "engaged"
    assert "you promised to keep it all secret" in promised["ending"]["debrief"]
    assert promised["report"]["overall"]["score"] <= 40
    honest = golden.play(scenario, BEST)["ending"]["debrief"]
    assert "did not promise a secrecy you could not keep" in honest
