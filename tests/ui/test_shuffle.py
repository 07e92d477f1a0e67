"""The app shows each attempt's options in its own shuffled order: the badges and the
keys 1-9 follow what is on screen, and a resumed session shows the same order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from simulator.core.loader import load_scenario
from simulator.core.session import shuffled_order
from simulator.ui.main_window import MainWindow
from tests.ui.conftest import MINI

SCENARIO = load_scenario(MINI)
OPENING = SCENARIO.nodes["opening"]
# A seed whose first order is not the file's, so a test can tell the two apart.
SEED = next(s for s in range(100) if shuffled_order(OPENING, s, 0)[0] != 1)
ORDER = shuffled_order(OPENING, SEED, 0)


def _shown(window: MainWindow) -> list[tuple[str, str]]:
    return [(b.badge.text(), b.text_label.text()) for b in window.conversation.options.buttons]


def test_buttons_are_numbered_as_shown_and_key_1_gives_the_top_one(
        qtbot: Any, make_window: Any) -> None:
    window = make_window(seed=SEED)
    window.start_conversation("mini", "practice")
    assert _shown(window) == [(str(place), OPENING.options[n - 1].text)
                              for place, n in enumerate(ORDER, 1)]
    page = window.conversation
    qtbot.keyClick(page.options.buttons[0], Qt.Key.Key_1)
    turn = window.controller.session.turns[0]
    assert turn.option_number == ORDER[0] != 1
    assert page.bubbles[-1].line.text == OPENING.options[ORDER[0] - 1].text


def test_a_resumed_session_shows_the_order_it_was_left_at(qtbot: Any, make_window: Any) -> None:
    window = make_window(seed=SEED)
    window.start_conversation("mini", "practice")
    window.controller.choose(1)  # the best response, wherever it was shown
    window.controller.proceed()
    left_at = _shown(window)
    window.controller.flush()
    record = window.history.sessions()[0]
    assert record.saved["seed"] == SEED and len(record.saved["shown"]) == 2
    window.seeds = lambda: 999  # a new attempt would get another order; a resumed one not
    window.resume(record.id)
    assert _shown(window) == left_at
    assert [t.shown for t in window.controller.session.turns] == [ORDER]
