"""Fuzzing the loader: mutated copies of the bundled scenarios never crash it.

A scenario file may come from anyone, so whatever bytes it holds the loader must
answer with located problems, never an exception of its own; and a file it
accepts must play. Each mutated file (see `fuzz.py`) is:
- validated as the app loads it; any exception is a failure (validate_file
  promises never to raise for anything in a file);
- when accepted, played to an ending with several strategies through
  `simulator.core.routes`, its report built and its save replayed, as the app
  does; any exception is a failure;
- for a sample, run through the command line (`validate`, which adds the
  pedagogy checks that play the scenario, and `walk --json`): `main` must
  return 0 or 1, never raise.

The default run makes 2,000 mutations (250 of each bundled scenario); `pytest
--long` makes 20,000. The mutations are seeded per scenario and number, so a
failure names what reproduces it. They run in two worker processes (the machine
has two cores); the time is reported by pytest --durations, never asserted.
"""

from __future__ import annotations

import contextlib
import gc
import io
import multiprocessing
import os
import random
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.core.gcpause import gc_paused
from simulator.core.loader import validate_file
from simulator.core.report import build_report
from simulator.core.routes import strategy, walk
from simulator.core.session import Session
from tests.conftest import SCENARIOS

from .fuzz import mutate

SEED = 20261202
CHUNK = 250  # mutations per test: each test stays far inside the suite's time limit
CHUNKS = 1  # per bundled scenario: 8 x 250 = 2,000 mutations
CHUNKS_LONG = 10  # --long: 20,000
WORKERS = 2  # processes; the machine (and CI) has two cores
CLI_EVERY = 40  # one mutation in this many also goes through the command line
PLAYS = (("best", 0), ("worst", 0), ("random", 1), ("random", 2))
BUNDLED = sorted(p for p in SCENARIOS.glob("*.yaml") if not p.name.startswith("_"))


def _play(path: Path) -> bool:
    """Validate as the app loads, then play an accepted file as a learner would;
    True when the file was accepted."""
    result = validate_file(path, pedagogy=False)
    if result.scenario is None:
        assert result.errors, "refused without saying why"
        return False
    for name, seed in PLAYS:
        with Session(result.scenario) as session:
            walk(session, picker=strategy(name, seed))
            assert session.finished
            build_report(session)
            Session.restore(result.scenario, session.to_dict()).close()
    return True


def _cli(path: Path) -> None:
    for argv in (["validate", str(path)], ["walk", str(path), "--strategy", "best", "--json"]):
        status = main(argv, out=io.StringIO())
        assert status in (0, 1), f"{argv[0]} returned {status}"


def _mutation(base: Path, original: bytes, number: int, folder: Path,
              failures: list[str]) -> bool:
    """Make, check and play mutation `number` of `base`; True when it was playable.
    A failure is added to `failures` and its file kept for reproducing."""
    rng = random.Random(f"{SEED}-{base.stem}-{number}")
    how, data = mutate(original, rng)
    path = folder / f"{base.stem}-{number}.yaml"
    path.write_bytes(data)
    try:
        accepted = _play(path)
        if number % CLI_EVERY == 0:
            with contextlib.redirect_stderr(io.StringIO()):  # its messages are expected
                _cli(path)
    except Exception as error:  # every exception is the finding
        where = traceback.extract_tb(error.__traceback__)[-1]
        failures.append(f"{base.stem} #{number} ({how}): {type(error).__name__}: "
                        f"{str(error)[:160]} at {Path(where.filename).name}:{where.lineno}")
        return False
    path.unlink()
    return accepted


def _batch(base: Path, numbers: range, folder: Path) -> tuple[int, list[str]]:
    """Mutations `numbers` of `base`, in a worker process: (playable, failures)."""
    original = base.read_bytes()
    failures: list[str] = []
    accepted = 0
    with gc_paused():  # a fifth faster: the collector would rescan a heap that only grows
        for number in numbers:
            if number % 50 == 0:
                gc.collect()  # the mutated trees are garbage: collect it now and then
            accepted += _mutation(base, original, number, folder, failures)
    return accepted, failures


@pytest.fixture(scope="module")
def workers() -> Iterator[ProcessPoolExecutor]:
    """One worker per core, started once for the module (each imports the loader)."""
    context = multiprocessing.get_context("spawn")  # nothing shared with the test run
    with ProcessPoolExecutor(max_workers=max(1, min(WORKERS, os.cpu_count() or 1)),
                             mp_context=context) as pool:
        yield pool


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "chunk" in metafunc.fixturenames:
        chunks = CHUNKS_LONG if metafunc.config.getoption("--long") else CHUNKS
        metafunc.parametrize(("base", "chunk"), [(b, c) for b in BUNDLED for c in range(chunks)],
                             ids=[f"{b.stem}-{c}" for b in BUNDLED for c in range(chunks)])


def test_mutated_scenarios_never_crash_the_loader(base: Path, chunk: int, tmp_path: Path,
                                                  workers: ProcessPoolExecutor) -> None:
    first = chunk * CHUNK
    halves = [range(first + i, first + CHUNK, WORKERS) for i in range(WORKERS)]
    done = [workers.submit(_batch, base, numbers, tmp_path) for numbers in halves]
    accepted = 0
    failures: list[str] = []
    for future in done:
        playable, failed = future.result()
        accepted += playable
        failures += failed
    assert not failures, f"{len(failures)} of {CHUNK} mutations crashed:\n" + "\n".join(
        failures[:20])
    # Some mutations (a flipped letter in a line of speech) leave a playable file: without
    # them the play half of this test would test nothing.
    assert accepted >= CHUNK // 100, f"only {accepted} of {CHUNK} mutations were playable"
