"""How long `graph --svg` takes to draw a scenario map, and how big the file is.

Run: .venv/bin/python benchmarks/bench_map_svg.py [--quick]

1. Every bundled scenario: the layout alone, drawing the SVG text (`svg_map`,
   which includes the layout), and writing the file (`write_map`); median of
   REPEATS runs each, and the whole command (`graph FILE --svg OUT`, loading and
   checking the scenario included) once.
2. Generated scenarios (benchmarks/generate.py) of 100, 500 and 2,000 nodes: the
   same steps. They are built without the pedagogy lint, which `graph` runs as
   part of loading but which is measured by bench_core.py.

Numbers vary with machine load; the script prints the load average it started at.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_core import _median_time as _median
from benchmarks.bench_core import _ms, _table
from benchmarks.generate import generate_scenario
from simulator.cli import main as cli_main
from simulator.core.frameworks import builtin_frameworks
from simulator.core.layout import layout
from simulator.core.loader import build, load_scenario, scenario_files
from simulator.core.map_svg import BOX_H, BOX_W, GAP_X, GAP_Y, svg_map, write_map
from simulator.core.model import Scenario
from simulator.core.yaml_reader import read_text

ROOT = Path(__file__).resolve().parent.parent






def _row(name: str, scenario: Scenario, out: Path, repeats: int) -> list[str]:
    branches = sum(len(o.branches) for n in scenario.nodes.values() for o in n.options)
    placed = _median(lambda: layout(scenario, dx=BOX_W + GAP_X, dy=BOX_H + GAP_Y), repeats)
    drawn = _median(lambda: svg_map(scenario), repeats)
    written = _median(lambda: write_map(scenario, out), repeats)
    return [name, str(len(scenario.nodes) + len(scenario.endings)), str(branches),
            _ms(placed), _ms(drawn), _ms(written), f"{out.stat().st_size / 1024:,.0f} KB"]




def _generated(n_nodes: int) -> Scenario:
    text = generate_scenario(n_nodes)
    tree, problems = read_text(f"generated-{n_nodes}.yaml", text)
    assert tree is not None, problems
    with patch("simulator.core.lint.lint", lambda *args: []):
        scenario, problems = build(tree, f"generated-{n_nodes}.yaml",
                                   hashlib.sha256(text.encode()).hexdigest(),
                                   builtin_frameworks())
    assert scenario is not None, problems
    return scenario


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sizes")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 7
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; median of {repeats}\n")
    headers = ["scenario", "boxes", "arrows", "layout", "svg_map", "write_map", "file"]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "map.svg"
        files = scenario_files([ROOT / "scenarios"])
        rows, whole = [], []
        for path in files:
            rows.append(_row(path.stem, load_scenario(path), out, repeats))
            start = time.perf_counter()
            code = cli_main(["graph", str(path), "--svg", str(out)], io.StringIO())
            whole.append(f"{path.stem}: {_ms(time.perf_counter() - start)} (exit {code})")
        print("1. bundled scenarios")
        _table(headers, rows)
        print("   whole command, graph FILE --svg OUT, once: " + "; ".join(whole) + "\n")
        sizes = [100, 500] if args.quick else [100, 500, 2_000]
        print("2. generated scenarios")
        _table(headers, [_row(f"generated {n}", _generated(n), out, repeats) for n in sizes])
    return 0


if __name__ == "__main__":
    sys.exit(main())
