"""A library card drawn by one widget: the same words as before, the tags' tooltips on
hover, and a scenario's words never read as markup."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from simulator.ui import theme
from simulator.ui.library import ScenarioCard
from simulator.ui.main_window import MainWindow


def _card(window: MainWindow) -> ScenarioCard:
    card = window.library.cards()[0]
    assert isinstance(card, ScenarioCard)
    return card


def test_a_card_says_what_the_scenario_is(window: MainWindow) -> None:
    words = _card(window).face.words
    assert words.title == "A short test conversation"
    assert words.meta == "Criminal justice · Introductory · about 5 min"
    assert words.client == "Client: Sam, 30"
    assert [t.text for t in words.tags] == ["Confrontation", "MI", "PACE", "4R"]
    assert _card(window).face.accessibleName() == "A short test conversation"
    # Drawn words are not labels: a screen reader hears them with the card's button.
    heard = _card(window).open_button.accessibleDescription()
    assert heard.startswith("Criminal justice · Introductory · about 5 min. Client: Sam, 30.")
    assert "Confrontation" in heard


@pytest.mark.qt_log_ignore("This plugin does not support raise\\(\\)")  # the tooltip, offscreen
def test_hovering_a_tag_shows_what_it_means(qtbot: Any, window: MainWindow) -> None:
    face = _card(window).face
    qtbot.waitUntil(lambda: face.width() > 0)
    placed = face._place(face.width())
    first = placed.tags[0].center()
    QApplication.sendEvent(face, QHelpEvent(QEvent.Type.ToolTip, first,
                                            face.mapToGlobal(first)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Confrontation" in QToolTip.text() and "<p>" in QToolTip.text()
    QToolTip.hideText()
    between = QPoint(placed.tags[0].right() + 3, placed.tags[0].center().y())  # a gap
    assert face.tooltip_at(between.x(), between.y()) is None
    framework = placed.tags[1].center()
    tip = face.tooltip_at(framework.x(), framework.y())
    assert tip is not None and "Motivational Interviewing" in tip[0]


def test_a_larger_text_size_redraws_the_cards_larger(qtbot: Any, window: MainWindow) -> None:
    window.show_library()
    face = _card(window).face
    before = face._fonts()[1].pointSize(), face.heightForWidth(340)
    window.settings.update(text_size="large")
    qtbot.wait(10)
    face = _card(window).face  # the same card, or one made again in the new look
    after = face._fonts()[1].pointSize(), face.heightForWidth(340)
    assert after[0] > before[0] and after[1] > before[1]


def _inks(face: Any) -> set[str]:
    image = face.grab().toImage()
    return {QColor(image.pixel(x, y)).name().upper()
            for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_the_cards_words_follow_the_theme(qtbot: Any, window: MainWindow) -> None:
    window.show_library()
    light = theme.colours("light")["text"].upper()
    dark = theme.colours("dark")["text"].upper()
    assert light in _inks(_card(window).face)
    window.settings.update(theme="dark")
    qtbot.wait(10)
    inks = _inks(_card(window).face)
    assert dark in inks and light not in inks


def test_the_text_flags_a_card_draws_with_are_qt_s_own() -> None:
    from PySide6.QtCore import Qt

    from simulator.ui import card_face

    ours = (card_face.ALIGN_LEFT, card_face.ALIGN_TOP, card_face.ALIGN_VCENTER,
            card_face.WORD_WRAP)
    assert ours == (Qt.AlignmentFlag.AlignLeft.value, Qt.AlignmentFlag.AlignTop.value,
                    Qt.AlignmentFlag.AlignVCenter.value, Qt.TextFlag.TextWordWrap.value)
