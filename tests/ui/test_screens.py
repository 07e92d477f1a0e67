"""What the screens say, checked after looking at them: numbers that can be
read, and lists that read as lists."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLabel

from simulator.ui import words
from simulator.ui.main_window import MainWindow


def test_meter_numbers_sit_in_the_label_not_across_the_bar(window: MainWindow) -> None:
    # Written across the bar, "6 of 10" half sat on the coloured part: dark on dark green
    # in the light theme, white on pink in high contrast.
    window.start_conversation("mini", "practice")
    panel = window.conversation.client
    assert panel.titles["trust"].text() == "Trust: 3 of 10"
    assert not panel.bars["trust"].isTextVisible()
    assert panel.bars["trust"].accessibleName() == "Trust: 3 of 10"
    window.controller.choose(1)
    window.controller.proceed()
    assert panel.titles["trust"].text() == "Trust: 5 of 10"


def test_content_notes_are_a_list_without_doubled_stops(window: MainWindow) -> None:
    scenario = window.catalogue.scenario("mini")
    noted = dataclasses.replace(scenario, content_notes=(
        "Alcohol use and a drink-driving conviction.", "a father's guilt about lying;"))
    window.briefing.show_scenario(noted, "practice")
    joined = "\n".join(w.text() for w in window.briefing.findChildren(QLabel))
    assert "•  Alcohol use and a drink-driving conviction\n" in joined
    assert "•  A father's guilt about lying" in joined
    assert ".;" not in joined and ".." not in joined


def test_list_items_are_tidied() -> None:
    assert words.list_item("  self-harm. ") == "Self-harm"
    assert words.list_item("Grief;") == "Grief"
    assert words.list_item("") == ""


def test_the_meters_setting_explains_arousal(window: MainWindow) -> None:
    window.show_settings()
    box = window.settings_page.meters
    assert "arousal" not in box.text().lower()  # jargon on the face of it...
    assert "Arousal: how stirred up" in box.toolTip()  # ...explained where it is named


def test_after_the_ending_leaving_is_not_for_now(window: MainWindow) -> None:
    window.start_conversation("mini", "assessment")
    page = window.conversation
    assert page.leave_button.text() == "Leave for now"
    while not window.controller.finished:
        window.controller.choose(1)
    assert page.leave_button.text() == "Back to the library"
    window.controller.undo()  # assessment cannot undo; the text stays right either way
    window.start_conversation("mini", "practice")
    assert page.leave_button.text() == "Leave for now"
