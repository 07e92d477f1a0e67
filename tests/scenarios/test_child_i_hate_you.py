"""Golden routes through the child-i-hate-you scenario (Tia, 9, after a missed contact).

The routes are the option numbers a learner would click. Besides the endings, these
tests hold the scenario to the 4 R's: regulate while she is flooded, relate before
reasoning, and repair after a rupture, each scored against her state at the time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.core.loader import load_scenario, validate_file
from simulator.core.model import Node, Scenario
from simulator.core.report import build_report
from simulator.core.routes import reachable_endings, strategy, walk
from simulator.core.session import Session

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "child-i-hate-you.yaml"

# Regulate twice (name the anger; "it feels like you hate me right now"), relate five
# times (hope, the card, the fear of rejection, self-blame), reason about the shoes and
# next contact, repair after her "grown-ups just say stuff", relate, repair, plan.
BEST = [3, 1, 2, 2, 4, 3, 3, 4, 3, 2, 1, 4]
# Best and plainer responses in turn: she calms down, but never shows you the hurt.
MIXED = [2, 1, 1, 2, 1, 3, 2, 3, 3, 1, 1]
# Deny the feeling and order her to stop, then threaten her through her bedroom door.
WORST = [1, 1]
# "Why" questions, pressure to talk, facts too soon: she shuts herself away.
SHUT_AWAY = [4, 3, 3, 4, 1]

ROUTES = {
    "held": BEST,
    "calmer": MIXED,
    "shut_away": SHUT_AWAY,
    "door_slammed": WORST,
}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


@pytest.fixture
def session(scenario: Scenario) -> Iterator[Session]:
    with Session(scenario) as playing:
        yield playing


def test_file_has_no_problems_even_in_strict_mode() -> None:
    result = validate_file(SCENARIO)
    assert result.scenario is not None
    assert [str(problem) for problem in result.problems] == []


def test_best_route_is_held_with_good_miti_scores(session: Session) -> None:
    walk(session, BEST)
    report = build_report(session)
    assert report["ending"]["id"] == "held"
    assert report["ending"]["outcome"] == "engaged"
    assert len(report["turns"]) >= 10
    assert all(turn["grade"] == "best" for turn in report["turns"])
    mi = report["report"]["mi"]
    assert mi["verdicts"]["r_q"] == "good"
    assert mi["verdicts"]["pct_cr"] == "good"
    assert mi["non_adherent"] == 0
    assert report["report"]["pace"]["opposites"] == {}


def test_best_route_uses_every_r_at_the_right_moment(session: Session) -> None:
    walk(session, BEST)
    report = build_report(session)
    r4 = report["report"]["r4"]
    assert r4["mistimed_turns"] == []
    assert r4["counts"]["well_timed"] == len(BEST)
    steps = [turn["codes"]["r4"][0] for turn in report["turns"]]
    assert steps[:2] == ["regulate", "regulate"]
    assert steps.index("relate") < steps.index("reason")
    assert "repair" in steps


def test_best_strategy_follows_the_golden_route(session: Session) -> None:
    walk(session, picker=strategy("best"))
    assert [turn.option_number for turn in session.turns] == BEST


def test_mixed_route_calms_her_without_getting_closer(session: Session) -> None:
    walk(session, MIXED)
    report = build_report(session)
    assert report["ending"]["id"] == "calmer"
    assert report["ending"]["outcome"] == "partial"
    assert {turn["grade"] for turn in report["turns"]} == {"best", "acceptable"}


def test_denying_and_threatening_slams_the_door(session: Session) -> None:
    walk(session, WORST)
    assert session.ending is not None
    assert session.ending.id == "door_slammed"
    assert session.ending.outcome == "escalated"


@pytest.mark.parametrize("grade", ["harmful", "unhelpful"])
def test_a_run_of_poor_responses_ends_badly(scenario: Scenario, grade: str) -> None:
    def pick(node: Node) -> int:
        return next(o.number for o in node.options if o.grade == grade)

    with Session(scenario) as playing:
        walk(playing, picker=pick)
        assert playing.ending is not None
        assert playing.ending.outcome in ("escalated", "disengaged")


@pytest.mark.parametrize("ending", sorted(ROUTES))
def test_each_ending_has_a_route(session: Session, ending: str) -> None:
    walk(session, ROUTES[ending])
    assert session.finished
    assert session.position == ending


def test_every_ending_is_reachable(scenario: Scenario) -> None:
    reached, complete = reachable_endings(scenario)
    assert complete
    assert reached == set(scenario.endings) == set(ROUTES)


def test_outcomes_differ_across_endings(scenario: Scenario) -> None:
    outcomes = {ending.outcome for ending in scenario.endings.values()}
    assert outcomes == {"engaged", "partial", "disengaged", "escalated"}


def test_reasoning_with_a_flooded_child_is_mistimed(session: Session) -> None:
    # The first moment: "stop that, you don't hate me" (Reason) against naming her
    # anger (Regulate), scored while she is at her most upset.
    assert session.values["arousal"] >= 7
    assert session.preview(1).get("r4").timing == "mistimed"
    assert session.preview(3).get("r4").timing == "well_timed"


def test_blaming_her_mum_causes_a_rupture_that_repair_mends(session: Session) -> None:
    walk(session, [*BEST[:2], 4])
    assert session.position == "mum_defend"
    assert session.rupture
    repair = session.choose(4)
    assert repair.score.get("r4").labels == ("repair",)
    assert repair.score.get("r4").timing == "well_timed"
    walk(session, picker=strategy("best"))
    assert session.position == "held"


def test_her_fear_of_rejection_only_surfaces_once_she_opens_up(scenario: Scenario) -> None:
    with Session(scenario) as close:
        walk(close, BEST[:4])
        assert close.position == "doesnt_want_me"
    with Session(scenario) as distant:
        walk(distant, [3, 1, 1, 3])
        assert distant.position == "blame_self"


def test_every_decision_offers_choices_and_one_best(scenario: Scenario) -> None:
    for node in scenario.nodes.values():
        assert len(node.options) >= 3, node.id
        assert sum(option.grade == "best" for option in node.options) == 1, node.id
