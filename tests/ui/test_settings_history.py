"""Settings (stored in the data folder, applied at once), the history screen,
keyboard reach and accessible names, and the layout at small and large sizes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit

from simulator.storage.paths import data_dir
from simulator.ui import app as app_module
from simulator.ui import resources
from simulator.ui.main_window import MainWindow
from simulator.ui.settings import Settings


def _play(window: MainWindow, mode: str, choices: list[int], finish: bool = True) -> None:
    window.start_conversation("mini", mode)
    for choice in choices:
        window.controller.choose(choice)
        if mode == "practice":
            window.controller.proceed()
    if finish:
        window.conversation.ending.report_button.click()


def test_settings_are_stored_in_the_data_folder_and_applied(window: MainWindow) -> None:
    window.show_settings()
    page = window.settings_page
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    page.text_size.setCurrentIndex(page.text_size.findData("projector"))
    page.meters.setChecked(False)
    page.mode.setCurrentIndex(page.mode.findData("assessment"))
    assert (data_dir() / "settings.ini").exists()
    again = Settings().prefs
    assert (again.theme, again.text_size, again.meters, again.default_mode) == (
        "dark", "projector", False, "assessment")
    sheet = QApplication.instance().styleSheet()
    assert "font-size: 24pt" in sheet and "#1A1E23" in sheet  # dark window colour
    window.show_briefing("mini")
    assert window.briefing.mode() == "assessment"
    _play(window, "practice", [], finish=False)
    assert not window.conversation.client.meter_box.isVisibleTo(window.conversation)
    window.smaller_action.trigger()
    assert window.settings.prefs.text_size == "larger"


def test_a_hand_edited_settings_file_cannot_break_the_app() -> None:
    (data_dir() / "settings.ini").write_text(
        "[General]\ntheme=purple\ntext_size=huge\nmeters=perhaps\ndefault_mode=exam\n")
    prefs = Settings().prefs
    assert (prefs.theme, prefs.text_size, prefs.meters, prefs.default_mode) == (
        "light", "normal", False, "practice")


def test_history_lists_opens_resumes_and_deletes(qtbot: Any, window: MainWindow,
                                                 dialog_log: Any) -> None:
    _play(window, "practice", [1, 1])
    _play(window, "assessment", [2, 2])
    _play(window, "practice", [3], finish=False)
    window.history_action.trigger()
    page = window.history_page
    assert window.stack.currentWidget() is page
    assert page.table.rowCount() == 3
    assert page.table.item(0, 3).text() == "In progress: 1 response"
    assert page.open_button.text() == "Continue"
    assert page.chart_frame.isVisibleTo(page)  # two finished: a trend to show
    page.table.selectRow(1)
    assert page.open_button.text() == "Open report"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.report_page
    assert window.report["mode"] == "assessment"
    window.show_history()
    page.table.selectRow(0)
    page.open_button.click()
    assert window.stack.currentWidget() is window.conversation
    window.show_history()
    dialog_log.answer = False
    page.table.selectRow(2)
    page.delete_button.click()
    assert page.table.rowCount() == 3  # "Keep it"
    dialog_log.answer = True
    page.delete_button.click()
    assert page.table.rowCount() == 2
    assert len(window.history.sessions()) == 2


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    _play(window, "practice", [1, 1])
    for page in (window.library, window.report_page, window.history_page,
                 window.settings_page):
        window.stack.setCurrentWidget(page)
        for widget in page.findChildren(QAbstractButton) + page.findChildren(QComboBox) + \
                page.findChildren(QLineEdit):
            if widget.isVisibleTo(page) and widget.parent() is not None \
                    and not isinstance(widget.parent(), QComboBox):
                assert widget.accessibleName() or widget.text(), widget


def test_layout_holds_at_1024x768_and_4k(qtbot: Any, make_window: Any) -> None:
    window = make_window(size=(1024, 768))
    assert window.minimumSizeHint().width() <= 1024
    _play(window, "practice", [], finish=False)
    page = window.conversation
    qtbot.wait(20)
    assert page.scroll.horizontalScrollBar().maximum() == 0  # nothing clipped sideways
    for option in page.options.buttons:
        assert option.geometry().right() <= page.scroll.viewport().width()
    window.settings.update(text_size="projector")
    window.resize(3840, 2160)
    qtbot.wait(20)
    assert page.scroll.horizontalScrollBar().maximum() == 0
    assert page.client.avatar.width() >= 300


def test_run_app_starts_and_quits(qtbot: Any, monkeypatch: Any, scenario_folder: Any) -> None:
    monkeypatch.setattr(resources, "bundled_scenarios", lambda: scenario_folder)
    monkeypatch.setattr(app_module, "setup_logging", _quiet_logging)
    opened: list[MainWindow] = []
    real_create = app_module.create_window

    def create(*args: Any, **kwargs: Any) -> MainWindow:
        window = real_create(*args, **kwargs)
        opened.append(window)
        qtbot.waitUntil(lambda: not window.loading_scenarios)
        window.close()  # app.exec() returns straight away
        return window

    monkeypatch.setattr(app_module, "create_window", create)
    app = QApplication.instance()
    monkeypatch.setattr(app, "exec", lambda: 0)
    assert app_module.run_app(scenario_id="mini") == 0
    assert opened and opened[0].stack.currentWidget() is opened[0].briefing


def _quiet_logging(path: Any, qt_messages: bool = True) -> Any:
    import logging
    return logging.NullHandler()
