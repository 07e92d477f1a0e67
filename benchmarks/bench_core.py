"""How fast the core loads, checks and plays scenarios, and whether sessions leak.

Run: .venv/bin/python benchmarks/bench_core.py [--quick]

(a) load + validate each bundled scenario (scenarios/*.yaml, not '_' files) and
    tests/data/valid/mini.yaml, through `validate_file` as the app does;
(b) generated scenarios of growing size: parse, build + validate (which includes
    the pedagogy lint when there are no errors), the shared transitions machine,
    and one session start, with each time's growth against the previous row
    (10x the nodes should cost about 10x the time). Generated files soon exceed
    the 2 MB file limit, so they are parsed with `yaml_reader.read_text` and built
    with `loader.build`: the steps `validate_file` takes after reading the bytes.
    A second set, whose conditions never use 'turn' (like most hand-written
    scenarios), has a smaller state space for the lint's search of endings;
(c) time per scored choice: median of 10,000 `Session.choose` calls, each undone;
(d) memory (tracemalloc and RSS) after 1,000 sessions of mini.yaml played to an
    ending and closed, against after 10; the shared machine must hold no models;
(e) the hostile files of tests/core/test_hostile_input.py, timed.

Numbers vary with machine load; the script prints the load average it started at.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate_scenario
from simulator.core import session as session_module
from simulator.core.frameworks import builtin_frameworks
from simulator.core.loader import build, load_scenario, scenario_files, validate_file
from simulator.core.model import Scenario
from simulator.core.routes import strategy, walk
from simulator.core.session import Session, machine_for
from simulator.core.yaml_reader import MAX_BYTES, read_file, read_text

try:  # the pedagogy lint, run by loader.build on scenarios without errors
    from simulator.core.lint import lint
except ImportError:  # pragma: no cover - an older core
    lint = None

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "valid" / "mini.yaml"


def _timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def _median_time(func: Callable[[], Any], repeats: int) -> float:
    return _measure(func, repeats)[0]


def _measure(func: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median seconds over `repeats` calls, and the last call's result."""
    times = []
    for _ in range(repeats):
        seconds, result = _timed(func)
        times.append(seconds)
    return statistics.median(times), result


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) if i else c.ljust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print()


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # peak, not current, where /proc is missing

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- (a) ---------------------------------------------------------------------------------
def bench_bundled(repeats: int) -> None:
    print("(a) load + validate (validate_file), median of", repeats)
    files = [*scenario_files([ROOT / "scenarios"]), MINI]
    rows = []
    for path in files:
        seconds = _median_time(lambda p=path: validate_file(p), repeats)
        result = validate_file(path)
        nodes = len(result.scenario.nodes) if result.scenario else "-"
        linting = "-"
        tree = read_file(path).tree
        if lint is not None and result.scenario is not None and tree is not None:
            linting = _ms(_median_time(
                lambda s=result.scenario, t=tree: lint(s, builtin_frameworks(), t), repeats))
        rows.append([str(path.relative_to(ROOT)), f"{path.stat().st_size / 1024:,.1f}",
                     str(nodes), str(len(result.errors)), str(len(result.warnings)),
                     _ms(seconds), linting])
    if len(files) == 1:
        print("(no bundled scenarios in scenarios/ yet)")
    _table(["file", "KB", "nodes", "errors", "warnings", "time", "of which lint"], rows)


# -- (b) ---------------------------------------------------------------------------------
def _repeats(size: int) -> int:
    return 3 if size < 1_048_576 else 1  # small sizes are noisy, big ones slow


