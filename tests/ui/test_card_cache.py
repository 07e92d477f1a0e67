"""Library cards remembered between starts: on screen at the first paint, never
trusted once the file has changed, and harmless when the cache is damaged."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from simulator.core.loader import load_scenario
from simulator.storage.history import History
from simulator.ui import card_cache
from simulator.ui.catalogue import Entry
from simulator.ui.main_window import MainWindow
from simulator.ui.settings import Settings


def _entry(path: Path) -> Entry:
    return Entry(str(path), load_scenario(path))


def test_cards_come_back_for_unchanged_files_only(scenario_folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    path = scenario_folder / "mini.yaml"
    card_cache.write([_entry(path)], cache)
    found = card_cache.read([(scenario_folder, "bundled")], cache)
    assert [(e.path, e.is_preview, e.card.title) for e in found] == [
        (str(path), True, "A short test conversation")]
    assert found[0].card.client_name == "Sam" and found[0].card.resistance == ("confrontation",)
    assert card_cache.read([(tmp_path / "elsewhere", "bundled")], cache) == []  # other folder
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert card_cache.read([(scenario_folder, "bundled")], cache) == []  # bytes changed
    path.unlink()
    assert card_cache.read([(scenario_folder, "bundled")], cache) == []  # file gone


def test_a_file_saved_again_unchanged_keeps_its_card(scenario_folder: Path,
                                                     tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    path = scenario_folder / "mini.yaml"
    card_cache.write([_entry(path)], cache)
    path.write_bytes(path.read_bytes())  # a new modification time, the same bytes
    os.utime(path, ns=(1, 1))
    found = card_cache.read([(scenario_folder, "bundled")], cache)
    assert [e.card.title for e in found] == ["A short test conversation"]
    path.write_text(path.read_text(encoding="utf-8").replace("Sam", "Kim"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # other bytes of the same size: the digest decides
    assert card_cache.read([(scenario_folder, "bundled")], cache) == []


def test_a_damaged_cache_is_ignored(scenario_folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    folders = [(scenario_folder, "bundled")]
    for text in ("", "{not json", "[]", '{"format": 99, "files": []}',
                 '{"format": 1, "files": [1, {"path": 3}]}'):
        cache.write_text(text, encoding="utf-8")
        assert card_cache.read(folders, cache) == []
    card_cache.write([_entry(scenario_folder / "mini.yaml")], cache)
    raw = json.loads(cache.read_text(encoding="utf-8"))
    raw["files"][0]["card"]["minutes"] = "ten"  # a hand edit of the wrong type
    cache.write_text(json.dumps(raw), encoding="utf-8")
    assert card_cache.read(folders, cache) == []
    assert card_cache.read(folders, tmp_path / "missing.json") == []


def test_cards_are_there_before_the_files_are_checked(qtbot: Any, make_window: Any,
                                                      scenario_folder: Path) -> None:
    make_window()  # the first start checks the files and remembers the cards
    store = History()
    window = MainWindow(Settings(), store, [scenario_folder])
    qtbot.addWidget(window)
    try:
        assert window.loading_scenarios
        cards = window.library.cards()
        assert len(cards) == 1 and cards[0].scenario_id == "mini"  # at the first paint
        assert window.catalogue.scenario("mini") is None  # not yet checked
        cards[0].open_button.click()  # clicked before its file is checked: opens after
        window.show()
        qtbot.waitUntil(lambda: not window.loading_scenarios, timeout=10000)
        assert window.stack.currentWidget() is window.briefing
        assert not any(e.is_preview for e in window.catalogue.entries)
    finally:
        window.close()
        window.loader.wait()
        store.close()


def test_a_changed_file_shows_its_new_words_never_the_old(qtbot: Any, make_window: Any,
                                                         scenario_folder: Path) -> None:
    make_window()  # the first start remembers the card
    path = scenario_folder / "mini.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: A short test conversation", "title: A rewritten conversation"), encoding="utf-8")
    store = History()
    window = MainWindow(Settings(), store, [scenario_folder])
    qtbot.addWidget(window)
    try:
        assert window.library.cards() == []  # the remembered card is out of date: not shown
        window.show()
        qtbot.waitUntil(lambda: not window.loading_scenarios, timeout=10000)
        cards = window.library.cards()
        assert [c.face.words.title for c in cards] == ["A rewritten conversation"]
        assert cards[0].accessibleName() == "Scenario: A rewritten conversation"
    finally:
        window.close()
        window.loader.wait()
        store.close()
