"""`main.py class FOLDER`: a folder of hand-in files -> a class report on the
terminal, and on request a gradebook CSV and a PDF.

The report and the CSV need no display; the PDF is printed by Qt's text engine,
which runs without a screen on the offscreen platform.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .core.errors import RapportError

if TYPE_CHECKING:  # imported when the command runs: the app's start-up never pays for them
    from .core.classreport import ClassReport


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("class", help="turn a folder of hand-in files into a class "
                                 "report and a gradebook")
    parser.add_argument("folder", nargs="?",
                        help="the folder holding the students' hand-in files")
    parser.add_argument("--lrs", metavar="CLASS_LIST",
                        help="read the class's sessions from the learning record store set "
                             "up under Settings instead: a CSV of the students (columns "
                             "name, student_id, class_code); needs --scenario")
    parser.add_argument("--scenario", metavar="ID",
                        help="with --lrs: the scenario whose sessions to read")
    parser.add_argument("--csv", metavar="FILE",
                        help="write the gradebook CSV (Moodle and Canvas import it)")
    parser.add_argument("--pdf", metavar="FILE", help="write the class report as a PDF")
    parser.add_argument("--anonymise", "--anonymize", action="store_true",
                        help="show students as 'Student 1', 'Student 2'... (no names or ids)")
    parser.add_argument("--scenarios", metavar="FOLDER",
                        help="replay each session against the scenarios here to check its "
                             "scores (default: the library's scenarios folder)")


def load_class(folder: Path, anonymised: bool = False,
               scenarios: Mapping[str, Any] | None = None) -> tuple[ClassReport, list[str]]:
    """The class report of every hand-in in a folder, and a message per file refused.

    With `scenarios` (id -> Scenario), a session played on the same version of its
    scenario is replayed and must give the scores it claims: a file edited and then
    resealed with a new digest is caught too. A session of another version, or of a
    scenario not given, is counted on its digest alone.
    """
    from .core.classreport import Work, build_class_report
    from .storage.handin import read_folder, replay_matches

    handins, problems = read_folder(folder)
    works = []
    for handin in handins:
        for number, session in enumerate(handin.sessions, start=1):
            scenario = (scenarios or {}).get(str(session.saved.get("scenario", "")))
            if scenario is not None and session.saved.get("digest") == scenario.digest \
                    and not replay_matches(session, scenario):
                problems.append(f"{handin.path.name}: session {number} does not replay to "
                                "the scores it claims, so it was changed after it was "
                                "played; ask the student to hand it in again")
                continue
            works.append(Work(handin.profile, session.meta, session.report))
    return build_class_report(works, anonymised=anonymised), problems


def load_class_from_lrs(class_list: Path, scenario_id: str | None,
                        scenarios: Mapping[str, Any],
                        anonymised: bool = False) -> tuple[ClassReport, list[str]]:
    """The class report of what the record store holds for each student on the list."""
    from .core.classreport import build_class_report
    from .xapi.classroom import learner_of, read_roster, works_from_records
    from .xapi.client import LrsClient
    from .xapi.config import XapiConfigStore
    from .xapi.records import class_statements

    if not scenario_id:
        raise RapportError("--lrs needs --scenario ID: the scenario whose sessions to read")
    scenario = scenarios.get(scenario_id)
    if scenario is None:
        raise RapportError(f"there is no scenario '{scenario_id}' in the library; known: "
                           + ", ".join(sorted(scenarios)))
    students = read_roster(class_list)
    store = XapiConfigStore()
    settings = store.load()
    if not settings.account_homepage.strip():
        raise RapportError("the record store knows students by their id at your university: "
                           "fill in the university's web address under Settings, Learning "
                           "records")
    client = LrsClient(store.read_config(settings))
    records = class_statements(client, [learner_of(s, settings.account_homepage)
                                        for s in students], scenario_id)
    works, problems = works_from_records(records, students, scenario)
    return build_class_report(works, anonymised=anonymised), problems


def library_scenarios(folder: Path) -> dict[str, Any]:
    """The scenarios of a folder by id (files that do not load are skipped)."""
    from .core.loader import load_scenario, scenario_files

    found: dict[str, Any] = {}
    for path in scenario_files([folder]):
        try:
            scenario = load_scenario(path)
        except RapportError:
            continue
        found.setdefault(scenario.id, scenario)
    return found


def class_text(report: ClassReport) -> str:
    from .core.report import format_threshold

    lines = [f"Class report: {len(report.students)} student(s), {report.sessions} session(s)"]
    for scenario in report.scenarios:
        lines.append(f"\n# {scenario.title} ({scenario.id})")
        total = sum(scenario.endings.values())
        lines.append("Endings:")
        for (title, outcome), count in scenario.endings.most_common():
            name = f"{title} ({outcome})" if title else "not finished"
            lines.append(f"  {count:>4}  {100 * count / total:>3.0f}%  {name}")
        for ratio in scenario.miti:
            mean = "n/a" if ratio.mean is None else (
                format_threshold(ratio.mean, ratio.format) if ratio.format == "percent"
                else f"{ratio.mean:.2f}:1")
            v = ratio.verdicts
            lines.append(f"MI {ratio.label}: class mean {mean} (fair "
                         f"{format_threshold(ratio.fair, ratio.format)}, good "
                         f"{format_threshold(ratio.good, ratio.format)}); students good "
                         f"{v.get('good', 0)}, fair {v.get('fair', 0)}, below fair "
                         f"{v.get('below fair', 0)}")
        for decision in scenario.decisions:
            lines.append(f"Decision {decision.node}: \"{decision.says}\"")
            for option in decision.options.values():
                lines.append(f"  {option.count:>4}  {option.number}. [{option.grade}] "
                             f"{option.text}")
        for mistake in scenario.mistimed[:5]:
            lines.append(f"Mistimed {mistake.count}x ({mistake.students} student(s)) at "
                         f"{mistake.node}: \"{mistake.text}\": {mistake.detail}")
        for mistake in scenario.collusion:
            lines.append(f"Collusion {mistake.count}x ({mistake.students} student(s)) at "
                         f"{mistake.node}: \"{mistake.text}\"")
        for mistake in scenario.safety:
            lines.append(f"SAFETY {mistake.count}x ({mistake.students} student(s)) at "
                         f"{mistake.node}: \"{mistake.text}\"")
        for student in scenario.students:
            best = "-" if student.best is None else f"{student.best}/100"
            lines.append(f"  {student.profile.label}: {student.sessions} session(s), "
                         f"best {best}, {student.undone} taken back")
    return "\n".join(lines) + "\n"


def write_class_pdf(report: ClassReport, path: Path) -> Path:
    """Print the class report (Qt draws the PDF, without a screen when there is none)."""
    if not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")) \
            and os.name == "posix":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .ui.class_html import print_class_report

    return print_class_report(report, path)


def cmd_class(args: argparse.Namespace, out: TextIO) -> int:
    from .cli import DEFAULT_SCENARIOS
    from .storage.gradebook import write_gradebook

    if args.scenarios and not Path(args.scenarios).is_dir():
        raise RapportError(f"{args.scenarios}: there is no folder here; --scenarios takes the "
                           "folder of scenario files the class played")
    scenarios = library_scenarios(Path(args.scenarios) if args.scenarios else DEFAULT_SCENARIOS)
    if args.lrs:
        report, problems = load_class_from_lrs(Path(args.lrs), args.scenario, scenarios,
                                               args.anonymise)
    elif args.folder:
        report, problems = load_class(Path(args.folder), args.anonymise, scenarios)
    else:
        raise RapportError("name the folder of hand-in files, or use --lrs CLASS_LIST "
                           "--scenario ID to read the record store")
    for problem in problems:
        print(f"skipped {problem}", file=out)
    if not report.sessions:
        if args.lrs:
            raise RapportError(f"the record store holds no session of "
                               f"'{args.scenario}' for the students in {args.lrs}")
        raise RapportError(f"{args.folder}: no usable hand-in files here; students make "
                           "them with 'Hand in' on their History page")
    out.write(class_text(report))
    if args.csv:
        print(f"wrote {write_gradebook(report, Path(args.csv))}", file=out)
    if args.pdf:
        print(f"wrote {write_class_pdf(report, Path(args.pdf))}", file=out)
    return 0