def _load_text(text: str, name: str) -> dict[str, Any]:
    """Parse and build as validate_file does after reading the bytes, timing each step.

    `loader.build` runs the pedagogy lint itself; it is switched off here while
    timing the rest, and timed alone, because its search of the conversation's
    states is capped (lint.STATE_LIMIT) and so does not grow with the file.
    """
    data = text.encode()
    repeats = _repeats(len(data))
    found: dict[str, Any] = {"parse": 0.0, "parse_nogc": None, "check": 0.0, "lint": 0.0,
                             "scenario": None, "problems": []}
    found["parse"], (tree, problems) = _measure(lambda: read_text(name, text), repeats)
    found["problems"] = problems
    if len(data) < 10 * 1_048_576:  # is the cyclic GC a large part of parsing?
        gc.disable()
        try:
            found["parse_nogc"] = _median_time(lambda: read_text(name, text), repeats)
        finally:
            gc.enable()
    if tree is None:
        return found
    digest = hashlib.sha256(data).hexdigest()
    with patch("simulator.core.lint.lint", lambda *args: []):
        found["check"], (scenario, problems) = _measure(
            lambda: build(tree, name, digest, builtin_frameworks()), repeats)
    found["scenario"], found["problems"] = scenario, problems
    if lint is not None and scenario is not None:
        found["lint"], linted = _measure(
            lambda: lint(scenario, builtin_frameworks(), tree), repeats)
        found["problems"] = [*problems, *linted]
    return found


def bench_generated(sizes: list[int], variants: list[tuple[str, dict[str, Any]]]) -> None:
    print("(b) generated scenarios: read_text, loader.build (its lint timed apart), machine, "
          "one session start")
    for label, options in variants:
        rows = []
        previous: list[float] | None = None
        for n in sizes:
            text = generate_scenario(n, seed=1, **options)
            size = len(text.encode())
            gc.collect()
            found = _load_text(text, f"generated-{n}.yaml")
            scenario, problems = found["scenario"], found["problems"]
            errors = [p for p in problems if p.is_error]
            if scenario is None:
                raise SystemExit(f"generated scenario of {n} nodes has errors: {errors[:3]}")

            def fresh_machine(s: Scenario = scenario) -> Any:
                session_module._MACHINES.pop(s, None)  # lint built one; time a new one
                return machine_for(s)

            def start_and_close(s: Scenario = scenario) -> None:
                Session(s).close()

            machine_s, machine = _measure(fresh_machine, _repeats(size))
            start_s = _median_time(start_and_close, _repeats(size))
            assert not machine.models
            times = [found["parse"], found["check"], machine_s]
            growth = ("" if previous is None else
                      " / ".join(f"{now / before:.1f}x" for now, before in
                                 zip(times, previous, strict=True)))
            nogc = found["parse_nogc"]
            rows.append([f"{n:,}", f"{size / 1_048_576:,.2f}" + (" (>2MB)" if size > MAX_BYTES
                                                                 else ""),
                         _ms(found["parse"]), "-" if nogc is None else _ms(nogc),
                         _ms(found["check"]), _ms(found["lint"]),
                         _ms(found["parse"] + found["check"] + found["lint"]),
                         _ms(machine_s), _ms(start_s), str(len(problems)), growth])
            previous = times
            del scenario, machine, text, fresh_machine, start_and_close
        print(f"  {label}")
        _table(["nodes", "MB", "parse", "parse, GC off", "build+check", "lint", "total",
                "machine", "session start", "warnings", "growth: parse / build+check / machine"],
               rows)


