"""Choosing who is practising: the dialog, one history per student, exports that say who."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.core.profile import Profile
from simulator.ui import dialogs
from simulator.ui.main_window import MainWindow
from simulator.ui.profile_dialog import ProfileDialog

ALEX = Profile("Alex Kim", "S123", "SW2")


def _play(window: MainWindow, choices: list[int]) -> None:
    window.start_conversation("mini", "practice")
    for choice in choices:
        window.controller.choose(choice)
        window.controller.proceed()
    window.conversation.ending.report_button.click()


def test_the_dialog_adds_a_student_or_explains_what_is_missing(qtbot: Any) -> None:
    dialog = ProfileDialog([], None)
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    assert "needs a name or a student id" in dialog.problem.text()
    assert not dialog.result()
    qtbot.keyClicks(dialog.name, "Alex Kim")
    qtbot.keyClicks(dialog.student_id, "S123")
    qtbot.keyClicks(dialog.class_code, "SW2")
    dialog.add_button.click()
    assert dialog.result() and dialog.chosen == ALEX


def test_the_dialog_offers_known_students_first(qtbot: Any) -> None:
    bea = Profile("Bea")
    dialog = ProfileDialog([bea, ALEX], ALEX)
    qtbot.addWidget(dialog)
    assert dialog.list.currentItem().text() == "Alex Kim (S123, SW2)"
    dialog.use_button.click()
    assert dialog.chosen == ALEX


def test_switching_student_switches_history_and_exports_say_who(
        window: MainWindow, tmp_path: Path, dialog_log: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _play(window, [1, 1])  # in the shared history
    assert len(window.history.summaries()) == 1
    monkeypatch.setattr(dialogs, "choose_profile", lambda *a: (True, ALEX))
    window.profile_button.click()
    assert window.profile == ALEX
    assert window.profile_button.text() == "Student: Alex Kim"
    assert window.history.summaries() == []  # Alex's own history starts empty
    _play(window, [3, 1])
    dialog_log.save_path = None
    window.export_report("json")  # cancelled, but the suggested name is recorded
    suggested = dialog_log.named("save_file")[-1][2]
    assert Path(suggested).name.startswith("rapport-mini-s123-") and "attempt1" in suggested
    dialog_log.save_path = str(tmp_path / "alex")
    saved = json.loads(window.export_report("json").read_text(encoding="utf-8"))
    assert saved["meta"]["profile"]["student_id"] == "S123"
    assert saved["meta"]["attempt"] == 1 and saved["meta"]["mode"] == "practice"
    monkeypatch.setattr(dialogs, "choose_profile", lambda *a: (True, None))
    window.profile_button.click()
    assert window.profile is None and len(window.history.summaries()) == 1


def test_hand_in_asks_who_then_writes_the_ticked_sessions(
        window: MainWindow, tmp_path: Path, dialog_log: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.storage.handin import read_handin

    monkeypatch.setattr(dialogs, "choose_profile", lambda *a: (True, ALEX))
    _play(window, [1, 1])  # played before choosing a profile: in the shared history
    window.show_history()
    window.history_page.hand_in_button.click()  # no profile yet: asked who first
    assert dialog_log.named("show_info")[0][1] == "Who is handing in?"
    assert dialog_log.named("show_info")[-1][1] == "Nothing to hand in yet"  # Alex's is empty
    _play(window, [3, 1])
    _play(window, [1, 1])
    ticked: list[list[str]] = []

    def choose(parent: Any, records: list, who: str) -> list[str]:
        ticked.append([r.id for r in records])
        assert who == "Alex Kim (S123, SW2)"
        return [records[-1].id]  # the oldest: the first attempt

    monkeypatch.setattr(dialogs, "choose_sessions", choose)
    dialog_log.save_path = str(tmp_path / "mine")
    path = window.hand_in()
    assert path == tmp_path / "mine.rapport.json"
    assert Path(dialog_log.named("save_file")[-1][2]).name.startswith("handin-sw2-s123-")
    handin = read_handin(path)
    assert len(ticked[0]) == 2 and len(handin.sessions) == 1
    assert handin.sessions[0].saved["choices"] == [3, 1]
    assert handin.sessions[0].meta["attempt"] == 1


def test_the_hand_in_dialog_ticks_finished_sessions(qtbot: Any, window: MainWindow) -> None:
    from simulator.ui.handin_dialog import HandInDialog

    _play(window, [1, 1])
    window.start_conversation("mini", "practice")
    window.controller.choose(1)
    window.show_library()  # left part-way
    dialog = HandInDialog(window.history.summaries(), "Alex")
    qtbot.addWidget(dialog)
    assert dialog.save_button.text() == "Save the hand-in file (1 session)…"
    from PySide6.QtCore import Qt

    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)  # the unfinished one too
    dialog.save_button.click()
    assert len(dialog.chosen) == 2


def test_the_pdf_says_who_which_attempt_and_how_many_were_taken_back(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.ui.report_html import report_html

    monkeypatch.setattr(dialogs, "choose_profile", lambda *a: (True, ALEX))
    window.profile_button.click()
    window.start_conversation("mini", "practice")
    window.controller.choose(2)
    window.controller.undo()
    window.controller.choose(1)
    window.controller.proceed()
    window.controller.choose(1)
    window.controller.proceed()
    window.conversation.ending.report_button.click()
    html = report_html(window.with_export_meta(window.report), window._frameworks())
    assert "Student: Alex Kim · Student id: S123 · Class: SW2 · Attempt 1 · " \
           "Responses taken back: 1" in html


def test_learning_records_follow_the_students_own_history(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.ui import learning_records

    records = learning_records.attach(window)
    records.open(window.history, base_delay=0.05)
    shared = records.outbox.path
    monkeypatch.setattr(dialogs, "choose_profile", lambda *a: (True, ALEX))
    window.profile_button.click()
    try:
        assert records.outbox is not None and records.outbox.path == window.history.path
        assert records.outbox.path != shared and ALEX.key in str(records.outbox.path)
        assert records.profile == ALEX  # their records name them, not Settings' learner
        assert records.active.account_name == ALEX.student_id
    finally:
        records.close()
