"""How fast the utterance coder loads and codes, and what it costs in memory.

Run: .venv/bin/python benchmarks/bench_coder.py

(a) the model files' size on disk (the 8-bit network, its vocabulary, the linear model);
(b) loading: a fresh Python process imports the coder and reads the model (the
    first free-text answer pays this once), median of 5, wall clock and CPU time;
(c) coding: every option text of the bundled scenarios with its node's client
    line as context, one at a time on one core, after one warm-up pass:
    median, 95th percentile and worst, wall clock;
(d) a whole free-text answer (check, code, match to the closest option);
(e) memory: resident set growth while the model is read and first used
    (onnxruntime allocates outside Python, so tracemalloc would not see it).

Budgets from the issue: load < 0.5 s, < 20 ms per utterance. Numbers vary with
machine load (the script prints the load average); CPU time is steadier than wall.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.core import coder, freetext  # noqa: E402
from simulator.core.loader import load_scenario  # noqa: E402

LOAD = ("import time; t = time.perf_counter(); c = time.process_time(); "
        "from simulator.core import coder; coder.shared_model(); "
        "print(time.perf_counter() - t, time.process_time() - c)")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for path in (coder.NET_PATH, coder.VOCAB_PATH, coder.LINEAR_PATH):
        print(f"(a) model file: {path.name}, {path.stat().st_size / 1e6:.2f} MB")

    walls, cpus = [], []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
    print(f"(b) import + load in a fresh process: median {statistics.median(walls) * 1000:.0f} "
          f"ms wall, {statistics.median(cpus) * 1000:.0f} ms CPU (budget 500 ms)")

    rss_before = _rss_now_mb()
    model = coder.load_model()
    coder.code("So you feel nobody listens.", "Nobody listens to me.", model)
    print(f"(e) memory: the process grew {_rss_now_mb() - rss_before:.1f} MB reading the "
          f"model and coding one sentence (max RSS now {_rss_mb():.0f} MB)")

    pairs = []
    nodes = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        for node in scenario.nodes.values():
            context = freetext.last_client_line(node)
            nodes.append(node)
            pairs += [(option.text, context) for option in node.options]
    for text, context in pairs:  # warm-up
        coder.code(text, context, model)
    coder.clear_cache()  # time the network, not the cache of repeated sentences
    times = []
    cpu = time.process_time()
    for text, context in pairs:
        start = time.perf_counter()
        coder.code(text, context, model)
        times.append(time.perf_counter() - start)
    cpu_each = (time.process_time() - cpu) / len(pairs)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"(c) coding {len(times)} utterances: median {statistics.median(times) * 1000:.2f} ms,"
          f" p95 {p95 * 1000:.2f} ms, worst {times[-1] * 1000:.2f} ms wall; mean "
          f"{cpu_each * 1000:.2f} ms CPU (budget 20 ms)")

    coder.shared_model()  # read once per process, as the app does on the first answer
    coder.clear_cache()
    answers = []
    cpu = time.process_time()
    for node in nodes:
        text = node.options[0].text
        start = time.perf_counter()
        freetext.answer(node, text)
        answers.append(time.perf_counter() - start)
    print(f"(d) a whole free-text answer (check, code, match) over {len(answers)} nodes: "
          f"median {statistics.median(answers) * 1000:.2f} ms, worst "
          f"{max(answers) * 1000:.2f} ms wall; mean "
          f"{(time.process_time() - cpu) / len(nodes) * 1000:.2f} ms CPU")


if __name__ == "__main__":
    main()
