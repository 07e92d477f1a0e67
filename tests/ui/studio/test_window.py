"""The window: empty state, opening a file, keyboard and screen-reader reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
)

from simulator.ui.studio import app, dialogs
from simulator.ui.studio.app import run_studio
from simulator.ui.studio.window import EMPTY, StudioWindow


def _inside_combo(widget) -> bool:  # type: ignore[no-untyped-def]
    while widget is not None:
        if isinstance(widget, QComboBox):
            return True
        widget = widget.parent()
    return False


def test_empty_state_invites_opening_a_file(studio) -> None:
    window = studio()
    assert window._message.text() == EMPTY
    assert window._map_stack.currentIndex() == 0
    assert not window.fit_action.isEnabled() and not window.svg_action.isEnabled()


def test_open_through_the_dialog(studio, mini_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                 qtbot) -> None:
    window = studio()
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder="": str(mini_copy))
    qtbot.mouseClick(window._open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.scenario is not None, timeout=5_000)
    assert window._map_stack.currentIndex() == 1
    assert "mini.yaml" in window.windowTitle()
    assert window.fit_action.isEnabled()


def test_every_control_has_a_name_and_takes_the_keyboard(studio, mini_copy: Path) -> None:
    window = studio(mini_copy)
    window.map.select_node("middle")
    window.node_panel._on_play_clicked()
    window._side.setCurrentWidget(window.node_panel)
    controls = [w for w in window.findChildren(QAbstractButton)
                if w.isVisibleTo(window) and w.parent() is not None
                and type(w).__name__ != "QToolBarExtension"]
    controls += window.findChildren(QComboBox) + window.findChildren(QAbstractSpinBox)
    controls += window.findChildren(QAbstractItemView) + window.findChildren(QTextEdit)
    controls += [*window.findChildren(QPlainTextEdit), window.map]
    unnamed = [w for w in controls if not (w.accessibleName()
                                           or (isinstance(w, QAbstractButton) and w.text()))]
    assert [w for w in unnamed if not _inside_combo(w)] == []  # a combo's popup list
    for widget in (window.map, window.problems._list, window.source, window.node_panel._play,
                   window.node_panel._picker, *window.node_panel._spins.values()):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_the_node_list_reaches_a_node_without_the_mouse(studio, mini_copy: Path) -> None:
    window = studio(mini_copy)
    picker = window.node_panel._picker
    picker.setCurrentIndex(picker.findData("middle"))
    picker.activated.emit(picker.currentIndex())
    assert window.map.selected_node() == "middle"
    assert window.node_panel.node == "middle"


def test_run_studio_inside_a_running_app(mini_copy: Path, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    assert run_studio(str(mini_copy)) == 0
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, StudioWindow)
               and w.isVisible()]
    assert len(windows) == 1
    window = windows[0]
    qtbot.waitUntil(lambda: window.scenario is not None, timeout=5_000)
    window.close()
    qtbot.waitUntil(lambda: not app._open, timeout=2_000)  # released once closed
