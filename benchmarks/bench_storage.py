"""How long the history takes for what the app does most: save after a turn, list sessions.

Run: .venv/bin/python benchmarks/bench_storage.py

A save happens after every response, so it must stay well under the time a
learner takes to read the client's reply; listing happens whenever the
library or history view opens. The sessions here are 12 turns of a generated
scenario with three coded responses per node, about the size of a real one.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.core.loader import load_scenario
from simulator.core.session import Session
from simulator.storage.history import History

TURNS = 12
SAVES = 200
LISTED = 1000

OPTIONS = """
      - text: It sounds like this feels like a waste of your morning, step {n}.
        grade: best
        codes: {{mi: CR, pace: [acceptance, empathy], r4: regulate}}
        effects: {{trust: 1, arousal: -1}}
        explain: Meets the feeling under the words without arguing with it.
        next: {next}
      - text: What would need to happen for this to be worth your time?
        grade: acceptable
        codes: {{mi: OQ, pace: [curiosity], r4: relate}}
        effects: {{trust: 0}}
        explain: A fair question, though a reflection first would land better.
        next: {next}
      - text: You need to take this seriously or it goes back to court.
        grade: harmful
        codes: {{mi: Confront, pace: [minimising], r4: reason}}
        effects: {{trust: -1, arousal: 1}}
        explain: A threat raises arousal and makes the client defend themselves.
        next: {next}
"""


def scenario_yaml() -> str:
    head = """id: bench
title: A longer conversation for benchmarks
setting: criminal_justice
difficulty: intermediate
frameworks: [mi, pace, r4]
resistance: [confrontation]
client: {name: Sam, age: 30, background: Sent by the court.}
briefing: Generated for the storage benchmark.
objectives: [Reflect before asking]
state:
  trust: {start: 3}
  arousal: {start: 6}
start: n1
nodes:
"""
    nodes = []
    for n in range(1, TURNS + 1):
        after = f"n{n + 1}" if n < TURNS else "done"
        nodes.append(f"  n{n}:\n    says: This is line {n} of the client, who is not impressed."
                     f"\n    cue: looks at the clock\n    options:"
                     + OPTIONS.format(n=n, next=after))
    tail = ("endings:\n  done:\n    title: Done\n    outcome: engaged\n"
            "    debrief: The benchmark is over.\n")
    return head + "".join(nodes) + tail


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bench.yaml"
        source.write_text(scenario_yaml(), encoding="utf-8")
        scenario = load_scenario(source)
        history = History(Path(folder) / "history.sqlite3")

        times = []
        session, record_id, choice = Session(scenario), None, 0
        for _ in range(SAVES):
            if session.finished:
                session.close()
                session, record_id = Session(scenario), None
            choice = choice % 3 + 1
            session.choose(choice)
            start = time.perf_counter()
            record_id = history.save(session, record_id)
            times.append(time.perf_counter() - start)
        session.close()
        print(f"save after a turn (12-turn scenario, median of {SAVES}): "
              f"{statistics.median(times) * 1000:.2f} ms "
              f"(p95 {sorted(times)[int(SAVES * 0.95)] * 1000:.2f} ms)")

        finished = Session(scenario)
        while not finished.finished:
            finished.choose(1)
        for _ in range(LISTED - len(history.sessions())):
            history.save(finished)
        start = time.perf_counter()
        listed = history.sessions()
        elapsed = time.perf_counter() - start
        print(f"list {len(listed)} sessions (full records): {elapsed * 1000:.1f} ms")
        start = time.perf_counter()
        summaries = history.summaries()
        elapsed = time.perf_counter() - start
        print(f"list {len(summaries)} sessions (summaries, as the History page does): "
              f"{elapsed * 1000:.1f} ms")
        history.close()
        start = time.perf_counter()
        History(history.path).close()
        print(f"open the history with {LISTED} sessions: "
              f"{(time.perf_counter() - start) * 1000:.1f} ms "
              f"(file {os.path.getsize(history.path) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
