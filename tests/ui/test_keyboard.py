"""The whole round with the keyboard alone: library, briefing, conversation,
feedback (including "Try a different response"), report and history, with
Tab, Enter, digits and the window's shortcuts. Every key goes to the widget
that has focus, as a learner's would."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from simulator.ui.main_window import MainWindow


def _focused(qtbot: Any, window: MainWindow) -> QWidget:
    qtbot.waitUntil(lambda: window.focusWidget() is not None)
    return window.focusWidget()


def _press(qtbot: Any, window: MainWindow, key: Qt.Key,
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focused(qtbot, window), key, modifier)


def _tab_to(qtbot: Any, window: MainWindow, target: QWidget, backwards: bool = False) -> None:
    """Tab (or Shift+Tab) until `target` has focus; fail if it is never reached."""
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    for _ in range(40):
        if window.focusWidget() is target:
            return
        _press(qtbot, window, key)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def test_a_whole_round_by_keyboard_alone(qtbot: Any, window: MainWindow) -> None:
    # Library: the search box has focus; Tab reaches the card's button, Enter opens it.
    assert window.focusWidget() is window.library.search
    card = window.library.cards()[0]
    _tab_to(qtbot, window, card.open_button)
    _press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.briefing

    # Briefing: the start button has focus.
    assert window.focusWidget() is window.briefing.start_button
    _press(qtbot, window, Qt.Key.Key_Return)
    page = window.conversation
    assert window.stack.currentWidget() is page

    # A weak response, then "Try a different response" reached with Shift+Tab.
    _press(qtbot, window, Qt.Key.Key_2)
    assert page.current is page.feedback
    assert window.focusWidget() is page.feedback.continue_button
    _tab_to(qtbot, window, page.feedback.undo_button, backwards=True)
    _press(qtbot, window, Qt.Key.Key_Return)
    assert page.current is page.options
    assert len(page.bubbles) == 1

    # Again, and this time back out with Ctrl+Z.
    _press(qtbot, window, Qt.Key.Key_2)
    assert page.current is page.feedback
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.current is page.options

    # The strong responses, Enter to continue each time, Enter for the report.
    _press(qtbot, window, Qt.Key.Key_1)
    _press(qtbot, window, Qt.Key.Key_Return)
    assert page.current is page.options
    _press(qtbot, window, Qt.Key.Key_1)
    _press(qtbot, window, Qt.Key.Key_Return)
    assert page.current is page.ending
    assert window.focusWidget() is page.ending.report_button
    with qtbot.waitSignal(window.report_shown):
        _press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.report_page
    # The focus is on the report itself, to read; Enter there does not press
    # "Play again" (it did: the learner lost their report with one key).
    assert window.focusWidget() is window.report_page.scroll
    _press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.report_page

    # History by its shortcut; Enter on the selected row opens that report again.
    _press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.history_page
    assert window.focusWidget() is window.history_page.table
    with qtbot.waitSignal(window.report_shown):
        _press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.report_page


def _key(text: str, key: int, modifiers: Qt.KeyboardModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)


def test_response_keys_take_only_the_digits_one_to_nine(qtbot: Any, window: MainWindow,
                                                       dialog_log: Any) -> None:
    window.start_conversation("mini", "practice")
    page = window.conversation
    # "²" has its own key on French keyboards and str.isdigit() says yes to it.
    for text in ("²", "٣", "0"):
        QApplication.sendEvent(page, _key(text, 0, Qt.KeyboardModifier.NoModifier))
        assert page.current is page.options
    QApplication.sendEvent(page, _key("1", Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier))
    assert page.current is page.options
    # On a French keyboard the digits are the shifted top row.
    QApplication.sendEvent(page, _key("2", Qt.Key.Key_2, Qt.KeyboardModifier.ShiftModifier))
    assert page.current is page.feedback
    assert dialog_log.named("show_crash") == []
