"""Scoring each response and adding a session up, checked against hand-computed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.frameworks import builtin_frameworks, parse_framework
from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.routes import walk
from simulator.core.scoring import client_state
from simulator.core.session import Session

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"
MI_CODES = ["GI", "Persuade", "PWP", "Q", "OQ", "CQ", "SR", "CR", "AF", "Seek", "Emphasize",
            "Confront"]


def chain_scenario(tmp_path: Path, steps: int, frameworks: str = "[mi]") -> Path:
    """A straight line of `steps` nodes; option k at every node is coded MI_CODES[k-1]."""
    nodes = []
    for step in range(steps):
        target = f"n{step + 1}" if step + 1 < steps else "done"
        options = []
        for code in MI_CODES:
            grade = "harmful" if code in ("Persuade", "Confront") else "best"
            options.append(
                f"      - text: say {code}\n        grade: {grade}\n"
                f"        codes: {{mi: {code}}}\n        effects: {{trust: 1, arousal: -1}}\n"
                f"        explain: x\n        next: {target}\n")
        nodes.append(f"  n{step}:\n    says: line {step}\n    options:\n" + "".join(options))
    text = (
        "id: chain\ntitle: Chain\nsetting: other\ndifficulty: introductory\n"
        f"frameworks: {frameworks}\nresistance: [ambivalence]\n"
        "client: {name: C, background: b}\nbriefing: b\nobjectives: [o]\n"
        "state:\n  trust: {start: 2}\n  arousal: {start: 5}\n"
        "start: n0\nnodes:\n" + "".join(nodes)
        + "endings:\n  done: {title: Done, outcome: engaged, debrief: d}\n")
    path = tmp_path / "chain.yaml"
    path.write_text(text)
    return path


def play_codes(tmp_path: Path, codes: list[str]) -> dict:
    scenario = load_scenario(chain_scenario(tmp_path, len(codes)))
    with Session(scenario) as session:
        walk(session, [MI_CODES.index(c) + 1 for c in codes])
        return build_report(session)["report"]["mi"]


def test_miti_summary_matches_hand_computed_values(tmp_path: Path) -> None:
    mi = play_codes(tmp_path, ["SR", "CR", "CR", "OQ", "CQ", "AF", "Confront", "Seek"])
    # R = SR + CR = 3; Q = OQ + CQ = 2 -> R:Q 1.5 (fair: >= 1, < 2)
    assert mi["r_q"] == 1.5 and mi["verdicts"]["r_q"] == "fair"
    # %CR = 2 / 3 = 0.667 (good: >= 0.5)
    assert mi["pct_cr"] == pytest.approx(0.667, abs=0.001)
    assert mi["verdicts"]["pct_cr"] == "good"
    assert (mi["adherent"], mi["non_adherent"]) == (2, 1)
    assert mi["counts"]["CR"] == 2 and mi["groups"]["Q"] == 2


@pytest.mark.parametrize(
    ("codes", "r_q", "pct_cr", "verdicts"),
    [
        (["SR", "SR", "Q"], 2.0, 0.0, ("good", "below fair")),
        (["CR", "Q", "Q"], 0.5, 1.0, ("below fair", "good")),
        (["CR", "SR", "CR", "SR", "CR", "OQ", "Q", "CQ"], 1.667, 0.6, ("fair", "good")),
        (["SR", "CR", "SR", "CQ"], 3.0, 0.333, ("good", "below fair")),
        (["SR", "SR", "SR", "CR", "CR", "Q"], 5.0, 0.4, ("good", "fair")),
        (["GI", "Persuade"], None, None, ("not enough data", "not enough data")),
        (["CR"], None, 1.0, ("good", "good")),
    ],
)
def test_ratio_thresholds(tmp_path: Path, codes, r_q, pct_cr, verdicts) -> None:
    mi = play_codes(tmp_path, codes)
    assert mi["r_q"] == (None if r_q is None else pytest.approx(r_q, abs=0.001))
    assert mi["pct_cr"] == (None if pct_cr is None else pytest.approx(pct_cr, abs=0.001))
    assert (mi["verdicts"]["r_q"], mi["verdicts"]["pct_cr"]) == verdicts


def test_each_mi_code_is_explained_with_its_adherence(tmp_path: Path) -> None:
    scenario = load_scenario(chain_scenario(tmp_path, 1))
    expected = {"AF": "MI-adherent", "Seek": "MI-adherent", "Emphasize": "MI-adherent",
                "Confront": "MI non-adherent", "Persuade": "MI non-adherent",
                "CR": "neutral", "GI": "neutral"}
    with Session(scenario) as session:
        for code, verdict in expected.items():
            score = session.preview(MI_CODES.index(code) + 1).get("mi")
            assert score.verdict == verdict
            assert score.label_names[0].lower() in score.explanation.lower()


def test_reason_while_dysregulated_is_mistimed_and_says_what_fits() -> None:
    scenario = load_scenario(MINI)  # arousal 8 at the start
    with Session(scenario) as session:
        score = session.preview(2).get("r4")  # option 2 performs Reason
        assert score.timing == "mistimed" and score.client_state == "dysregulated"
        assert "arousal 8 of 10" in score.explanation
        assert "What fits at this moment: Regulate or Relate." in score.explanation
        regulate = session.preview(1).get("r4")
        assert regulate.timing == "well_timed"


def test_reason_once_calm_and_connected_is_well_timed() -> None:
    scenario = load_scenario(MINI)
    with Session(scenario) as session:
        session.choose(1)  # trust 5, arousal 5
        assert session.preview(1).get("r4").timing == "well_timed"


def test_reason_right_after_a_rupture_is_mistimed_and_repair_fits() -> None:
    scenario = load_scenario(MINI)
    with Session(scenario, state={"arousal": 3, "trust": 8}) as session:
        session.choose(2)  # harmful: a rupture, arousal back to 5
        score = session.preview(1).get("r4")
        assert score.client_state == "ruptured" and score.timing == "mistimed"
        assert "Repair" in score.explanation


def test_not_yet_connected_client_is_not_ready_for_reason() -> None:
    scenario = load_scenario(MINI)
    with Session(scenario, start="middle", state={"arousal": 2, "trust": 2}) as session:
        score = session.preview(1).get("r4")
        assert score.client_state == "unconnected" and score.timing == "mistimed"


def test_pace_elements_and_opposites_are_counted() -> None:
    scenario = load_scenario(MINI)
    with Session(scenario) as session:
        session.choose(1)
        assert session.turns[0].score.get("pace").labels == ("acceptance", "empathy")
        session.undo()
        session.choose(2)
        pace = session.turns[0].score.get("pace")
        assert pace.points == -1 and "Interrogating" in pace.label_names
        report = build_report(session)["report"]["pace"]
        assert report["opposites"] == {"interrogating": 1}
        assert report["covered"] == [] and report["score"] == 0


def test_session_report_adds_up_best_alternatives_and_trajectory() -> None:
    scenario = load_scenario(MINI)
    with Session(scenario) as session:
        walk(session, [3, 2])
        report = build_report(session)
    first = report["turns"][0]
    assert first["was_best"] is False
    assert first["best"] == {"option": 1, "text": "You'd rather be anywhere but here.",
                             "why": "Rolls with it."}
    assert report["ending"]["outcome"] == "partial"
    assert [p["arousal"] for p in report["report"]["trajectory"]] == [8, 9, 9]
    assert report["report"]["overall"]["grades"] == {"best": 0, "acceptable": 0,
                                                     "unhelpful": 1, "harmful": 1}
    assert report["report"]["overall"]["score"] == round(100 * (1 + 0) / 6)


def test_a_new_framework_is_only_data() -> None:
    text = """
