"""Scenario text is shown as the words it is, never as markup Qt renders.

Qt guesses: a label or tooltip whose text looks like HTML is drawn as rich text,
so `<img src="file:///etc/passwd">` in a scenario made the app read a local file
and `<a href>` drew a link. Every string of the hostile scenario here carries
such markup; the test walks every widget of every screen a learner sees (and the
item views, and the route map's items) and fails on any place where it would be
rendered: a label drawn as rich text with the raw markup in it, a tooltip with
the raw markup in it (Qt renders those as rich text), or a message box.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QAbstractItemView, QGraphicsView, QLabel, QWidget

from simulator.ui import dialogs
from simulator.ui.main_window import MainWindow

from .conftest import MINI

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise\\(\\)")

MARKUP = '<img src="file:///etc/passwd"><a href="x">link</a><b>bold</b>'
# Free text a writer types, at any depth of the file: each gets the markup added.
TEXT_KEYS = {"title", "summary", "briefing", "name", "role", "background", "says", "cue",
             "text", "explain", "debrief", "label", "description", "objectives",
             "content_notes"}


def _hostile(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {MARKUP}"
    return value


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["id"] = "hostile"
    data["content_notes"] = ["Shouting"]
    for var in data["state"].values():
        var["label"] = "Level"
        var["description"] = "How it feels"
    data["people"] = {"mum": {"name": "Mum", "role": "parent"}}
    folder = tmp_path / "hostile-scenarios"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(yaml.safe_dump(_hostile(data), sort_keys=False),
                                         encoding="utf-8")
    return folder


def _rendered(text: str) -> bool:
    """Qt would draw this as rich text and the raw markup is in it."""
    return "<img" in text and QtGui_Qt.mightBeRichText(text)


def _model_leaks(model: QAbstractItemModel, parent: QModelIndex, where: str) -> list[str]:
    found: list[str] = []
    for row in range(model.rowCount(parent)):
        for col in range(model.columnCount(parent)):
            index = model.index(row, col, parent)
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and _rendered(tip):
                found.append(f"{where} item ({row}, {col}) tooltip: {tip[:80]}")
            found += _model_leaks(model, index, where)
    return found


def _leaks(root: QWidget, screen: str) -> list[str]:
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{screen}: {type(widget).__name__} {widget.objectName() or ''}".rstrip()
        if _rendered(widget.toolTip()):
            found.append(f"{where} tooltip: {widget.toolTip()[:80]}")
        if isinstance(widget, QLabel):
            rich = widget.textFormat() == Qt.TextFormat.RichText or (
                widget.textFormat() == Qt.TextFormat.AutoText
                and QtGui_Qt.mightBeRichText(widget.text()))
            if rich and "<img" in widget.text():
                found.append(f"{where} label: {widget.text()[:80]}")
        for text in (widget.accessibleName(), widget.accessibleDescription()):
            if "&lt;" in text or "&gt;" in text:  # a screen reader would spell the escapes
                found.append(f"{where} accessible text: {text[:80]}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += _model_leaks(widget.model(), QModelIndex(), where)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            found += [f"{where} map item tooltip: {item.toolTip()[:80]}"
                      for item in widget.scene().items() if _rendered(item.toolTip())]
    return found


def test_no_screen_renders_markup_from_a_scenario(qtbot: Any, make_window: Any,
                                                 hostile_folder: Path) -> None:
    window: MainWindow = make_window(folders=[hostile_folder])
    shown: list[str] = []
    assert window.library.cards(), "the hostile scenario did not load"

    def screen(name: str, root: QWidget | None = None) -> None:
        qtbot.wait(10)
        shown.append(name)
        leaks.extend(_leaks(root or window, name))

    leaks: list[str] = []
    screen("library")
    window.show_briefing("hostile")
    screen("briefing")
    window.start_conversation("hostile", "practice")
    screen("conversation")
    window.controller.choose(2)  # harmful: the feedback shows the best response too
    screen("feedback")
    window.controller.proceed()
    window.controller.choose(1)
    window.controller.proceed()
    screen("ending")
    window.conversation.ending.report_button.click()
    screen("report")
    window.report_page.route_button.click()
    assert window.route_map is not None
    screen("route map", window.route_map)
    window.route_map.close()
    window.show_history()
    window.history_page.table.selectRow(0)
    screen("history")
    assert shown and not leaks, "scenario markup is rendered:\n" + "\n".join(leaks)


def test_message_boxes_show_their_text_as_plain_text(qtbot: Any) -> None:
    """A scenario's title or a file's words can reach an error message. (The tests
    replace show_error and friends; the box they all build is the real one.)"""
    for icon in ("Warning", "Information", "Question"):
        box = dialogs._message(None, icon, "Scenario missing",
                               f"The scenario '{MARKUP}' is not here.")
        qtbot.addWidget(box)
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert MARKUP in box.text()


def test_the_hostile_scenario_is_valid(hostile_folder: Path) -> None:
    """Otherwise the walk above would be looking at an error card."""
    from simulator.core.loader import validate_file

    result = validate_file(hostile_folder / "hostile.yaml", pedagogy=False)
    assert result.scenario is not None, [str(p) for p in result.errors]
    shutil.rmtree(hostile_folder)


def test_a_tooltip_without_markup_is_left_as_it_is_and_qt_agrees_it_has_none(
        qapp: Any) -> None:
    """`plain_tip` answers text with no "<" or "&" itself (before the first paint,
    asking Qt would build all of PySide's Qt enums): Qt must see no markup there."""
    import random

    from simulator.ui.plain import plain_tip

    rng = random.Random(7)
    alphabet = "abc XYZ 09 '\"!?.,;:/\\=#*(){}[]>\n\t—é🙂" + "".join(
        chr(c) for c in range(0x20, 0x7f) if chr(c) not in "<&")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert not QtGui_Qt.mightBeRichText(text), text
        assert plain_tip(text) == text
    for marked in ("<b>Sam</b>", "a &lt; b", "<img src='file:///etc/passwd'>"):
        assert plain_tip(marked) != marked and QtGui_Qt.mightBeRichText(marked)
