"""Free-text mode: the learner writes their own words, sees them coded, and can
always fall back to the written responses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from simulator.core import coder
from simulator.storage.history import History
from simulator.ui.main_window import MainWindow


def _texts(window: MainWindow) -> list[str]:
    return [b.line.text for b in window.conversation.bubbles]


def _start_free_text(qtbot: Any, window: MainWindow) -> Any:
    window.show_briefing("mini")
    switch = window.briefing.free_text_box
    assert switch is not None and not switch.isChecked()  # off unless chosen
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.briefing.start_button, Qt.MouseButton.LeftButton)
    page = window.conversation
    assert page.current is page.writing  # words first, before any option is shown
    assert not page.options.isVisible()
    return page


def _say(qtbot: Any, page: Any, text: str) -> None:
    page.writing.editor.setPlainText(text)
    qtbot.keyClick(page.writing.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_whole_scenario_in_free_text_keeps_the_learners_words(
        qtbot: Any, window: MainWindow) -> None:
    page = _start_free_text(qtbot, window)
    mine = ("Coming here feels like a complete waste of your time, and you'd rather be "
            "anywhere else.")
    _say(qtbot, page, mine)
    assert page.current is page.feedback
    assert _texts(window)[-1] == mine  # the transcript shows the learner's words
    coded = page.feedback.free_text
    assert coded.isVisible()
    assert "complex reflection" in coded.coded.text()
    assert "You'd rather be anywhere but here." in coded.matched.text()
    assert "strong response" in page.feedback.headline.text()  # scored as the match

    qtbot.mouseClick(page.feedback.continue_button, Qt.MouseButton.LeftButton)
    assert page.current is page.writing and page.writing.editor.toPlainText() == ""
    _say(qtbot, page, "What would you like to get out of our time together today?")
    coded = page.feedback.free_text
    assert "seeking collaboration" in coded.coded.text()
    assert "What would make today worth your while?" in coded.matched.text()
    qtbot.mouseClick(page.feedback.continue_button, Qt.MouseButton.LeftButton)
    assert page.current is page.ending

    with qtbot.waitSignal(window.report_shown) as shown:
        qtbot.mouseClick(page.ending.report_button, Qt.MouseButton.LeftButton)
    report = shown.args[0]
    assert report["turns"][0]["text"] == mine
    assert report["turns"][0]["free_text"]["coding"]["code"] == "CR"
    assert report["turns"][1]["free_text"]["matched_text"] == (
        "What would make today worth your while?")
    saved = window.history.sessions()[0]
    assert saved.saved["said"]["1"]["text"] == mine
    shown = [label.text() for label in window.report_page.findChildren(QLabel)]
    assert any(mine in text for text in shown)  # the report keeps the learner's words
    assert any("coded by Rapport as a complex reflection" in text for text in shown)


def test_bad_input_gets_a_clear_message_and_nothing_moves(qtbot: Any,
                                                          window: MainWindow) -> None:
    page = _start_free_text(qtbot, window)
    before = _texts(window)
    cases = {
        "": "Type what you would say",
        "   \n  ": "Type what you would say",
        "a" * 10_000: "10,000 characters",
        "Это пустая трата времени": "only reads English",
        "😡😡😡 👍": "emoji and symbols",
    }
    for text, message in cases.items():
        page.writing.editor.setPlainText(text)
        qtbot.mouseClick(page.writing.send_button, Qt.MouseButton.LeftButton)
        assert page.writing.error_box.isVisible()
        assert message in page.writing.error.text()
        assert page.current is page.writing
        assert _texts(window) == before
    assert window.controller.session.turns == ()
    # emoji inside real words are fine: the words are coded
    _say(qtbot, page, "You'd rather be anywhere but here 🙂")
    assert page.current is page.feedback


def test_the_written_responses_are_always_one_click_away(qtbot: Any,
                                                         window: MainWindow) -> None:
    page = _start_free_text(qtbot, window)
    qtbot.mouseClick(page.writing.options_button, Qt.MouseButton.LeftButton)
    assert page.current is page.options
    qtbot.keyClick(page.options.buttons[0], Qt.Key.Key_1)
    assert page.current is page.feedback
    assert not page.feedback.free_text.isVisible()  # a chosen option needs no coding
    assert _texts(window)[-1] == "You'd rather be anywhere but here."
    qtbot.mouseClick(page.feedback.continue_button, Qt.MouseButton.LeftButton)
    assert page.current is page.writing  # the next turn starts with words again


def test_a_resumed_free_text_session_shows_the_learners_words(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    page = _start_free_text(qtbot, window)
    mine = "Sounds like you feel dragged here against your will."
    _say(qtbot, page, mine)
    window.show_library()  # leave: the session is saved
    record = window.history.unfinished()[0]
    window.resume(record.id)
    assert mine in _texts(window)
    assert window.conversation.current is window.conversation.writing
    assert isinstance(window.history, History)


def test_free_text_in_assessment_moves_on_without_feedback(qtbot: Any,
                                                           window: MainWindow) -> None:
    window.show_briefing("mini")
    radios = window.briefing.mode_group.buttons()
    assessment = next(r for r in radios if r.property("mode") == "assessment")
    qtbot.mouseClick(assessment, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.briefing.free_text_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.briefing.start_button, Qt.MouseButton.LeftButton)
    page = window.conversation
    mine = "So you'd rather be anywhere but here today."
    _say(qtbot, page, mine)
    assert page.current is page.writing  # no feedback: straight to the next turn
    assert _texts(window)[-2:] == [mine, "Whatever. So what happens now?"]


def test_trying_again_after_free_text_opens_an_empty_box(qtbot: Any, window: MainWindow) -> None:
    page = _start_free_text(qtbot, window)
    _say(qtbot, page, "Why are you always so negative about everything?")
    assert "confronting" in page.feedback.free_text.coded.text()
    assert "PACE: interrogating" in page.feedback.free_text.why.text()
    qtbot.mouseClick(page.feedback.undo_button, Qt.MouseButton.LeftButton)
    assert page.current is page.writing
    assert page.writing.editor.toPlainText() == ""
    assert _texts(window) == ["This is a waste of time."]
    assert window.controller.session.turns == ()


def test_a_broken_coder_install_says_so_and_the_options_still_work(
        qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any) -> None:
    """A damaged or missing network file must not end the session or crash the app."""
    broken = tmp_path / "coder_net.onnx"
    broken.write_bytes(b"half a download")
    monkeypatch.setattr(coder, "NET_PATH", broken)
    coder.shared_model.cache_clear()
    try:
        page = _start_free_text(qtbot, window)
        _say(qtbot, page, "You'd rather be anywhere but here.")
        assert page.current is page.writing and page.writing.error_box.isVisible()
        assert "choose from the written responses" in page.writing.error.text()
        assert window.controller.session.turns == ()
        qtbot.mouseClick(page.writing.options_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(page.options.buttons[0], Qt.Key.Key_1)
        assert page.current is page.feedback
    finally:
        coder.shared_model.cache_clear()  # the next test reads the real network again
