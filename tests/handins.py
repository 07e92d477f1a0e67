"""Hand-in files made the way students make them, for the class report's tests."""

from __future__ import annotations

from pathlib import Path

from simulator.core.loader import load_scenario
from simulator.core.profile import Profile
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.storage.handin import build_handin, default_name, write_handin
from simulator.storage.meta import export_meta

MINI = Path(__file__).resolve().parent / "data" / "valid" / "mini.yaml"

# Who chose what in the mini scenario: (name, id, choices of each attempt).
CLASS = (("Ana", "S1", [[1, 1], [3, 2]]), ("Ben", "S2", [[2]]), ("Cal", "S3", [[3]]))


def write_class(folder: Path, students: tuple = CLASS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    scenario = load_scenario(MINI)
    paths = []
    for name, student_id, attempts in students:
        profile = Profile(name, student_id, "SW2")
        triples = []
        for number, choices in enumerate(attempts, start=1):
            with Session(scenario) as session:
                for choice in choices:
                    session.choose(choice)
                report = build_report(session)
                saved = session.to_dict()
            triples.append((export_meta(report, profile, attempt=number,
                                        date=f"2026-12-03T09:0{number}:00+00:00"),
                            saved, report))
        data = build_handin(profile, triples, created="2026-12-03T10:00:00+00:00")
        paths.append(write_handin(data, folder / default_name(profile, data["created"])))
    return paths
