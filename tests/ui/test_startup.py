"""Starting the app as `python main.py` does: the library is painted with its cards
first; the history is opened just after, and no card ever tells someone who has
played a scenario that they have not."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from simulator.ui import app as app_module
from simulator.ui import resources
from simulator.ui.main_window import MainWindow
from tests.ui.conftest import finish


def _score_lines(window: MainWindow) -> list[str]:
    return [label.text() for card in window.library.cards()
            for label in card.findChildren(QLabel)
            if "played" in label.text() or "best so far" in label.text()]


def test_the_library_is_painted_before_the_history_opens_and_then_shows_the_best_score(
        qtbot: Any, monkeypatch: Any, make_window: Any, scenario_folder: Path) -> None:
    finish(make_window(), [1, 1])  # an earlier start: mini played to the end, 100/100
    monkeypatch.setattr(resources, "bundled_scenarios", lambda: scenario_folder)
    monkeypatch.setattr(app_module, "setup_logging", _quiet_logging)
    painted: list[tuple[bool, int, list[str]]] = []  # each paint: history? cards, scores
    opened: list[MainWindow] = []
    running: list[bool] = []
    real_create = app_module.create_window

    class Watch(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                window = opened[0]
                cards = [c for c in window.library.cards()  # on screen, in their grid
                         if c.isVisible() and c.width() >= window.library.grid.min_width]
                painted.append((window.history is not None, len(cards), _score_lines(window)))
            return False

    watch = Watch()

    def create(*args: Any, **kwargs: Any) -> MainWindow:
        window = real_create(*args, **kwargs)
        opened.append(window)
        qtbot.addWidget(window)
        window.library.installEventFilter(watch)
        return window

    def learner_waits_then_quits() -> int:  # in place of app.exec()
        window = opened[0]
        qtbot.waitUntil(lambda: window.history is not None and not window.loading_scenarios,
                        timeout=10000)
        qtbot.waitUntil(lambda: painted[-1][0], timeout=5000)  # painted with the history
        running.append(gc.isenabled())  # memory is collected again once the cards are up
        window.library.removeEventFilter(watch)
        window.close()
        return 0

    monkeypatch.setattr(app_module, "create_window", create)
    monkeypatch.setattr(QApplication.instance(), "exec", learner_waits_then_quits)
    gc.disable()  # as `simulator.launch` starts the app: paused until the first paint
    try:
        assert app_module.run_app() == 0
    finally:
        collecting = gc.isenabled()
        gc.enable()
    assert painted[0] == (False, 1, [])  # the card, from the cache; no history, no score
    assert all("Not played yet" not in lines for _, _, lines in painted)
    assert painted[-1] == (True, 1, ["Your best so far: 100/100"])
    assert running == [True] and collecting


def _quiet_logging(path: Any, qt_messages: bool = True) -> Any:
    import logging
    return logging.NullHandler()


def test_the_navigation_works_from_the_first_paint_and_names_its_shortcuts_after(
        qtbot: Any, scenario_folder: Path) -> None:
    """The keyboard shortcuts are made just after the library's first paint; the
    navigation buttons do not wait for them."""
    from simulator.ui.settings import Settings

    window = MainWindow(Settings(), None, [scenario_folder])
    qtbot.addWidget(window)
    window.nav["history"].click()  # before any paint: the button works already
    assert window.stack.currentWidget() is window.history_page
    window.nav["library"].click()
    assert window.stack.currentWidget() is window.library
    with qtbot.waitSignal(window.library_shown, timeout=5000):
        window.show()
    assert window.nav["history"].toolTip() == "History (Ctrl+H)"
    window.history_action.trigger()
    assert window.stack.currentWidget() is window.history_page
    qtbot.waitUntil(lambda: not window.loading_scenarios, timeout=10000)
    window.close()
    window.loader.wait()


def test_every_card_on_the_first_screen_is_painted_and_the_rest_follow_at_once(
        qtbot: Any, make_window: Any) -> None:
    """Cards whose row starts below the window wait, hidden, for the first paint (the
    paint then costs less); none the learner could see is missing from it."""
    from simulator.ui.settings import Settings

    folder = resources.bundled_scenarios()
    make_window(folders=[folder])  # the first start remembers every card
    window = MainWindow(Settings(), None, [folder])
    qtbot.addWidget(window)
    window.resize(1024, 700)
    at_paint: list[dict[str, bool]] = []  # each card: shown at the first paint?

    class Watch(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and not at_paint:
                at_paint.append({c.scenario_id: c.isVisibleTo(window)
                                 for c in window.library.cards()})
            return False

    watch = Watch()
    window.library.installEventFilter(watch)
    with qtbot.waitSignal(window.library_shown, timeout=5000):
        window.show()
    window.library.removeEventFilter(watch)
    cards = window.library.cards()
    assert len(cards) == len(at_paint[0]) >= 6  # every card exists from the start
    assert 0 < sum(at_paint[0].values()) < len(cards)  # the first screen's, and only those
    assert all(c.isVisibleTo(window) for c in cards)  # the others just after
    qtbot.waitUntil(lambda: not window.loading_scenarios, timeout=10000)
    qtbot.wait(50)  # laid out with every card
    viewport = window.library.findChild(QScrollArea).viewport()
    bottom = viewport.mapTo(window, viewport.rect().bottomLeft()).y()
    for card in window.library.cards():
        top = card.mapTo(window, card.rect().topLeft()).y()
        assert at_paint[0][card.scenario_id] == (top <= bottom), card.scenario_id
    window.close()
    window.loader.wait()
