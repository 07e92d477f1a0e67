"""Fixtures for the app's tests: a window over a small scenario folder, and
recorders in place of every modal dialog (a real one would block the run)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from simulator.storage.history import History
from simulator.ui import dialogs, theme
from simulator.ui.main_window import MainWindow
from simulator.ui.settings import Preferences, Settings

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"

BROKEN = """id: broken
title: Half written
setting: nowhere
nodes:
  start:
    says: hello
    options: []
"""


@dataclass
class DialogLog:
    """What the app asked the learner; answers come from the fields below."""

    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    answer: bool = True
    save_path: str | None = None
    folder: str | None = None

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for called, args in self.calls if called == name]


@pytest.fixture(autouse=True)
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    log = DialogLog()

    def recorder(name: str, result: Any = None) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            log.calls.append((name, args + tuple(kwargs.values())))
            return result() if callable(result) else result
        return record

    monkeypatch.setattr(dialogs, "show_error", recorder("show_error"))
    monkeypatch.setattr(dialogs, "show_info", recorder("show_info"))
    monkeypatch.setattr(dialogs, "show_crash", recorder("show_crash"))
    monkeypatch.setattr(dialogs, "ask", recorder("ask", lambda: log.answer))
    monkeypatch.setattr(dialogs, "save_file", recorder("save_file", lambda: log.save_path))
    monkeypatch.setattr(dialogs, "choose_folder", recorder("choose_folder", lambda: log.folder))
    return log


@pytest.fixture(autouse=True)
def _restore_app_look(qapp: Any) -> Iterator[None]:
    """A test that changes the theme or text size must not change the next test's.

    Back to the default look, not to no style sheet at all: taking the style sheet
    away while windows from earlier tests await deletion crashes Qt 6.10.
    """
    before = qapp.styleSheet()
    yield
    if qapp.styleSheet() != before:
        defaults = Preferences()
        theme.apply(qapp, defaults.theme, defaults.point_size)


@pytest.fixture
def scenario_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    return folder


@pytest.fixture
def make_window(qtbot: Any, scenario_folder: Path) -> Iterator[Any]:
    """Build windows over the test folder; each is shown, loaded, and closed after."""
    made: list[tuple[MainWindow, History | None]] = []

    def make(history: bool = True, folders: list[Path] | None = None,
             scenario_id: str | None = None, size: tuple[int, int] = (1280, 800),
             seed: int | None = None) -> MainWindow:
        """`seed` shuffles the options as the app does; by default they keep file order,
        so a test can name the option it presses."""
        store = History() if history else None
        window = MainWindow(Settings(), store, folders or [scenario_folder],
                            open_scenario=scenario_id)
        window.seeds = lambda: seed
        qtbot.addWidget(window)
        made.append((window, store))
        window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: not window.loading_scenarios, timeout=10000)
        return window

    yield make
    for window, store in made:
        with contextlib.suppress(RuntimeError):  # a test may have deleted it already
            window.close()
            window.loader.wait()
        if store is not None:
            store.close()


@pytest.fixture
def window(make_window: Any) -> MainWindow:
    return make_window()


def finish(window: MainWindow, choices: list[int], scenario: str = "mini",
           mode: str = "practice") -> dict[str, Any]:
    """Play `choices` in a real window and open the report; returns the report shown."""
    window.start_conversation(scenario, mode)
    for choice in choices:
        window.controller.choose(choice)
        window.controller.proceed()
    window.conversation.ending.report_button.click()
    assert window.report is not None
    return window.report
