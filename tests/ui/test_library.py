"""The library: cards, a broken file as an error card, filters, and continuing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.ui.library import ErrorCard, ScenarioCard
from simulator.ui.main_window import MainWindow
from tests.ui.conftest import BROKEN


def test_an_invalid_file_shows_as_an_error_card(make_window: Any,
                                                scenario_folder: Path) -> None:
    (scenario_folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (scenario_folder / "not-yaml.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    window = make_window()
    cards = window.library.cards()
    assert [type(c) for c in cards] == [ScenarioCard, ErrorCard, ErrorCard]
    broken = next(c for c in cards if isinstance(c, ErrorCard)
                  and "broken" in c.accessibleName())
    assert broken.problems[0] == "Line 1, column 1: the scenario is missing 'difficulty'"
    assert broken.problems[-1].startswith("…and 5 more.")  # the rest: run validate
    assert "1 scenario, and 2 files with problems" in window.library.count_label.text()


def test_filters_and_search(window: MainWindow) -> None:
    library = window.library
    assert library.setting_box.count() == 2  # "All settings" + criminal justice
    library.setting_box.setCurrentIndex(1)
    assert len(library.cards()) == 1
    library.resistance_box.setCurrentIndex(library.resistance_box.findData("confrontation"))
    assert len(library.cards()) == 1
    library.search.setText("nothing like this")
    assert library.cards() == []
    assert library.empty.isVisibleTo(library) and library.clear_button.isVisibleTo(library)
    library.clear_button.click()
    assert len(library.cards()) == 1 and library.search.text() == ""


def test_best_score_and_continue_appear(qtbot: Any, window: MainWindow) -> None:
    window.start_conversation("mini", "practice")
    window.controller.choose(1)
    window.controller.proceed()
    window.controller.choose(1)
    window.controller.proceed()
    window.conversation.ending.report_button.click()
    window.start_conversation("mini", "assessment")
    window.controller.choose(1)
    window.show_library()
    card = window.library.cards()[0]
    assert card.findChildren(type(window.library.count_label))
    texts = [w.text() for w in card.findChildren(type(window.library.count_label))]
    assert "Your best so far: 100/100" in texts
    assert window.library.resume_box.isVisibleTo(window.library)


def test_user_folder_from_settings_is_loaded(qtbot: Any, window: MainWindow, tmp_path: Path,
                                             dialog_log: Any) -> None:
    own = tmp_path / "mine"
    own.mkdir()
    (own / "draft.yaml").write_text(BROKEN, encoding="utf-8")
    dialog_log.folder = str(own)
    window.show_settings()
    window.settings_page.browse.click()
    qtbot.waitUntil(lambda: len(window.library.cards()) == 2 and not window.loading_scenarios)
    assert window.settings.prefs.user_folder == str(own)
    assert any(e.source == "user" for e in window.catalogue.entries)


def test_open_straight_at_a_scenario(make_window: Any, dialog_log: Any) -> None:
    window = make_window(scenario_id="mini")
    assert window.stack.currentWidget() is window.briefing
    missing = make_window(scenario_id="no-such-thing")
    assert missing.stack.currentWidget() is missing.library
    assert dialog_log.named("show_error")


def test_cards_in_a_row_are_as_tall_as_each_other_with_their_buttons_level(
        qtbot: Any, make_window: Any) -> None:
    from simulator.ui import resources

    window = make_window(folders=[resources.bundled_scenarios()], size=(1366, 768))
    cards = [c for c in window.library.cards() if isinstance(c, ScenarioCard)]
    qtbot.wait(100)  # laid out with every card
    rows: dict[int, list[ScenarioCard]] = {}
    for card in cards:
        rows.setdefault(card.y(), []).append(card)
    assert len(rows) >= 2 and all(len(row) >= 2 for row in list(rows.values())[:-1])
    for row in rows.values():
        assert len({card.height() for card in row}) == 1
        assert len({card.open_button.mapTo(window, card.open_button.rect().topLeft()).y()
                    for card in row}) == 1
        for card in row:  # each button at its card's foot, not after a gap below it
            foot = card.height() - card.open_button.geometry().bottom()
            assert foot <= 20, (card.scenario_id, foot)


def test_the_filters_explain_each_kind_of_resistance_and_clear_from_the_left(
        window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    from simulator.ui import library as library_module
    from simulator.ui import words

    library = window.library
    index = library.resistance_box.findData("confrontation")
    tip = words.RESISTANCE_TIPS["confrontation"]
    assert library.resistance_box.itemData(index, Qt.ItemDataRole.ToolTipRole) == tip
    assert Qt.ItemDataRole(library_module.TOOLTIP_ROLE) is Qt.ItemDataRole.ToolTipRole
    library.search.setText("nothing like this")
    button = library.clear_button
    assert button.x() == 0 and button.width() == button.sizeHint().width()
