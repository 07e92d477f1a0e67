"""Play a scenario to an ending: by keyboard in practice, by mouse in assessment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from simulator.ui.conversation import Bubble
from simulator.ui.main_window import MainWindow


def _bubbles(window: MainWindow) -> list[Bubble]:
    return window.conversation.bubbles


def _texts(window: MainWindow) -> list[str]:
    return [b.line.text for b in _bubbles(window)]


def _focused(qtbot: Any, window: MainWindow) -> Any:
    """The widget with keyboard focus (a key press goes where the learner's would)."""
    qtbot.waitUntil(lambda: window.focusWidget() is not None)
    return window.focusWidget()


def test_practice_by_keyboard_with_feedback_and_undo(qtbot: Any, window: MainWindow) -> None:
    library = window.library
    assert [c.scenario_id for c in library.cards()] == ["mini"]
    library.cards()[0].open_button.click()
    assert window.stack.currentWidget() is window.briefing
    assert window.briefing.mode() == "practice"
    qtbot.keyClick(window.briefing.start_button, Qt.Key.Key_Space)
    page = window.conversation
    assert window.stack.currentWidget() is page
    assert _texts(window) == ["This is a waste of time."]
    assert page.client.meter_box.isVisibleTo(page)

    qtbot.keyClick(_focused(qtbot, window), Qt.Key.Key_2)  # the harmful one
    assert page.current is page.feedback
    assert "could do harm" in page.feedback.headline.text()
    chips = [c.text() for c in page.feedback.pool if c.isVisibleTo(page.feedback)]
    assert "MI: Confronting" in chips
    assert page.feedback.undo_button.isVisible()
    assert _texts(window)[-1] == "Why are you always so negative?"

    window.undo_action.trigger()  # Ctrl+Z
    assert page.current is page.options
    assert _texts(window) == ["This is a waste of time."]

    qtbot.keyClick(_focused(qtbot, window), Qt.Key.Key_1)
    assert "strong response" in page.feedback.headline.text()
    assert not page.feedback.nudge.isVisible()
    qtbot.keyClick(_focused(qtbot, window), Qt.Key.Key_Return)  # Continue has focus
    assert page.current is page.options
    assert _texts(window)[-1] == "Whatever. So what happens now?"
    qtbot.keyClick(_focused(qtbot, window), Qt.Key.Key_1)
    qtbot.keyClick(_focused(qtbot, window), Qt.Key.Key_Return)
    assert page.current is page.ending
    assert page.ending.title.text() == "Talking"

    with qtbot.waitSignal(window.report_shown) as shown:
        qtbot.keyClick(_focused(qtbot, window), Qt.Key.Key_Return)
    report = shown.args[0]
    assert report["ending"]["id"] == "engaged"
    assert [t["option"] for t in report["turns"]] == [1, 1]  # the undone choice is gone
    assert window.stack.currentWidget() is window.report_page
    saved = window.history.sessions()
    assert len(saved) == 1 and saved[0].finished and saved[0].scores["overall"] == 100


def test_assessment_by_mouse_hides_feedback_until_the_end(qtbot: Any,
                                                          window: MainWindow) -> None:
    window.show_briefing("mini")
    radios = window.briefing.mode_group.buttons()
    assessment = next(r for r in radios if r.property("mode") == "assessment")
    qtbot.mouseClick(assessment, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.briefing.start_button, Qt.MouseButton.LeftButton)
    page = window.conversation
    assert not page.client.meter_box.isVisibleTo(page)  # no meters in assessment
    assert "Assessment" in page.mode_chip.text()
    qtbot.mouseClick(page.options.buttons[2], Qt.MouseButton.LeftButton)
    assert page.current is page.options  # straight on, no feedback
    assert not page.can_undo()
    window.undo_action.trigger()  # does nothing in assessment
    assert _texts(window)[-1] == "Whatever. So what happens now?"
    qtbot.mouseClick(page.options.buttons[1], Qt.MouseButton.LeftButton)
    assert page.current is page.ending
    assert "feedback has been saved for the end" in page.ending.note.text()
    with qtbot.waitSignal(window.report_shown) as shown:
        qtbot.mouseClick(page.ending.report_button, Qt.MouseButton.LeftButton)
    report = shown.args[0]
    assert report["mode"] == "assessment"
    assert [t["grade"] for t in report["turns"]] == ["unhelpful", "harmful"]
    assert report["turns"][0]["best"]["option"] == 1  # revealed at the end


def test_the_client_face_follows_state_and_node(qtbot: Any, window: MainWindow) -> None:
    window.start_conversation("mini", "practice")
    page = window.conversation
    assert page.client.avatar.expression == "angry"  # arousal 8 at the start
    assert page.client.mood.text() == "Looks angry"
    window.controller.choose(1)
    window.controller.proceed()
    assert page.client.avatar.expression == "upset"  # trust 5, arousal 5


def test_session_saved_after_every_turn(qtbot: Any, window: MainWindow) -> None:
    window.start_conversation("mini", "practice")
    window.controller.choose(1)
    qtbot.waitUntil(lambda: bool(window.history.sessions()))
    record = window.history.sessions()[0]
    assert record.turns == 1 and not record.finished
    assert window.saved_label.text() == "Progress saved"