id: strengths
name: Strengths-based practice
kind: tags
elements:
  strength_noticed: {name: Noticing a strength, points: 1, explain: You named a strength.}
  deficit_focus: {name: Deficit focus, points: -1, opposite_of: strength_noticed,
                  explain: You only looked at problems.}
"""
    framework = parse_framework("strengths.yaml", text)
    assert framework.kind == "tags" and framework.points_range == (-1, 1)
    assert "trotter" in builtin_frameworks()  # shipped the same way, with no code of its own


def test_repair_at_a_flashpoint_after_a_rupture_is_well_timed() -> None:
    """An apology when the worker's own words wound the client up both mends and calms:
    it must not be marked down to 'fine here' because arousal is checked first."""
    scenario = load_scenario(MINI)
    r4 = builtin_frameworks()["r4"]
    state = client_state(r4, {"trust": 5, "arousal": 8}, True, scenario)
    assert state is not None and state.id == "ruptured_and_dysregulated"
    assert state.fits["repair"] == state.fits["regulate"] == "well_timed"
    assert state.fits["reason"] == "mistimed"
    calm = client_state(r4, {"trust": 5, "arousal": 8}, False, scenario)
    assert calm is not None and calm.id == "dysregulated" and calm.fits["repair"] == "acceptable"


def test_a_double_coded_response_counts_both_codes_in_the_summary(tmp_path: Path) -> None:
    """A reflection that also stresses the client's choice: MITI counts both, so the
    summary shows one more reflection and one more adherent response."""
    text = MINI.read_text(encoding="utf-8").replace(
        "codes: {mi: CR, pace: [acceptance, empathy], r4: regulate}",
        "codes: {mi: [CR, Emphasize], pace: [acceptance, empathy], r4: regulate}")
    path = tmp_path / "double.yaml"
    path.write_text(text, encoding="utf-8")
    with Session(load_scenario(path)) as session:
        turn = session.choose(1)
        mi = turn.score.get("mi")
        assert mi.labels == ("CR", "Emphasize") and mi.verdict == "neutral"
        assert "also counts as Emphasising autonomy" in mi.explanation
        summary = build_report(session)["report"]["mi"]
    assert summary["counts"]["CR"] == 1 and summary["counts"]["Emphasize"] == 1
    assert summary["adherent"] == 1
