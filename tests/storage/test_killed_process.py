"""Rapport killed mid-session (crash, power button, task manager) loses no saved turn."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.core.loader import load_scenario
from simulator.core.session import Session
from simulator.storage.history import History

from . import MINI

ROOT = Path(__file__).resolve().parents[2]

# Plays like the app: save after every response. Then, with a second connection,
# starts a write that is never committed (as if killed halfway through a save),
# says so, and waits to be killed.
PLAYER = r"""
import sqlite3, sys, time
from pathlib import Path
from simulator.core.loader import load_scenario
from simulator.core.session import Session
from simulator.storage.history import History

scenario = load_scenario(Path(sys.argv[1]))
history = History(Path(sys.argv[2]))

in_progress = Session(scenario)
in_progress_id = history.save(in_progress)
in_progress.choose(3)
history.save(in_progress, in_progress_id)
print("saved 1", in_progress_id, flush=True)

done = Session(scenario)
done_id = None
for choice in (1, 1):
    done.choose(choice)
    done_id = history.save(done, done_id)
print("saved 2", done_id, flush=True)

raw = sqlite3.connect(sys.argv[2], isolation_level=None)
raw.execute("BEGIN IMMEDIATE")
raw.execute("UPDATE sessions SET saved = '{half written', turns = 99, finished = 1")
print("writing", flush=True)
time.sleep(600)
"""


def test_sessions_survive_a_kill_and_resume(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    player = subprocess.Popen([sys.executable, "-c", PLAYER, str(MINI), str(path)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        while not lines or lines[-1] != "writing":
            line = player.stdout.readline() if player.stdout else ""
            assert line, f"the player stopped early: {player.communicate()[1]}"
            lines.append(line.strip())
    finally:
        player.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        player.communicate(timeout=30)
    assert player.returncode != 0
    assert [line.split()[:2] for line in lines[:2]] == [["saved", "1"], ["saved", "2"]]
    in_progress_id, done_id = lines[0].split()[2], lines[1].split()[2]

    scenario = load_scenario(MINI)
    with History(path) as history:
        assert history.recovered_from is None
        assert [r.id for r in history.unfinished()] == [in_progress_id]

        record = history.get(in_progress_id)
        assert record is not None and record.turns == 1 and not record.finished
        resumed = Session.restore(scenario, record.saved)
        assert [t.option_number for t in resumed.turns] == [3]
        assert resumed.position == "middle"
        assert resumed.values == {"trust": 3.0, "arousal": 9.0}
        assert resumed.values == {k: v for k, v in record.report["report"]["trajectory"][-1]
                                  .items() if k != "turn"}

        finished = history.get(done_id)
        assert finished is not None and finished.finished and finished.turns == 2
        replayed = Session.restore(scenario, finished.saved)
        assert replayed.ending is not None and replayed.ending.id == "engaged"

        resumed.choose(1)  # and the learner carries on where they were
        history.save(resumed, in_progress_id)
        assert history.unfinished() == []


# The real app window plays `turns` responses in practice mode; the moment the last
# one's feedback is on the screen it says so, and is killed from outside straight after.
APP_PLAYER = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from simulator.storage.history import History
from simulator.ui.app import create_window

window = create_window(folders=[Path(sys.argv[1])])
history = History(Path(sys.argv[2]))
window.set_history(history)
window.show()
while window.loading_scenarios:
    app.processEvents()
turns = int(sys.argv[3])
window.start_conversation("mini", "practice")
controller = window.controller
given = []

def feedback_shown(_feedback):
    given.append(1)
    if len(given) == turns:
        print("feedback", len(given), flush=True)
    else:
        controller.proceed()
        controller.choose(1)

# Connected after the conversation page's own slot: the feedback is on the screen.
controller.feedback_ready.connect(feedback_shown)
controller.choose(1)
app.exec()
"""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "kills" in metafunc.fixturenames:  # ten tests of ten with --long: each inside the limit
        chunks = ([range(i, i + 10) for i in range(0, 100, 10)]
                  if metafunc.config.getoption("--long") else [range(6)])
        metafunc.parametrize("kills", chunks, ids=[f"{c.start}-{c.stop - 1}" for c in chunks])


def test_a_turn_is_saved_before_its_feedback_is_shown(tmp_path: Path, kills: range) -> None:
    """Killed just after the feedback appeared (0 to 40 ms), the turn is in the history.

    Six kills by default, 100 with --long; the app used to save 50 ms after drawing
    the feedback, and lost the turn in most of these.
    """
    rounds = len(kills)
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    lost: list[str] = []
    for round_number in kills:
        rng = random.Random(f"1202-{round_number}")
        path = tmp_path / f"history-{round_number}.sqlite3"
        turns = 1 + round_number % 2
        delay = rng.choice((0.0, 0.0, 0.005, 0.01, 0.02, 0.04))
        player = subprocess.Popen(
            [sys.executable, "-c", APP_PLAYER, str(folder), str(path), str(turns)], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = player.stdout.readline() if player.stdout else ""
            assert line.strip() == f"feedback {turns}", \
                f"the player stopped early: {line!r} {player.communicate(timeout=30)[1]}"
            time.sleep(delay)
        finally:
            player.kill()
            player.communicate(timeout=30)
        with History(path) as history:
            saved = [record.turns for record in history.summaries()]
        if saved != [turns]:
            lost.append(f"round {round_number}: {turns} turn(s) given, killed {delay * 1000:g} "
                        f"ms after the feedback; saved: {saved}")
    assert not lost, f"{len(lost)} of {rounds} kills lost the last turn:\n" + "\n".join(lost)
