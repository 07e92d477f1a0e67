"""A safety failure caps the score and is named; a poor ending beside a sound score is
explained. Both on mini.yaml, changed only where each case needs it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from simulator.cli import main as cli
from simulator.core.loader import load_scenario
from simulator.core.model import SAFETY_CAP
from simulator.core.report import build_report
from simulator.core.routes import routes, walk
from simulator.core.session import Session

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"
REASON = "ignores that Sam says his daughter is home alone"


def _file(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = MINI.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _report(path: Path, choices: list[int]) -> dict:
    with Session(load_scenario(path)) as session:
        walk(session, choices)
        return build_report(session)


# Option 3 at 'opening' (a closed question) becomes a safety failure.
SAFETY = ("        explain: Closed and off-topic.\n",
          f"        explain: Closed and off-topic.\n        safety_failure: {REASON}\n")
HARMFUL = ("grade: unhelpful\n        codes: {mi: CQ}", "grade: harmful\n        codes: {mi: CQ}")


def test_a_safety_failure_caps_the_score_and_is_named(tmp_path: Path) -> None:
    path = _file(tmp_path, SAFETY, HARMFUL)
    report = _report(path, [3, 1])  # harmful then best: averages 50
    overall = report["report"]["overall"]
    assert (overall["average"], overall["score"], overall["capped"]) == (50, SAFETY_CAP, True)
    assert report["report"]["safety"] == [{
        "turn": 1, "node": "opening", "option": 3,
        "text": "Have you been drinking today?", "reason": REASON}]
    assert report["turns"][0]["safety_failure"] == REASON
    note = report["report"]["notes"][0]
    assert note["kind"] == "safety"
    assert note["text"].startswith(f"Your score is capped at {SAFETY_CAP}/100 (your responses "
                                   "averaged 50/100) because response 1 was a safety failure "
                                   f"({REASON}).")


def test_several_safety_failures_are_each_named(tmp_path: Path) -> None:
    path = _file(tmp_path, SAFETY, HARMFUL, (
        "        explain: Pushes.\n",
        "        explain: Pushes.\n        safety_failure: tells him to leave it to others\n"))
    note = _report(path, [3, 2])["report"]["notes"][0]["text"]
    assert (f"because responses 1 and 2 were safety failures (response 1: {REASON}; "
            "response 2: tells him to leave it to others)") in note


def test_the_route_list_promises_the_capped_score(tmp_path: Path) -> None:
    scenario = load_scenario(_file(tmp_path, SAFETY, HARMFUL))
    by_choices = {r.choices: r.grade_score for r in routes(scenario)}
    assert by_choices[(3, 1)] == SAFETY_CAP
    assert by_choices[(1, 1)] == 100  # no failure: no cap


def test_without_a_safety_failure_nothing_is_capped(tmp_path: Path) -> None:
    report = _report(MINI, [1, 1])
    overall = report["report"]["overall"]
    assert overall["score"] == overall["average"] == 100 and not overall["capped"]
    assert report["report"]["safety"] == [] and report["report"]["notes"] == []
    assert "safety_failure" not in report["turns"][0]


# 'partial' becomes a disengaged ending, reached by the closed question then the best one.
DISENGAGED = ("    outcome: partial\n", "    outcome: disengaged\n")


def test_a_poor_ending_beside_a_sound_score_is_explained(tmp_path: Path) -> None:
    report = _report(_file(tmp_path, DISENGAGED), [3, 1])
    assert report["ending"]["outcome"] == "disengaged"
    assert report["report"]["overall"]["score"] == 67
    assert report["report"]["notes"] == [{"kind": "ending", "text": (
        "Your responses were mostly sound (67/100), but the conversation ended in 'Still "
        "here': Sam stopped engaging. The turning point was response 1. The score averages "
        "every response, but a few responses at the wrong moment can cost the whole "
        "conversation: look at those below, and the stronger response offered for each.")}]


def test_with_no_poor_response_the_note_says_trust_was_not_built(tmp_path: Path) -> None:
    path = _file(tmp_path, DISENGAGED,
                 ("grade: unhelpful\n        codes: {mi: CQ}",
                  "grade: acceptable\n        codes: {mi: CQ}"))
    note = _report(path, [3, 1])["report"]["notes"][0]["text"]
    assert "None of your responses was poor" in note and "(it ended at 4)" in note


def test_a_poor_ending_after_a_poor_score_needs_no_note(tmp_path: Path) -> None:
    report = _report(MINI, [2])  # harmful, and he walks out
    assert report["ending"]["outcome"] == "escalated"
    assert report["report"]["notes"] == []


def test_walk_prints_the_notes(tmp_path: Path) -> None:
    out = StringIO()
    cli(["walk", str(_file(tmp_path, SAFETY, HARMFUL)), "--choices", "3,1"], out=out)
    assert f"Overall: {SAFETY_CAP}/100\nSafety: Your score is capped" in out.getvalue()


def test_the_note_names_only_the_summary_scores_that_are_good() -> None:
    """A 'fair' R:Q beside a good %CR must not be called good in the note."""
    from simulator.core.verdict import ending_note

    scenario = load_scenario(MINI)
    with Session(scenario) as session:
        walk(session, [2])  # harmful: a poor ending
        turns = session.turns
    mixed = ending_note(scenario, "escalated", "Walked out", turns, 20,
                        {"r_q": "fair", "pct_cr": "good"})
    assert mixed is not None and mixed.startswith("Your complex reflections score looks good,")
    both = ending_note(scenario, "escalated", "Walked out", turns, 20,
                       {"r_q": "good", "pct_cr": "good"})
    assert both is not None and both.startswith("Your MI summary scores look good,")