# -- (c) ---------------------------------------------------------------------------------
def bench_choose(scenario: Scenario, calls: int) -> None:
    print(f"(c) scored choice on {Path(scenario.source).name}: {calls:,} choose + undo")
    choose_ns: list[int] = []
    undo_ns: list[int] = []
    with Session(scenario) as session:
        options = len(session.node.options) if session.node else 1
        for i in range(calls):
            start = time.perf_counter_ns()
            session.choose(i % options + 1)
            middle = time.perf_counter_ns()
            session.undo()
            undo_ns.append(time.perf_counter_ns() - middle)
            choose_ns.append(middle - start)
    unscored_ns: list[int] = []
    with Session(scenario) as session:
        try:
            for i in range(calls):
                start = time.perf_counter_ns()
                session.choose(i % options + 1, scored=False)  # type: ignore[call-arg]
                unscored_ns.append(time.perf_counter_ns() - start)
                session.undo()
        except TypeError:  # an older core scores every choice
            unscored_ns = []
    shuffled_ns: list[int] = []
    order_ns: list[int] = []
    shuffle = getattr(session_module, "shuffled_order", None)
    if shuffle is not None:  # the app's sessions: options shown in a seeded order
        with Session(scenario, seed=1) as session:  # type: ignore[call-arg]
            node = session.node
            for i in range(calls):
                start = time.perf_counter_ns()
                session.choose(i % options + 1)
                shuffled_ns.append(time.perf_counter_ns() - start)
                session.undo()
                start = time.perf_counter_ns()
                shuffle(node, 1, i)  # a new order: the first time a response is asked for
                order_ns.append(time.perf_counter_ns() - start)
    rows = []
    for name, times in (("choose", sorted(choose_ns)), ("undo", sorted(undo_ns)),
                        ("choose, unscored (lint)", sorted(unscored_ns)),
                        ("choose, shuffled (app)", sorted(shuffled_ns)),
                        ("shuffled_order, new", sorted(order_ns))):
        if not times:
            continue
        rows.append([name, *(f"{t / 1000:.1f} µs" for t in (
            statistics.median(times), times[int(0.95 * len(times))], times[-1]))])
    _table(["call", "median", "p95", "max"], rows)


# -- (d) ---------------------------------------------------------------------------------
def _play(scenario: Scenario, count: int, seed: int) -> None:
    for i in range(count):
        with Session(scenario) as session:
            walk(session, picker=strategy("random", seed + i))
            assert session.finished


def bench_memory(scenario: Scenario, many: int) -> None:
    print(f"(d) memory: sessions of {Path(scenario.source).name} played to an ending and closed")
    machine = machine_for(scenario)
    tracemalloc.start()
    _play(scenario, 10, seed=0)
    gc.collect()
    traced_10, rss_10 = tracemalloc.get_traced_memory()[0], _rss_mb()
    _play(scenario, many - 10, seed=10)
    gc.collect()
    traced_n, rss_n = tracemalloc.get_traced_memory()[0], _rss_mb()
    tracemalloc.stop()
    growth = traced_n - traced_10
    _table(["after", "tracemalloc", "RSS", "machine.models"], [
        ["10 sessions", f"{traced_10 / 1024:,.1f} KB", f"{rss_10:,.1f} MB", "-"],
        [f"{many:,} sessions", f"{traced_n / 1024:,.1f} KB", f"{rss_n:,.1f} MB",
         str(len(machine.models))],
        ["growth", f"{growth / 1024:+,.1f} KB ({growth / (many - 10):+,.0f} B/session)",
         f"{rss_n - rss_10:+,.1f} MB", ""],
    ])
    assert len(machine.models) == 0, "closed sessions are still models of the machine"


# -- (e) ---------------------------------------------------------------------------------
def bench_hostile() -> None:
    """The hostile files of tests/core/test_hostile_input.py, timed (the tests only bound them)."""
    import io
    import tempfile

    from simulator.cli import main as cli_main
    from tests.core.test_hostile_input import CASES

    print("(e) hostile files: validate_file and 'rapport validate' (median of 3)")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, make, _ in CASES:
            path = make(Path(folder))
            result = validate_file(path)
            quiet = io.StringIO()
            rows.append([name, str(len(result.problems)),
                         _ms(_median_time(lambda p=path: validate_file(p), 3)),
                         _ms(_median_time(lambda p=path, q=quiet: cli_main(
                             ["validate", str(p)], q), 3))])
    _table(["file", "problems", "validate_file", "cli validate"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and few repeats (about half a minute)")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    bench_bundled(repeats=1 if args.quick else 5)
    sizes = [50, 500] if args.quick else [500, 5_000, 50_000]
    variants: list[tuple[str, dict[str, Any]]] = [("conditions use 'turn'", {})]
    variants.append(("no condition uses 'turn'", {"turn_conditions": False}))
    bench_generated(sizes, variants[:1])
    bench_generated([50, 100] if args.quick else [50, 100, 200], variants[1:])
    mini = load_scenario(MINI)
    bench_choose(mini, 10_000)
    bench_memory(mini, 1_000)
    bench_hostile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
