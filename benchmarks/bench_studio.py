"""How quickly the writers' studio answers a save, and draws big maps.

Run: .venv/bin/python benchmarks/bench_studio.py   (offscreen unless a display is set)

1. Save to problems panel: a file is saved (replaced, as editors do) and the
   clock runs from the save until the studio shows the answer; median of
   SAVES saves each, for the largest bundled scenario and a generated
   150-node one (and the small test scenario). A check answers in two parts:
   - save -> map/errors shown: the fast part (YAML, declaration and graph)
     is on screen: the errors listed, or the map redrawn;
   - save -> teaching points shown: the route-playing pedagogy lint has
     finished and its warnings are in the list (only for a valid save; a
     save with an error stops before the lint and is complete at once).
   Both include the watcher's 150 ms debounce.
2. The map: laying out and drawing generated 100- and 500-node scenarios
   (layout, building the items, a first paint at the first-look zoom and at "fit").
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from benchmarks.generate import generate_scenario
from simulator.core.layout import layout
from simulator.core.loader import validate_file
from simulator.ui.studio.map_items import BOX_H, BOX_W, GAP_X, GAP_Y
from simulator.ui.studio.map_view import MapView
from simulator.ui.studio.window import StudioWindow

ROOT = Path(__file__).resolve().parent.parent
SAVES = 10


def _replace(path: Path, text: str) -> None:
    fresh = path.with_name(path.name + ".tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def _wait(app: QApplication, done: Callable[[], bool], limit: float = 120.0) -> None:
    end = time.perf_counter() + limit
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the studio did not answer")
        app.processEvents()
        time.sleep(0.001)


def save_to_panel(app: QApplication, folder: Path, name: str, good: str
                  ) -> dict[str, float]:
    """Median milliseconds from a save to what the studio shows, by kind of save."""
    path = folder / name
    path.write_text(good, encoding="utf-8")
    window = StudioWindow(str(path))
    window.show()
    _wait(app, lambda: window.final_checks_done >= 1)
    times: dict[str, list[float]] = {"error: errors shown": [], "valid: map shown": [],
                                     "valid: teaching points shown": []}
    for index in range(2 * SAVES):
        broken = index % 2 == 0
        text = good.replace("start:", f"start_typo_{index}:", 1) if broken else \
            good + f"\n# save {index}\n"
        seen, finished = window.checks_done, window.final_checks_done
        began = time.perf_counter()
        _replace(path, text)
        _wait(app, lambda seen=seen: window.checks_done > seen)
        shown = (time.perf_counter() - began) * 1000
        _wait(app, lambda finished=finished: window.final_checks_done > finished)
        complete = (time.perf_counter() - began) * 1000
        assert (window.problems.count() > 0) == broken, window.problems.rows()
        if broken:
            times["error: errors shown"].append(complete)
        else:
            times["valid: map shown"].append(shown)
            times["valid: teaching points shown"].append(complete)
    window.close()
    return {kind: statistics.median(values) for kind, values in times.items()}


def largest_bundled() -> Path:
    """The bundled scenario with the most nodes (the slowest to check)."""
    files = [p for p in sorted((ROOT / "scenarios").glob("*.yaml")) if not p.name.startswith("_")]
    return max(files, key=lambda p: len(validate_file(p, pedagogy=False).scenario.nodes))


def map_times(app: QApplication, folder: Path, nodes: int) -> dict[str, float]:
    path = folder / f"generated-{nodes}.yaml"
    path.write_text(generate_scenario(nodes), encoding="utf-8")
    began = time.perf_counter()
    full = validate_file(path)
    check = time.perf_counter() - began
    assert full.scenario is not None
    scenario = full.scenario
    times = {"full check of the file": check * 1000}
    began = time.perf_counter()
    layout(scenario, dx=BOX_W + GAP_X, dy=BOX_H + GAP_Y)
    times["layout()"] = (time.perf_counter() - began) * 1000
    view = MapView()
    view.resize(1000, 700)
    view.show()
    app.processEvents()
    began = time.perf_counter()
    view.show_scenario(scenario)
    times["layout + build the scene"] = (time.perf_counter() - began) * 1000
    began = time.perf_counter()
    view.grab()
    times["first paint, first-look zoom"] = (time.perf_counter() - began) * 1000
    view.fit()
    began = time.perf_counter()
    view.grab()
    times["paint of the whole map (fit)"] = (time.perf_counter() - began) * 1000
    view.select_node(scenario.start)
    began = time.perf_counter()
    view.grab()
    times["paint after selecting a node"] = (time.perf_counter() - began) * 1000
    view.close()
    return times


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        largest = largest_bundled()
        sources: list[tuple[str, Path | None]] = [
            ("mini.yaml", ROOT / "tests" / "data" / "valid" / "mini.yaml"),
            (largest.name, largest), ("generated-150.yaml", None)]
        for name, source in sources:
            good = source.read_text(encoding="utf-8") if source else generate_scenario(150)
            times = save_to_panel(app, folder, name, good)
            print(f"save -> studio, {name} (median of {SAVES} saves each, including the "
                  "150 ms debounce):")
            for kind, ms in times.items():
                print(f"  {kind:32} {ms:8.0f} ms")
        for nodes in (100, 500):
            times = map_times(app, folder, nodes)
            print(f"map of a generated {nodes}-node scenario:")
            for name, ms in times.items():
                print(f"  {name:32} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
