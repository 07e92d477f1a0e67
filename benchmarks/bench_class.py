"""How long a trainer waits for a class report: 40 hand-in files -> report + gradebook.

Run: .venv/bin/python benchmarks/bench_class.py [--students 40] [--sessions 3] [--pdf]

The issue's target: 40 hand-in files into a class report and a gradebook CSV in
under 5 s. The files are made as students make them: each student plays the
library's real scenarios (random choices, a fixed seed per student) 3 times,
and hands all sessions in as one sealed file. Timed, from the folder: reading
and checking every file (digest included), building the class report, and
writing the gradebook CSV; the PDF (Qt's text engine) is timed apart with --pdf.
The median of 5 runs is reported.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.class_cmd import library_scenarios, load_class
from simulator.core.loader import load_scenario
from simulator.core.profile import Profile
from simulator.core.report import build_report
from simulator.core.routes import strategy, walk
from simulator.core.session import Session
from simulator.storage.gradebook import write_gradebook
from simulator.storage.handin import build_handin, default_name, write_handin
from simulator.storage.meta import export_meta

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
RUNS = 5


def make_folder(folder: Path, students: int, sessions: int) -> int:
    """Write one hand-in file per student; returns the total size in bytes."""
    scenarios = [load_scenario(p) for p in sorted(SCENARIOS.glob("*.yaml"))
                 if not p.name.startswith("_")]
    size = 0
    for number in range(students):
        profile = Profile(f"Student {number:02}", f"S{number:05}", "SW2-2026")
        triples = []
        for attempt in range(sessions):
            scenario = scenarios[(number + attempt) % len(scenarios)]
            with Session(scenario) as session:
                walk(session, [], strategy("random", number * 100 + attempt))
                report = build_report(session)
                triples.append((export_meta(report, profile, attempt=attempt + 1),
                                session.to_dict(), report))
        path = write_handin(build_handin(profile, triples), folder / default_name(profile))
        size += path.stat().st_size
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--sessions", type=int, default=3, help="sessions per hand-in file")
    parser.add_argument("--pdf", action="store_true", help="also time the PDF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "hand-ins"
        folder.mkdir()
        size = make_folder(folder, args.students, args.sessions)
        print(f"{args.students} hand-in files, {args.students * args.sessions} sessions, "
              f"{size / 1e6:.1f} MB")
        for label, replay in (("digest check only", False),
                              ("digest + replaying every session, scenario files read", True)):
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                scenarios = library_scenarios(SCENARIOS) if replay else None
                report, problems = load_class(folder, scenarios=scenarios)
                write_gradebook(report, Path(temp) / "gradebook.csv")
                times.append(time.perf_counter() - start)
                assert not problems and len(report.students) == args.students
            print(f"folder -> class report + gradebook CSV ({label}): median "
                  f"{statistics.median(times):.3f} s (min {min(times):.3f}, max "
                  f"{max(times):.3f}; target < 5 s)")
        if args.pdf:
            from simulator.class_cmd import write_class_pdf

            start = time.perf_counter()
            write_class_pdf(report, Path(temp) / "class.pdf")
            print(f"class report PDF: {time.perf_counter() - start:.3f} s "
                  f"(first use of Qt included)")


if __name__ == "__main__":
    main()
