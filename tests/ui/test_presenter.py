"""Presenter mode driven by the keys a trainer (or a clicker) presses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from simulator.core.classvote import ENDED, REVEALED, VOTE
from simulator.core.loader import load_scenario
from simulator.core.session import Session
from simulator.storage.history import History
from simulator.ui.main_window import MainWindow
from simulator.ui.presenter import PresenterWindow

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"
K = Qt.Key


@pytest.fixture
def presenter(qtbot: Any) -> PresenterWindow:
    window = PresenterWindow(Session(load_scenario(MINI)), None, timer_seconds=30)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _texts(window: PresenterWindow) -> list[str]:
    return [row.text.text() for row in window.rows]


def test_voting_by_keyboard_then_reveal_then_play(qtbot: Any,
                                                  presenter: PresenterWindow) -> None:
    assert _texts(presenter)[0] == "You'd rather be anywhere but here."
    assert not any(row.grade.isVisible() for row in presenter.rows)  # no grades before
    assert presenter.says.text() == "This is a waste of time."
    qtbot.keyClicks(presenter, "4")
    qtbot.keyClick(presenter, K.Key_Down)
    qtbot.keyClicks(presenter, "12")
    qtbot.keyClick(presenter, K.Key_Right)
    qtbot.keyClick(presenter, K.Key_PageDown)  # a clicker's "next": response 3
    qtbot.keyClicks(presenter, "7")
    qtbot.keyClick(presenter, K.Key_Left)
    assert [row.votes.text() for row in presenter.rows] == ["4", "13", "6"]
    assert "23 votes" in presenter.meta.text()
    qtbot.keyClick(presenter, K.Key_PageDown)  # past the last response: reveal
    assert presenter.vote.phase == REVEALED
    assert [row.grade.text() for row in presenter.rows] == [
        "Strong", "Could harm  ·  the class's choice", "Unhelpful"]
    assert presenter.rows[1].reason.text() == "Argues."
    qtbot.keyClick(presenter, K.Key_PageUp)  # the trainer revealed too soon: back
    assert presenter.vote.phase == VOTE and not presenter.rows[0].grade.isVisible()
    qtbot.keyClick(presenter, K.Key_Return)
    qtbot.keyClick(presenter, K.Key_Return)  # plays response 2: he is at arousal 10
    assert presenter.vote.phase == ENDED
    assert presenter.card.isVisible() and presenter.card_title.text() == \
        "Walked out (Escalated)"
    assert presenter.said.text() == "The class said: “Why are you always so negative?”"


def test_what_if_shows_another_route_and_leaves_the_class_route(
        qtbot: Any, presenter: PresenterWindow) -> None:
    qtbot.keyClicks(presenter, "9")
    qtbot.keyClick(presenter, K.Key_Return)
    qtbot.keyClick(presenter, K.Key_Down)  # highlight response 2
    qtbot.keyClick(presenter, K.Key_W)
    assert presenter.card.isVisible()
    assert presenter.card_title.text() == "If the class had chosen 2, Sam would say:"
    assert "would have ended: Walked out (Escalated)" in presenter.card_text.text()
    qtbot.keyClick(presenter, K.Key_Down)  # the panel follows the highlight
    assert presenter.card_title.text() == "If the class had chosen 3, Sam would say:"
    qtbot.keyClick(presenter, K.Key_Escape)  # closes the panel, not the window
    assert not presenter.card.isVisible() and presenter.isVisible()
    qtbot.keyClick(presenter, K.Key_Return)  # plays the class's choice: response 1
    assert presenter.vote.session.turns[0].option_number == 1
    assert presenter.says.text() == "Whatever. So what happens now?"


def test_every_response_fits_without_scrolling_at_projector_sizes(qtbot: Any) -> None:
    scenario = load_scenario(Path(__file__).resolve().parents[2] / "scenarios"
                             / "dui-group.yaml")
    for size in ((1366, 768), (1920, 1080)):
        window = PresenterWindow(Session(scenario), None)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        for phase in ("vote", "reveal"):
            if phase == "reveal":
                window.reveal()
            window._fit()
            bottom = max(r.geometry().bottom() for r in window.rows)
            assert bottom < window.hint.geometry().top() <= size[1]
            assert window.px >= 18
        assert window.px >= size[1] // 40  # the client's words stay large
        window.close()


def test_the_timer_counts_down_pauses_and_says_times_up(qtbot: Any,
                                                        presenter: PresenterWindow) -> None:
    presenter.start_timer()
    assert presenter.timer_label.text() == "0:30"
    presenter._on_tick_timeout()
    assert presenter.timer_label.text() == "0:29"
    qtbot.keyClick(presenter, K.Key_T)
    assert presenter.timer_label.text() == "0:29 (paused)"
    presenter.remaining = 1
    presenter._on_tick_timeout()
    assert presenter.timer_label.text() == "Time's up"


def test_the_session_and_its_votes_are_saved_like_any_other(qtbot: Any) -> None:
    with History() as history:
        window = PresenterWindow(Session(load_scenario(MINI)), lambda: history)
        qtbot.addWidget(window)
        window.show()
        qtbot.keyClicks(window, "5")
        qtbot.keyClick(window, K.Key_Return)  # reveal
        qtbot.keyClick(window, K.Key_Return)  # play
        window.close()
        record = history.get(window.record_id)
        assert record is not None and record.mode == "practice" and record.turns == 1
        assert record.saved["extra"]["votes"][0]["counts"] == {"1": 5}


def test_presenter_mode_opens_from_the_briefing_and_fills_the_screen(
        window: MainWindow) -> None:
    window.show_briefing("mini")
    window.briefing.present_button.click()
    presenter = window.presenter
    assert presenter is not None and presenter.isFullScreen()
    assert presenter.vote.session.scenario.id == "mini"
    presenter.close()
    assert window.presenter is None


def test_main_py_present_opens_it_once_the_library_has_loaded(qtbot: Any,
                                                              scenario_folder: Path) -> None:
    from simulator.ui.settings import Settings

    window = MainWindow(Settings(), None, [scenario_folder])
    qtbot.addWidget(window)
    window.present_on_load = ("mini", 45)
    window.show()
    qtbot.waitUntil(lambda: window.presenter is not None, timeout=10000)
    assert window.presenter.timer_label.text() == "0:45"
    window.close()
    window.loader.wait()
    assert window.presenter is None


def test_a_trainer_with_a_mouse_can_do_it_all_with_clicks(qtbot: Any,
                                                          presenter: PresenterWindow) -> None:
    buttons = presenter.buttons
    assert buttons["reveal"].isVisible() and not buttons["play"].isVisible()
    qtbot.mouseClick(presenter.rows[2], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(presenter, "3")
    buttons["reveal"].click()
    assert presenter.vote.phase == REVEALED and buttons["play"].isVisible()
    qtbot.mouseClick(presenter.rows[1], Qt.MouseButton.LeftButton)
    buttons["what_if"].click()
    assert presenter.card_title.text() == "If the class had chosen 2, Sam would say:"
    buttons["play"].click()  # the class voted for 3
    assert presenter.vote.session.turns[0].option_number == 3
    assert not presenter.card.isVisible()
    buttons["leave"].click()
    assert not presenter.isVisible()


def test_leaving_mid_session_asks_and_the_class_session_resumes_on_the_projector(
        window: MainWindow, dialog_log: Any, qtbot: Any) -> None:
    window.show_briefing("mini")
    window.briefing.present_button.click()
    presenter = window.presenter
    qtbot.keyClicks(presenter, "7")
    qtbot.keyClick(presenter, K.Key_Return)
    qtbot.keyClick(presenter, K.Key_Return)  # played response 1
    dialog_log.answer = False
    qtbot.keyClick(presenter, K.Key_Escape)
    assert dialog_log.named("ask")[-1][1] == "Leave presenter mode?"
    assert presenter.isVisible()  # "Stay"
    dialog_log.answer = True
    qtbot.keyClick(presenter, K.Key_Escape)
    assert window.presenter is None
    record = window.history.summaries()[0]
    window.resume(record.id)
    again = window.presenter
    assert again is not None and again.vote.session.position == "middle"
    assert again.vote.votes()[0]["counts"] == {"1": 7}
    qtbot.keyClick(again, K.Key_Return)
    qtbot.keyClick(again, K.Key_Return)  # ends the conversation: no question
    asked = len(dialog_log.named("ask"))
    qtbot.keyClick(again, K.Key_Escape)
    assert len(dialog_log.named("ask")) == asked and window.presenter is None
    assert len(window.history.summaries()) == 1  # the same record, finished
    assert window.history.summaries()[0].finished


def test_the_class_sees_the_responses_in_the_attempts_shuffled_order(
        make_window: Any, qtbot: Any) -> None:
    scenario = load_scenario(MINI)
    seed = next(s for s in range(100) if Session(scenario, seed=s).shown_order()[0] != 1)
    window = make_window(seed=seed)
    presenter = window.present("mini")
    order = presenter.vote.order
    options = scenario.nodes["opening"].options
    assert _texts(presenter) == [options[n - 1].text for n in order]
    assert [row.badge.text() for row in presenter.rows] == ["1", "2", "3"]
    qtbot.keyClicks(presenter, "4")  # four votes for what is shown first
    qtbot.keyClick(presenter, K.Key_Return)
    qtbot.keyClick(presenter, K.Key_Return)
    assert presenter.vote.session.turns[0].option_number == order[0]
    assert presenter.vote.votes()[0]["counts"] == {str(order[0]): 4}
    presenter.close()
