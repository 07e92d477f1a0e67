"""The bar every bundled scenario must clear (issue 4), checked for all of them at once,
so a new scenario added to scenarios/ is held to it without writing a new test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.core.frameworks import builtin_frameworks
from simulator.core.loader import load_scenario, scenario_files, validate_file
from simulator.core.report import build_report
from simulator.core.routes import reachable_endings, strategy, walk
from simulator.core.session import Session
from simulator.core.surface_cues import MAX_LONGEST_SHARE, MIN_SHORTEST_SHARE, measure

SCENARIOS = scenario_files([Path(__file__).resolve().parents[2] / "scenarios"])
EXPECTED = {"dui-group", "neglect-first-visit", "child-i-hate-you", "disguised-compliance",
            "probation-anger", "school-non-attendance", "mental-health-order",
            "older-adult-care"}


def test_the_library_has_the_eight_named_scenarios() -> None:
    assert {load_scenario(p).id for p in SCENARIOS} >= EXPECTED


@pytest.fixture(params=SCENARIOS, ids=lambda p: p.stem)
def path(request: pytest.FixtureRequest) -> Path:
    return request.param


def test_validates_with_no_errors_or_warnings(path: Path) -> None:
    assert [str(p) for p in validate_file(path).problems] == []


def test_no_surface_cue_gives_the_best_response_away(path: Path) -> None:
    """Issue 10: length and position must not find the best route for the learner."""
    cues = measure(load_scenario(path), builtin_frameworks())
    assert cues.applies, "a bundled scenario has at least five decisions"
    assert cues.longest_share is not None and cues.longest_share <= MAX_LONGEST_SHARE, \
        cues.summary_lines()
    assert cues.shortest_share is not None and cues.shortest_share >= MIN_SHORTEST_SHARE, \
        cues.summary_lines()
    assert [run.description for run in cues.winning_players] == [], cues.summary_lines()


def test_shape_of_the_conversation(path: Path) -> None:
    scenario = load_scenario(path)
    assert all(len(node.options) >= 3 for node in scenario.nodes.values())
    grades = {o.grade for node in scenario.nodes.values() for o in node.options}
    assert grades == {"best", "acceptable", "unhelpful", "harmful"}
    assert len({e.outcome for e in scenario.endings.values()}) >= 3
    with Session(scenario) as session:  # the longest route is at least as long as this
        walk(session, picker=strategy("best"))
        assert len(session.turns) >= 10
    assert scenario.briefing and scenario.objectives and scenario.summary


def test_best_route_models_good_practice_and_worst_does_not(path: Path) -> None:
    scenario = load_scenario(path)
    results = {}
    for name in ("best", "worst"):
        with Session(scenario) as session:
            walk(session, picker=strategy(name))
            results[name] = build_report(session)
    best, worst = results["best"], results["worst"]
    assert best["ending"]["outcome"] == "engaged"
    assert best["report"]["mi"]["verdicts"] == {"r_q": "good", "pct_cr": "good"}
    assert worst["ending"]["outcome"] in ("escalated", "disengaged")
    assert worst["report"]["overall"]["score"] < best["report"]["overall"]["score"]


def test_every_ending_is_reachable(path: Path) -> None:
    scenario = load_scenario(path)
    reached, complete = reachable_endings(scenario)
    assert complete and reached == set(scenario.endings)


def test_frameworks_and_content_notes_fit_the_client(path: Path) -> None:
    scenario = load_scenario(path)
    child = scenario.client.avatar == "child" or (scenario.client.age or 99) <= 12
    if child:
        assert {"pace", "r4"} <= set(scenario.frameworks)
        assert scenario.content_notes
    if "violence" in scenario.resistance:
        assert scenario.content_notes


def test_the_walk_json_is_deterministic(path: Path) -> None:
    def play() -> str:
        with Session(load_scenario(path)) as session:
            walk(session, picker=strategy("random", seed=3))
            return json.dumps(build_report(session), sort_keys=True)

    assert play() == play()
