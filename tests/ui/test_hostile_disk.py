"""The app on a data folder it cannot write to, and on a disk that fills up.

Real mounts (see `tests/disk.py`): a read-only tmpfs for a locked-down classroom
machine, a 256 KB tmpfs filled to the last byte for a full disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from simulator.ui import app as app_module
from simulator.ui import resources
from simulator.ui.main_window import MainWindow
from tests.conftest import ROOT
from tests.disk import tmpfs


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "read-only", "ro,size=64k") as folder:
        yield folder


@pytest.mark.parametrize("inside", ["", "rapport"], ids=["folder_read_only",
                                                         "folder_cannot_be_made"])
def test_the_app_starts_on_a_read_only_data_folder_and_the_learner_can_practise(
        inside: str, read_only: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
        scenario_folder: Path, dialog_log: Any, capfd: pytest.CaptureFixture[str]) -> None:
    data = read_only / inside
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(data))
    monkeypatch.setattr(resources, "bundled_scenarios", lambda: scenario_folder)
    opened: list[MainWindow] = []
    real_create = app_module.create_window

    def create(*args: Any, **kwargs: Any) -> MainWindow:
        window = real_create(*args, **kwargs)
        opened.append(window)
        qtbot.addWidget(window)
        return window

    def play_then_quit() -> int:
        """What the learner does once the window is up: a whole practice session."""
        window = opened[0]
        qtbot.waitUntil(lambda: bool(dialog_log.named("show_error")), timeout=10000)
        qtbot.waitUntil(lambda: not window.loading_scenarios, timeout=10000)
        window.start_conversation("mini", "practice")
        for choice in (1, 1):
            window.controller.choose(choice)
            window.controller.proceed()
        window.conversation.ending.report_button.click()
        assert window.stack.currentWidget() is window.report_page
        window.close()
        return 0

    monkeypatch.setattr(app_module, "create_window", create)
    monkeypatch.setattr(QApplication.instance(), "exec", play_then_quit)
    assert app_module.run_app() == 0
    titles = [args[1] for args in dialog_log.named("show_error")]
    assert titles == ["Your history could not be opened"]  # said once, at the start
    text = dialog_log.named("show_error")[0][2]
    assert "will not be saved" in text and str(data) in text, text
    assert "cannot write its log" in capfd.readouterr().err
    assert not list(read_only.iterdir())  # nothing was written, nothing half-made


# The real app in its own process, so that what it prints on the way out is seen. Its
# dialogs print instead of waiting for a click. Once the window is up it fills the
# disk, logs a long line (as after an error), plays a few responses and quits.
FULL_DISK_APP = r"""
import logging, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from simulator.ui import app as app_module, dialogs, resources
from tests.disk import fill

def shown(kind):
    return lambda parent, title, text, *rest: print(kind, title, "|", " ".join(text.split()),
                                                    flush=True)

dialogs.show_error, dialogs.show_info = shown("ERROR"), shown("INFO")
resources.bundled_scenarios = lambda: Path(sys.argv[2])
real_create = app_module.create_window

def create(*args, **kwargs):
    window = real_create(*args, **kwargs)
    timer = QTimer(window)

    def when_ready():
        if window.loading_scenarios or window.history is None:
            return
        timer.stop()
        fill(Path(sys.argv[1]))
        logging.getLogger("rapport.test").warning("x" * 20000)
        for _ in range(4):  # more than the room left in the history's journal
            window.start_conversation("mini", "practice")
            window.controller.choose(1)
        print("played; status bar:", window.statusBar().currentMessage(), flush=True)
        window.close()

    timer.timeout.connect(when_ready)
    timer.start(20)
    return window

app_module.create_window = create
sys.exit(app_module.run_app())
"""


def test_a_full_disk_is_named_and_the_app_exits_without_a_traceback(
        tmp_path: Path, scenario_folder: Path) -> None:
    with tmpfs(tmp_path / "full", "size=256k") as data:
        done = subprocess.run(
            [sys.executable, "-c", FULL_DISK_APP, str(data), str(scenario_folder)], cwd=ROOT,
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "RAPPORT_DATA_DIR": str(data)})
    assert "played" in done.stdout, done.stderr
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr, done.stderr
    assert "Rapport stopped writing its log" in done.stderr
    assert "the disk is full" in done.stderr
    assert "Your progress could not be saved" in done.stdout, done.stdout
    assert "the disk is full" in done.stdout.split("status bar:")[1], done.stdout
