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
failure names what reproduces it.
"""

from __future__ import annotations

import io
import random
import traceback
from pathlib import Path

import pytest

from simulator.cli import main
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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "chunk" in metafunc.fixturenames:
        chunks = CHUNKS_LONG if metafunc.config.getoption("--long") else CHUNKS
        metafunc.parametrize(("base", "chunk"), [(b, c) for b in BUNDLED for c in range(chunks)],
                             ids=[f"{b.stem}-{c}" for b in BUNDLED for c in range(chunks)])


def test_mutated_scenarios_never_crash_the_loader(base: Path, chunk: int, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    count = CHUNK
    original = base.read_bytes()
    failures: list[str] = []
    accepted = 0
    for number in range(chunk * CHUNK, (chunk + 1) * CHUNK):
        rng = random.Random(f"{SEED}-{base.stem}-{number}")
        how, data = mutate(original, rng)
        path = tmp_path / f"{base.stem}-{number}.yaml"
        path.write_bytes(data)
        try:
            accepted += _play(path)
            if number % CLI_EVERY == 0:
                _cli(path)
                capsys.readouterr()  # the CLI's messages to stderr are expected
        except Exception as error:  # every exception is the finding
            where = traceback.extract_tb(error.__traceback__)[-1]
            failures.append(f"{base.stem} #{number} ({how}): {type(error).__name__}: "
                            f"{str(error)[:160]} at {Path(where.filename).name}:{where.lineno}")
            continue  # keep the file for reproducing
        path.unlink()
    assert not failures, f"{len(failures)} of {count} mutations crashed:\n" + "\n".join(
        failures[:20])
    # Some mutations (a flipped letter in a line of speech) leave a playable file: without
    # them the play half of this test would test nothing.
    assert accepted >= count // 100, f"only {accepted} of {count} mutations were playable"
