"""Two Rapport windows starting at the same moment on a history that does not exist yet.

Both try to create it. Neither may take the other's new, good history for "not a
Rapport history" and move it aside, and neither may fail with "database is
locked". Real processes race: they are started once and meet at a barrier
before every round, so each round's openings happen within microseconds.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from pathlib import Path
from typing import Any

import pytest

from simulator.core.loader import load_scenario
from simulator.storage.history import History

from . import MINI, played

PROCESSES = 3
ROUNDS = 100
ROUNDS_LONG = 300


def _racer(index: int, folder: str, rounds: int, barrier: Any, results: Any) -> None:
    scenario = load_scenario(MINI)
    jitter = random.Random(index)
    for number in range(rounds):
        barrier.wait()
        # Up to 2 ms apart, seeded: the rounds sweep every overlap of the openings
        # instead of trying the same one again and again.
        time.sleep(jitter.uniform(0, 0.002))
        path = Path(folder) / f"round-{number}" / "history.sqlite3"
        try:
            with History(path) as history:
                record = history.save(played(scenario, [1]))
                moved = history.recovered_from
            results.put((number, record, str(moved) if moved else None, None))
        except Exception as error:  # the finding: reported to the test, not raised here
            results.put((number, None, None, f"{type(error).__name__}: {error}"))


def test_new_history_created_by_racing_processes(tmp_path: Path,
                                                 request: pytest.FixtureRequest) -> None:
    rounds = ROUNDS_LONG if request.config.getoption("--long") else ROUNDS
    for number in range(rounds):
        (tmp_path / f"round-{number}").mkdir()
    context = multiprocessing.get_context("spawn")  # no state shared with the test process
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    racers = [context.Process(target=_racer, args=(i, str(tmp_path), rounds, barrier, results))
              for i in range(PROCESSES)]
    for racer in racers:
        racer.start()
    try:
        outcomes = [results.get(timeout=120) for _ in range(rounds * PROCESSES)]
    finally:
        for racer in racers:
            racer.join(timeout=30)
            if racer.is_alive():
                racer.kill()
    problems = [f"round {n}: {error or f'moved aside to {moved}'}"
                for n, _, moved, error in outcomes if error or moved]
    assert not problems, f"{len(problems)} of {rounds * PROCESSES} openings went wrong:\n" + \
        "\n".join(problems[:20])
    for number in range(rounds):
        folder = tmp_path / f"round-{number}"
        assert sorted(p.name for p in folder.iterdir() if "corrupt" in p.name) == []
        with History(folder / "history.sqlite3") as history:
            saved = {s.id for s in history.summaries()}
        expected = {record for n, record, _, _ in outcomes if n == number}
        assert saved == expected, f"round {number}: a session was lost"
