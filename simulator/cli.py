"""Command line: validate, walk, paths and graph run with no display; no command
starts the desktop app.

Every error a user can cause ends in a plain message and exit status 1, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .core.errors import Problem, RapportError, ScenarioError, Severity
from .core.frameworks import builtin_frameworks
from .core.loader import LoadResult, load_scenario, scenario_files, validate_file
from .core.report import build_report
from .core.routes import STRATEGIES, reachable_endings, routes, strategy, walk
from .core.session import MODES, Session
from .core.surface_cues import measure
from .xapi import command as xapi_command

DEFAULT_SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Rapport: practise engaging resistant and involuntary clients. "
                    "With no command, the desktop app starts.")
    parser.add_argument("--scenario", metavar="ID",
                        help="open the app straight at this scenario's briefing")
    parser.add_argument("--present", metavar="ID",
                        help="open this scenario in presenter mode (full screen, the class "
                             "votes before each reveal)")
    parser.add_argument("--timer", metavar="SECONDS", type=int, default=0,
                        help="with --present: a countdown for each decision")
    commands = parser.add_subparsers(dest="command")

    check = commands.add_parser("validate", help="check scenario files and report problems")
    check.add_argument("paths", nargs="*", help="files or folders (default: scenarios/)")
    check.add_argument("--strict", action="store_true", help="treat warnings as failures")
    check.add_argument("--json", action="store_true", help="print problems as JSON")

    play = commands.add_parser("walk", help="play a scenario without a screen")
    play.add_argument("path")
    play.add_argument("--choices", default="", help="option numbers, e.g. 1,3,2")
    play.add_argument("--strategy", choices=STRATEGIES, help="pick the remaining options")
    play.add_argument("--seed", type=int, help="seed for --strategy random (default 0)")
    play.add_argument("--mode", choices=MODES, default="practice")
    play.add_argument("--json", action="store_true", help="print transcript and report as JSON")

    paths = commands.add_parser("paths", help="list the routes through a scenario")
    paths.add_argument("path")
    paths.add_argument("--max-routes", type=int, default=1000)
    paths.add_argument("--json", action="store_true")
    paths.add_argument("--coverage", action="store_true",
                       help="show which nodes and options saved sessions have visited")
    paths.add_argument("--history", metavar="FILE",
                       help="the history database to read (default: the app's own)")

    graph = commands.add_parser("graph", help="print the scenario as a Mermaid diagram, or "
                                "draw its map as an SVG picture")
    graph.add_argument("path")
    graph.add_argument("--svg", metavar="FILE",
                       help="write the map as an SVG picture to FILE (- prints it) instead "
                            "of printing Mermaid; open it in a web browser")

    studio = commands.add_parser("studio", help="open the writers' studio: the scenario map, "
                                 "live errors and play from any node")
    studio.add_argument("path", nargs="?", help="the scenario file to open")

    from .class_cmd import add_parser as add_class_parser  # the trainer's class report
    add_class_parser(commands)

    schema = commands.add_parser("schema", help="print the JSON Schema editors use for "
                                 "scenario files")
    schema.add_argument("--write", action="store_true",
                        help="update the schema file shipped in the package")
    schema.add_argument("--path", action="store_true",
                        help="print the first line that points an editor at the schema, "
                             "for a scenario file kept outside the scenarios folder")
    xapi_command.add_parser(commands)
    return parser


def _print_problems(results: list[LoadResult], out: TextIO) -> None:
    for result in results:
        for problem in result.problems:
            print(problem, file=out)


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    asked = args.paths or [DEFAULT_SCENARIOS]
    files = scenario_files(asked)
    if files:
        results = [validate_file(path) for path in files]
    else:
        results = [LoadResult(str(folder), None, [Problem(
            str(folder), 0, 0, Severity.ERROR, "no scenario files (.yaml) in this folder")])
            for folder in asked]
    errors = sum(len(r.errors) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    if args.json:
        json.dump([{"file": r.path, "valid": r.scenario is not None,
                    "problems": [p.to_dict() for p in r.problems]} for r in results],
                  out, indent=2)
        out.write("\n")
    elif not files:
        _print_problems(results, out)  # no count: nothing was checked
    else:
        _print_problems(results, out)
        bad = sum(1 for r in results if r.errors)
        print(f"{len(results)} file(s) checked: {len(results) - bad} valid, {bad} with errors; "
              f"{errors} error(s), {warnings} warning(s)", file=out)
    failed = errors > 0 or (args.strict and warnings > 0) or not results
    return 1 if failed else 0


def _parse_choices(text: str) -> list[int]:
    # Spaces separate like commas: "1 3" is two choices, never option 13.
    try:
        return [int(part) for part in re.split(r"[,\s]+", text) if part]
    except ValueError as error:
        raise RapportError(f"--choices takes option numbers separated by commas, e.g. 1,3,2 "
                           f"({error})") from error


def _state_change(before: dict[str, float], after: dict[str, float]) -> str:
    """'trust 3 -> 5, arousal 6': what a response did to the client, at a glance."""
    def number(value: float) -> str:
        return f"{value:g}"

    return ", ".join(
        f"{name} {number(value)}" if after.get(name) == value
        else f"{name} {number(value)} -> {number(after[name])}"
        for name, value in before.items())


def _print_transcript(report: dict[str, Any], out: TextIO) -> None:
    print(f"# {report['scenario']['title']}", file=out)
    for turn in report["turns"]:
        for line in turn["lines"]:
            cue = f" ({line['cue']})" if line["cue"] else ""
            print(f"{line['name']}{cue}: {line['says']}", file=out)
        print(f"  You [{turn['option']}, {turn['grade']}]: {turn['text']}", file=out)
        for score in turn["scores"].values():
            names = ", ".join(score["names"]) or "-"
            print(f"    {score['framework']}: {names} ({score['verdict']})", file=out)
        print(f"    state: {_state_change(turn['state_before'], turn['state_after'])}", file=out)
    ending = report["ending"]
    if ending:
        print(f"\nEnding: {ending['title']} ({ending['outcome']})\n{ending['debrief']}", file=out)
    else:
        print("\n(the conversation has not ended)", file=out)
    summary = report["report"]
    overall = summary["overall"]["score"]
    print(f"\nOverall: {'n/a' if overall is None else f'{overall}/100'}", file=out)
    for note in summary.get("notes", []):
        print(f"{'Safety' if note['kind'] == 'safety' else 'Note'}: {note['text']}", file=out)
    mi = summary.get("mi")
    if mi:
        if mi["r_q"] is not None:
            rq = f"{mi['r_q']:.2f}"
        else:  # no questions: good with reflections, nothing to judge without them
            rq = "no questions" if mi["verdicts"]["r_q"] == "good" else "n/a"
        cr = "n/a" if mi["pct_cr"] is None else f"{100 * mi['pct_cr']:.0f}%"
        print(f"MI: R:Q {rq} ({mi['verdicts']['r_q']}), %CR {cr} ({mi['verdicts']['pct_cr']}), "
              f"adherent {mi['adherent']}, non-adherent {mi['non_adherent']}", file=out)


def cmd_walk(args: argparse.Namespace, out: TextIO) -> int:
    if args.seed is not None and args.strategy != "random":
        raise RapportError("--seed only applies with --strategy random; add it, or leave "
                           "out --seed")
    scenario = load_scenario(args.path)
    picker = strategy(args.strategy, args.seed or 0) if args.strategy else None
    with Session(scenario, mode=args.mode) as session:
        walk(session, _parse_choices(args.choices), picker)
        report = build_report(session)
    if args.json:
        json.dump(report, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        _print_transcript(report, out)
    return 0


def cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    # The rarer commands import their parts here, so that 'python main.py' (the app)
    # does not pay for them at start-up; only this one needs the database.
    from .core.coverage import measure
    from .storage.history import History, default_path

    scenario = load_scenario(args.path)
    if args.history:
        history_file = Path(args.history)
        if not history_file.is_file():
            raise RapportError(f"{history_file}: there is no history file here; check the "
                               "name, or leave out --history to read the app's own")
    else:  # a report must not create the app's history as a side effect
        history_file = default_path()
        if not history_file.is_file():
            print(f"No sessions have been saved on this computer yet (looked for "
                  f"{history_file}). Play '{scenario.title}' in the app, or pass --history "
                  "with a history file from a classroom computer.", file=out)
            return 0
    # A report must not move aside a history it finds damaged: only the app recovers.
    with History(history_file, recover=False) as history:
        saved = [record.saved for record in history.sessions(scenario_id=scenario.id)]
    result = measure(scenario, saved)
    if args.json:
        json.dump(result.to_dict(), out, indent=2)
        out.write("\n")
        return 0
    nodes, options = result.percent()
    skipped = f" ({result.skipped} saved before the file changed, not counted)" \
        if result.skipped else ""
    print(f"{result.sessions} session(s) of '{scenario.id}'{skipped}: {nodes}% of nodes "
          f"visited, {options}% of options chosen", file=out)
    for nid in scenario.nodes:
        print(f"  {result.nodes[nid]:>5}  {nid}", file=out)
    if result.unchosen_options:
        print("Options nobody has chosen:", file=out)
        for nid, number in result.unchosen_options:
            print(f"  {nid} option {number}: {scenario.nodes[nid].options[number - 1].text}",
                  file=out)
    for eid in result.unreached_endings:
        print(f"Ending nobody has reached: {eid}", file=out)
    return 0


def cmd_paths(args: argparse.Namespace, out: TextIO) -> int:
    if args.coverage:
        return cmd_coverage(args, out)
    if args.max_routes < 1:
        raise RapportError(f"--max-routes must be at least 1 (got {args.max_routes})")
    scenario = load_scenario(args.path)
    # One route more than asked tells "exactly this many" apart from "stopped early".
    listed = list(routes(scenario, max_routes=args.max_routes + 1))
    truncated = len(listed) > args.max_routes
    del listed[args.max_routes:]
    reached, complete = reachable_endings(scenario)
    unreached = [e for e in scenario.endings if e not in reached]
    cues = measure(scenario, builtin_frameworks())
    if args.json:
        json.dump({"scenario": scenario.id,
                   "routes": [{"choices": list(r.choices), "ending": r.ending,
                               "score": r.grade_score} for r in listed],
                   "truncated": truncated,
                   "endings_reached": sorted(reached),
                   "endings_unreached": unreached,
                   "search_complete": complete,
                   "surface_cues": cues.to_dict()}, out, indent=2)
        out.write("\n")
    else:
        for route in listed:
            print(f"{','.join(map(str, route.choices)):<40} -> {route.ending:<24} "
                  f"score {route.grade_score}", file=out)
        more = " (stopped at --max-routes)" if truncated else ""
        print(f"{len(listed)} route(s){more}; endings reached: {len(reached)} of "
              f"{len(scenario.endings)}", file=out)
        for eid in unreached:
            print(f"warning: no choices reach ending '{eid}'", file=out)
        for line in cues.summary_lines():
            print(line, file=out)
    return 1 if unreached else 0


def cmd_graph(args: argparse.Namespace, out: TextIO) -> int:
    if args.svg:
        from .core.map_svg import svg_map, write_map

        scenario = load_scenario(args.path)
        if args.svg == "-":
            out.write(svg_map(scenario))
            return 0
        size = write_map(scenario, args.svg)
        print(f"wrote {args.svg} ({size / 1024:.0f} KB): the map of '{scenario.id}', "
              f"{len(scenario.nodes)} moments and {len(scenario.endings)} endings; open it in "
              "a web browser", file=out)
        return 0
    from .core.graph import mermaid  # pulls in transitions' diagrams and asyncio

    out.write(mermaid(load_scenario(args.path)))
    return 0


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from .core.editor_schema import SCHEMA_PATH, schema_text, write_schema

    if args.write:
        from .core.placeholders import write_placeholders

        print(f"wrote {write_schema()}", file=out)
        template = Path(__file__).resolve().parent.parent / "scenarios" / "_template.yaml"
        print(f"wrote {write_placeholders(template)}", file=out)
    elif args.path:
        # A plain absolute path: the YAML language server reads those (and relative ones).
        print(f"# yaml-language-server: $schema={SCHEMA_PATH.resolve().as_posix()}", file=out)
    else:
        out.write(schema_text())
    return 0


def cmd_studio(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from .ui.studio.app import run_studio
    except ImportError as error:
        print(f"The writers' studio cannot start: {error}. Run scripts/start.sh to install it.",
              file=sys.stderr)
        return 1
    return run_studio(args.path)


def _start_app(scenario_id: str | None, present: str | None = None, timer: int = 0) -> int:
    from .launch import start_app  # also what `python main.py` runs, without this module

    return start_app(scenario_id, present, timer)


def cmd_class(args: argparse.Namespace, out: TextIO) -> int:
    from .class_cmd import cmd_class as run

    return run(args, out)


COMMANDS = {"validate": cmd_validate, "walk": cmd_walk, "paths": cmd_paths, "graph": cmd_graph,
            "schema": cmd_schema, "studio": cmd_studio, "xapi": xapi_command.cmd_xapi,
            "class": cmd_class}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    if args.command is None:
        return _start_app(args.scenario, args.present, args.timer)
    try:
        return COMMANDS[args.command](args, out)
    except ScenarioError as error:
        print(error, file=sys.stderr)  # already "file:line:col: error: ...", one per line
        return 1
    except RapportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
