"""Learning records in the app: the settings card, the status bar, and a session played
offline reaching a real LRS (Ralph) once it comes up, complete and exactly once."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from typing import Any

import pytest

from simulator.storage.paths import data_dir
from simulator.ui.learning_records import LearningRecords, attach, status_words
from simulator.ui.main_window import MainWindow
from simulator.xapi.config import SECRET_FILE, XapiSettings
from simulator.xapi.outbox import Backlog
from simulator.xapi.sender import SendStatus
from tests.xapi.lrs import PASSWORD, USER, Lrs


@pytest.fixture
def records(window: MainWindow) -> Iterator[LearningRecords]:
    found = attach(window)
    found.open(window.history, base_delay=0.05)
    yield found
    found.close()


def fill_card(window: MainWindow, records: LearningRecords, endpoint: str,
              secret: str = PASSWORD, send: bool = True) -> None:
    window.show_settings()
    card = records.card
    assert card is not None
    card.send.setChecked(send)
    card.endpoint.setText(endpoint)
    card.key.setText(USER)
    card.secret.setText(secret)
    card.learner_name.setText("Ann Example")
    card.account_name.setText("s1234567")
    card.homepage.setText("https://www.example.edu")
    card.save.click()


def play_mini_best(qtbot: Any, window: MainWindow) -> None:
    window.start_conversation("mini", "practice")
    for _ in range(2):
        window.controller.choose(1)
        window.controller.proceed()
    qtbot.waitUntil(lambda: bool(window.history.sessions())
                    and window.history.sessions()[0].finished)
    window.show_library()  # leaving saves anything pending


def test_sending_is_off_by_default_and_nothing_is_queued(
        qtbot: Any, window: MainWindow, records: LearningRecords) -> None:
    window.show_settings()
    assert records.card is not None and not records.card.send.isChecked()
    play_mini_best(qtbot, window)
    assert records.outbox is not None and records.outbox.backlog() == Backlog(0, 0, 0)
    assert not window.learning_records_label.isVisible()


def test_the_card_saves_settings_and_keeps_the_secret_private(
        window: MainWindow, records: LearningRecords) -> None:
    fill_card(window, records, "https://lrs.example.edu/xapi/")
    assert records.settings == XapiSettings(True, "https://lrs.example.edu/xapi/", USER,
                                            "Ann Example", "s1234567",
                                            "https://www.example.edu")
    secret_file = data_dir() / SECRET_FILE
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert PASSWORD not in (data_dir() / "xapi.json").read_text()
    card = records.card
    assert card is not None
    assert card.secret.text() == "" and card.secret.placeholderText() == \
        "saved (type to change)"
    assert card.problems.text() == ""
    card.homepage.setText("www.example.edu")
    card.save.click()
    assert card.problems.text().startswith("Not sending yet: your university's web address "
                                           "must start with https://")


def test_a_session_played_offline_reaches_the_lrs_once_it_is_up(
        qtbot: Any, window: MainWindow, records: LearningRecords, lrs: Lrs) -> None:
    lrs.stop()  # offline: the LRS is down while the learner plays
    fill_card(window, records, lrs.endpoint)
    play_mini_best(qtbot, window)
    label = window.learning_records_label
    qtbot.waitUntil(lambda: label.isVisible() and "5 learning records waiting to send"
                    in label.text(), timeout=10000)
    assert "could not be reached" in label.toolTip()
    assert "Next try in about" in label.toolTip()
    lrs.start()
    records.send_now()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=20000)
    assert records.outbox is not None and records.outbox.backlog().sent == 5
    stored = lrs.stored_ids()
    assert len(stored) == 5 and len(set(stored)) == 5
    assert records.card is not None and records.card.state.text().startswith(
        "5 sent, 0 waiting")


def test_wrong_credentials_are_named_in_the_status_bar() -> None:
    status = SendStatus(True, Backlog(3, 0, 0), "the learning record store refused the key "
                        "and secret (401 Invalid authentication credentials); check them "
                        "under Settings, Learning records", 64.0)
    text, tip = status_words(status)
    assert text == "3 learning records waiting to send"
    assert tip.startswith("The learning record store refused the key and secret")
    assert tip.endswith("Next try in about 64 seconds.")
    assert status_words(SendStatus(False, Backlog(1, 0, 4))) == (
        "1 learning record waiting (sending is off)",
        "Switch sending on under Settings, Learning records.")
    assert status_words(SendStatus(False, Backlog(2, 0, 0)), switched_on=True) == (
        "2 learning records waiting (settings incomplete)",
        "Complete the settings under Settings, Learning records.")
    assert status_words(SendStatus(True, Backlog(0, 0, 9))) == ("", "")
