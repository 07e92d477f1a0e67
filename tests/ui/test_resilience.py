"""Resuming after the window was destroyed, a damaged history, and crashes."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from simulator.core.errors import RapportError
from simulator.storage.history import History
from simulator.storage.paths import data_dir, log_file
from simulator.ui import app as app_module
from simulator.ui.crash import CrashHandler
from simulator.ui.crash_dialog import CrashDialog
from simulator.ui.main_window import MainWindow
from simulator.ui.settings import Settings


def test_resume_after_the_window_was_destroyed(qtbot: Any, make_window: Any,
                                               scenario_folder: Path) -> None:
    history = History()
    first = MainWindow(Settings(), history, [scenario_folder])  # not kept by qtbot
    first.show()
    qtbot.waitUntil(lambda: not first.loading_scenarios)
    first.start_conversation("mini", "practice")
    first.controller.choose(1)
    first.controller.proceed()
    first.close()  # saves what is pending
    first.loader.wait()
    history.close()
    first.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))

    second = make_window()
    library = second.library
    assert library.resume_box.isVisibleTo(library)
    row_button = library.resume_box.findChildren(QPushButton)[0]
    row_button.click()
    page = second.conversation
    assert second.stack.currentWidget() is page
    said = [b.line.text for b in page.bubbles]
    assert said == ["This is a waste of time.", "You'd rather be anywhere but here.",
                    "Whatever. So what happens now?"]
    page.options.buttons[0].click()
    page.feedback.continue_button.click()
    page.ending.report_button.click()
    records = second.history.sessions()
    assert len(records) == 1 and records[0].finished  # the same record, now finished


def test_a_session_whose_scenario_changed_cannot_resume_plainly(
        make_window: Any, scenario_folder: Path, dialog_log: Any) -> None:
    window = make_window()
    window.start_conversation("mini", "practice")
    window.controller.choose(3)
    window.show_library()  # leaves and saves
    record = window.history.sessions()[0]
    broken = dict(record.saved, choices=[9])
    with sqlite3.connect(window.history.path) as conn:  # as an older version might leave it
        conn.execute("UPDATE sessions SET saved = ? WHERE id = ?",
                     (json.dumps(broken), record.id))
    window.resume(record.id)
    assert window.stack.currentWidget() is window.library
    title, message = dialog_log.named("show_error")[0][1:3]
    assert title == "This session cannot be continued" and "no response 9" in message


def test_a_corrupt_history_is_moved_aside_and_the_user_told(make_window: Any,
                                                             dialog_log: Any) -> None:
    damaged = data_dir() / "history.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    history = History()
    try:
        assert history.recovered_from is not None and history.recovered_from.exists()
        window = make_window(history=False)
        app_module.announce_recovery(window, history)
    finally:
        history.close()
    (_, title, message), = dialog_log.named("show_info")
    assert title == "Your history has been started again"
    assert str(history.recovered_from) in message and "Nothing was deleted" in message


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_crash_dialog(qtbot: Any, dialog_log: Any) -> None:
    handler = app_module.setup_logging(log_file(), qt_messages=False)
    crash = CrashHandler(lambda: None, log_file()).install()
    try:
        button = QPushButton("boom")
        qtbot.addWidget(button)

        def explode() -> None:
            raise ValueError("the slot broke")

        button.clicked.connect(explode)
        button.click()
        (_, summary, details, path), = dialog_log.named("show_crash")
        assert summary == "ValueError: the slot broke"
        assert "Traceback" in details and path == log_file()

        def user_error() -> None:
            raise RapportError("that file is not a scenario")

        button.clicked.disconnect(explode)
        button.clicked.connect(user_error)
        button.click()  # a user's error: a plain message, no crash dialog
        assert len(dialog_log.named("show_crash")) == 1
        assert dialog_log.named("show_error")[0][2] == "that file is not a scenario"
    finally:
        crash.uninstall()
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert "ValueError: the slot broke" in log_file().read_text(encoding="utf-8")


def test_crash_dialog_copies_details(qtbot: Any) -> None:
    dialog = CrashDialog(None, "ValueError: x", "Traceback...\nValueError: x", None)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Traceback...\nValueError: x"
    assert dialog.copy_button.text() == "Copied"


def test_message_boxes_name_their_buttons_and_report_the_choice(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from simulator.ui import dialogs

    shown: list[tuple[str, str, QMessageBox.Icon, list[str]]] = []

    def answer(box: QMessageBox, click: str = "Delete") -> int:
        buttons = box.buttons()
        shown.append((box.windowTitle(), box.text(), box.icon(), [b.text() for b in buttons]))
        for button in buttons:
            if button.text() == click:
                button.click()
        return 0

    monkeypatch.undo()  # the real dialog functions, not the autouse recorders
    monkeypatch.setattr(QMessageBox, "exec", answer)  # no modal loop: answer at once
    dialogs.show_error(None, "Could not save", "The folder is read-only.")
    assert dialogs.ask(None, "Delete this session?", "It cannot be undone.",
                       yes="Delete", no="Keep it") is True
    assert dialogs.ask(None, "Start again?", "Your answers go.", yes="Start again",
                       no="Keep going") is False
    assert shown[0][:3] == ("Could not save", "The folder is read-only.",
                            QMessageBox.Icon.Warning)
    assert shown[1][2] == QMessageBox.Icon.Question
    assert sorted(shown[1][3]) == ["Delete", "Keep it"]
