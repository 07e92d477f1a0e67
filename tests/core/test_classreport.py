"""The class report: counts a trainer can check by hand from a few known sessions."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from simulator.core.classreport import Work, build_class_report
from simulator.core.loader import load_scenario
from simulator.core.profile import Profile
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.storage.gradebook import IDENTITY_COLUMNS, gradebook_csv
from simulator.storage.meta import export_meta

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"
ANA = Profile("Ana", "S1", "SW2")
BEN = Profile("Ben", "S2", "SW2")
CAL = Profile("Cal", "S3", "SW2")


def _work(profile: Profile, choices: list[int], attempt: int = 1, undo: bool = False) -> Work:
    with Session(load_scenario(MINI)) as session:
        if undo:
            session.choose(2)
            session.undo()
        for choice in choices:
            session.choose(choice)
        report = build_report(session)
    return Work(profile, export_meta(report, profile, attempt=attempt,
                                     date=f"2026-12-03T09:0{attempt}:00+00:00"), report)


@pytest.fixture
def works() -> list[Work]:
    return [
        _work(ANA, [1, 1]),                # best, best -> engaged, 100
        _work(ANA, [3, 2], attempt=2),     # closed question, persuade -> partial
        _work(BEN, [2], undo=True),        # tried 2, took it back, then 2 again -> walks out
        _work(CAL, [3]),                   # left part-way
    ]


def test_choices_endings_and_grades_per_student(works: list[Work]) -> None:
    report = build_class_report(works)
    mini = report.scenario("mini")
    assert mini is not None and report.sessions == 4 and len(report.students) == 3
    opening, middle = mini.decisions
    assert opening.node == "opening" and opening.says == "This is a waste of time."
    assert {n: o.count for n, o in opening.options.items()} == {1: 1, 2: 1, 3: 2}
    assert opening.options[2].grade == "harmful"
    assert {n: o.count for n, o in middle.options.items()} == {1: 1, 2: 1}
    assert mini.endings == {("Talking", "engaged"): 1, ("Still here", "partial"): 1,
                            ("Walked out", "escalated"): 1, ("", ""): 1}
    best = {s.profile.name: (s.sessions, s.finished, s.best, s.undone) for s in mini.students}
    assert best == {"Ana": (2, 2, 100, 0), "Ben": (1, 1, 0, 1), "Cal": (1, 0, None, 0)}


def test_miti_summaries_use_each_students_best_session_against_the_thresholds(
        works: list[Work]) -> None:
    mini = build_class_report(works).scenario("mini")
    ratios = {r.id: r for r in mini.miti}
    # Ana's best: CR + Seek -> 1 reflection, 0 questions: R:Q "good" with no value.
    # Ben: Confront only -> no reflections or questions: not enough data.
    assert ratios["r_q"].verdicts == {"good": 1, "not enough data": 1}
    assert ratios["pct_cr"].mean == 1.0 and ratios["pct_cr"].good == 0.5


def test_mistimed_rs_are_counted_where_they_happened(works: list[Work]) -> None:
    mini = build_class_report(works).scenario("mini")
    # Both reasoned with a client at arousal 9 or more: Ben at once, Ana after a question.
    assert [(m.node, m.option, m.count, m.students) for m in mini.mistimed] == [
        ("middle", 2, 1, 1), ("opening", 2, 1, 1)]
    assert mini.mistimed[0].detail.startswith("Reason while the client was very stirred up")


def test_safety_failures_are_listed_when_a_scenario_flags_them(works: list[Work]) -> None:
    assert build_class_report(works).scenario("mini").safety == []  # no flag: none
    flagged = []
    for work in works:
        turns = [{**t, "safety_failure": t["grade"] == "harmful"} for t in work.report["turns"]]
        flagged.append(Work(work.profile, work.meta, {**work.report, "turns": turns}))
    safety = build_class_report(flagged).scenario("mini").safety
    assert [(m.node, m.option, m.count) for m in safety] == [("middle", 2, 1),
                                                             ("opening", 2, 1)]


def test_the_same_session_handed_in_twice_counts_once(works: list[Work]) -> None:
    assert build_class_report([*works, works[0]]).sessions == 4


def test_anonymised_reports_keep_the_counts_and_drop_names_and_ids(works: list[Work]) -> None:
    report = build_class_report(works, anonymised=True)
    assert {p.name for p in report.students} == {"Student 1", "Student 2", "Student 3"}
    assert all(p.student_id == "" and p.class_code == "SW2" for p in report.students)
    assert sum(s.best or 0 for s in report.scenario("mini").students) == 100


def _rows(text: str) -> tuple[list[str], list[dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def test_the_gradebook_has_one_row_per_student_with_lms_columns(works: list[Work]) -> None:
    columns, rows = _rows(gradebook_csv(build_class_report(works)))
    assert columns == [*IDENTITY_COLUMNS, "Rapport: A short test conversation"]
    assert [(r["Student"], r["SIS User ID"], r["Section"],
             r["Rapport: A short test conversation"]) for r in rows] == [
        ("Ana", "S1", "SW2", "100"), ("Ben", "S2", "SW2", "0"), ("Cal", "S3", "SW2", "")]


def test_gradebook_text_never_runs_as_a_formula() -> None:
    sneaky = Profile("=HYPERLINK(\"x\")", "S9", "SW2")
    _, rows = _rows(gradebook_csv(build_class_report([_work(sneaky, [1, 1])])))
    assert rows[0]["Student"].startswith("'=")


def test_two_scenarios_with_one_title_get_two_gradebook_columns(tmp_path: Path,
                                                                works: list[Work]) -> None:
    text = MINI.read_text(encoding="utf-8").replace("id: mini", "id: mini-b", 1)
    (tmp_path / "mini-b.yaml").write_text(text, encoding="utf-8")
    with Session(load_scenario(tmp_path / "mini-b.yaml")) as session:
        session.choose(1)
        session.choose(1)
        other = build_report(session)
    extra = Work(ANA, export_meta(other, ANA, attempt=1), other)
    columns, rows = _rows(gradebook_csv(build_class_report([*works, extra])))
    assert columns[-2:] == ["Rapport: A short test conversation (mini)",
                            "Rapport: A short test conversation (mini-b)"]
    assert rows[0]["Rapport: A short test conversation (mini-b)"] == "100"
    assert rows[1]["Rapport: A short test conversation (mini-b)"] == ""


def test_responses_marked_as_colluding_are_listed(works: list[Work]) -> None:
    assert build_class_report(works).scenario("mini").collusion == []
    marked = []
    for work in works:
        turns = [{**t, "colludes": t["node"] == "middle" and t["option"] == 2}
                 for t in work.report["turns"]]
        marked.append(Work(work.profile, work.meta, {**work.report, "turns": turns}))
    collusion = build_class_report(marked).scenario("mini").collusion
    assert [(m.node, m.option, m.count, m.students) for m in collusion] == [
        ("middle", 2, 1, 1)]


def test_safety_failures_marked_in_the_scenario_reach_the_class_report(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "        explain: Argues.\n",
        "        explain: Argues.\n        safety_failure: Provokes a man who is close to "
        "walking out.\n", 1)
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    with Session(load_scenario(path)) as session:
        session.choose(2)
        report = build_report(session)
    safety = build_class_report([Work(BEN, export_meta(report, BEN, attempt=1), report)]
                                ).scenario("mini").safety
    assert [(m.node, m.option, m.count, m.students, m.detail) for m in safety] == [
        ("opening", 2, 1, 1, "Provokes a man who is close to walking out.")]
