"""Golden routes through the dui-group scenario (Gary, week 3 of a drink-driving group).

The routes are the option numbers a learner would click. If an edit to the scenario
moves an ending, breaks the best route's MITI scores or lets poor practice off lightly,
one of these fails.
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

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "dui-group.yaml"

# Reflect the unfairness he feels, ask what drinking gave the group, reflect his need
# for a break, affirm him, reflect both sides, reflect Jake, refuse the label, let him
# say no, reflect his change talk, and close with a two-sided summary.
BEST = [2, 3, 3, 1, 3, 1, 3, 2, 4, 4, 4]
# Best and plainer responses in turn: he stays, but his own reason never gets room.
MIXED = [2, 4, 3, 3, 3, 4, 3, 3, 4, 4]
# Doubt his honesty in front of the group, then threaten him with probation.
WORST = [3, 1]
# A good start, then rules, advice, collusion and pressure: he stops talking.
SWITCHED_OFF = [2, 3, 1, 2, 1, 2, 2, 2]

ROUTES = {
    "door_open": BEST,
    "still_here": MIXED,
    "switched_off": SWITCHED_OFF,
    "walkout": WORST,
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


def test_best_route_opens_the_door_with_good_miti_scores(session: Session) -> None:
    walk(session, BEST)
    report = build_report(session)
    assert report["ending"]["id"] == "door_open"
    assert report["ending"]["outcome"] == "engaged"
    assert len(report["turns"]) >= 10
    assert all(turn["grade"] == "best" for turn in report["turns"])
    mi = report["report"]["mi"]
    assert mi["verdicts"]["r_q"] == "good"
    assert mi["verdicts"]["pct_cr"] == "good"
    assert mi["non_adherent"] == 0


def test_best_strategy_follows_the_golden_route(session: Session) -> None:
    walk(session, picker=strategy("best"))
    assert [turn.option_number for turn in session.turns] == BEST


def test_mixed_route_keeps_him_in_the_room_but_no_further(session: Session) -> None:
    walk(session, MIXED)
    report = build_report(session)
    assert report["ending"]["id"] == "still_here"
    assert report["ending"]["outcome"] == "partial"
    assert {turn["grade"] for turn in report["turns"]} == {"best", "acceptable"}


def test_two_confrontations_make_him_walk_out(session: Session) -> None:
    walk(session, WORST)
    assert session.ending is not None
    assert session.ending.id == "walkout"
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


def test_siding_with_his_resistance_does_not_move_him_but_both_sides_do(
        scenario: Scenario) -> None:
    # At 'torn' (the sixth decision): agreeing the ban is harsh versus a double-sided
    # reflection. Only the second shows on the stage-of-change meter.
    with Session(scenario) as colluding:
        walk(colluding, [*BEST[:5], 2])
        assert colluding.values["stage"] == 1
    with Session(scenario) as reflecting:
        walk(reflecting, BEST[:6])
        assert reflecting.values["stage"] == 2


def test_jake_is_only_reached_once_gary_trusts_the_room(scenario: Scenario) -> None:
    # The same double-sided reflection at 'torn' either way; after a reminder of the
    # rules and some advice, he keeps Jake to himself.
    with Session(scenario) as trusted:
        walk(trusted, BEST[:6])
        assert trusted.position == "son"
    with Session(scenario) as wary:
        walk(wary, [1, 4, 2, 2, 2, 1])
        assert wary.position == "guarded"


def test_a_harsh_remark_about_jake_is_a_rupture_an_apology_can_mend(
        scenario: Scenario) -> None:
    with Session(scenario) as playing:
        walk(playing, [*BEST[:6], 2])
        assert playing.position == "shutdown"
        assert playing.rupture
        before = playing.values["trust"]
        playing.choose(3)
        assert playing.values["trust"] > before
        walk(playing, picker=strategy("best"))
        assert playing.ending is not None
        assert playing.ending.outcome == "partial"


def test_every_decision_offers_choices_and_one_best(scenario: Scenario) -> None:
    for node in scenario.nodes.values():
        assert len(node.options) >= 3, node.id
        assert sum(option.grade == "best" for option in node.options) == 1, node.id
