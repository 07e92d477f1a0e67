"""Collusion is counted apart from the MI figures it would otherwise inflate.

A practice educator's domestic-abuse scenario colluded three times and still showed
R:Q and %CR 'good': the reflections were real reflections, they just took the wrong
side. These tests pin down what a learner and a writer now see.
"""

from __future__ import annotations

from pathlib import Path

from simulator.core.loader import load_scenario, validate_file
from simulator.core.report import build_report
from simulator.core.session import Session

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"
COLLUDING = """      - text: Sounds like they've got it in for you.
        grade: harmful
        colludes: true
        codes: {mi: CR}
        effects: {trust: 2}
        explain: Takes his side against the court.
        next: middle
"""


def _scenario(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "colluding.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _with_colluding_option(tmp_path: Path, ending_outcome: str = "partial") -> Path:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("      - text: Have you been drinking today?\n",
                        COLLUDING + "      - text: Have you been drinking today?\n")
    text = text.replace("    title: Still here\n    outcome: partial",
                        f"    title: Still here\n    outcome: {ending_outcome}")
    return _scenario(tmp_path, text)


def test_the_report_counts_colluding_responses_beside_the_mi_figures(tmp_path: Path) -> None:
    scenario = load_scenario(_with_colluding_option(tmp_path, "colluded"))
    with Session(scenario) as session:
        session.choose(3)  # the colluding reflection
        session.choose(2)  # persuade: to the 'colluded' ending
        report = build_report(session)
    collusion = report["report"]["collusion"]
    assert collusion["count"] == 1 and collusion["turns"] == [1]
    assert "sided with Sam's account" in collusion["note"]
    assert "ended comfortably but with nothing changed" in collusion["note"]
    assert report["turns"][0]["colludes"] is True


def test_no_collusion_no_note(tmp_path: Path) -> None:
    with Session(load_scenario(MINI)) as session:
        session.choose(1)
        report = build_report(session)
    assert report["report"]["collusion"] == {"count": 0, "turns": [], "note": ""}


def test_collusion_graded_best_is_an_error(tmp_path: Path) -> None:
    text = _with_colluding_option(tmp_path).read_text(encoding="utf-8")
    path = _scenario(tmp_path, text.replace("        grade: harmful\n        colludes: true",
                                            "        grade: best\n        colludes: true"))
    messages = [p.message for p in validate_file(path).errors]
    assert "option 3 of node 'opening' is marked as colluding but graded best" in messages


def test_collusion_that_reaches_the_best_ending_is_warned_about(tmp_path: Path) -> None:
    text = _with_colluding_option(tmp_path).read_text(encoding="utf-8")
    # Colluding raises trust by 2, so the best option at 'middle' reaches 'engaged'.
    path = _scenario(tmp_path, text.replace("  trust: {start: 3}", "  trust: {start: 2}"))
    warnings = [p for p in validate_file(path).warnings if "colludes wherever" in p.message]
    assert len(warnings) == 1
    assert "still reaches the engaged ending 'engaged'" in warnings[0].message
