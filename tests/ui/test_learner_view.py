"""What a newcomer sees (issue 15): chart axes, the route map in the learner's
words, progress per scenario, keyboard stops, the save dialog's folder, one name
per measure, plain verdicts, the shades of poor responses, the feedback panel at
1366x768, and reading aloud."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from simulator.core.frameworks import builtin_frameworks
from simulator.ui import charts, dialogs, summary, theme, words
from simulator.ui.library import ScenarioCard
from simulator.ui.main_window import MainWindow
from simulator.ui.speech import NO_ENGINE, Reader
from tests.ui.conftest import finish as _finish

from .conftest import MINI


def _x_axis(chart: Any) -> QValueAxis:
    return chart.axes(Qt.Orientation.Horizontal)[0]


# -- the trajectory chart ----------------------------------------------------------------
def test_eleven_responses_get_a_tick_on_every_turn() -> None:
    trajectory = [{"turn": n, "trust": 3, "arousal": 5} for n in range(12)]
    chart = charts.state_chart(trajectory, {}, theme.colours("light"), QFont())
    axis = _x_axis(chart)
    # Ticks at 0, 1, ... 11, every one a whole turn: no "0-9 then 11", each point on a line.
    assert axis.tickType() == QValueAxis.TickType.TicksDynamic
    assert (axis.min(), axis.max(), axis.tickAnchor(), axis.tickInterval()) == (0, 11, 0, 1)
    points = [p.x() for p in chart.series()[0].points()]
    assert all((x - axis.tickAnchor()) % axis.tickInterval() == 0 for x in points)


def test_a_long_session_still_ticks_on_whole_turns() -> None:
    trajectory = [{"turn": n, "trust": 3, "arousal": 5} for n in range(41)]
    chart = charts.state_chart(trajectory, {}, theme.colours("light"), QFont())
    axis = _x_axis(chart)
    assert axis.tickInterval() in (2, 5) and axis.tickInterval() == int(axis.tickInterval())


# -- the route map -------------------------------------------------------------------------
# The offscreen platform cannot raise the map's window and says so (as in test_route_map).
@pytest.mark.qt_log_ignore("This plugin does not support raise\\(\\)")
def test_the_route_map_shows_words_not_ids_and_lists_the_responses(
        qtbot: Any, window: MainWindow) -> None:
    report = _finish(window, [1, 1])
    window.report_page.route_button.click()
    route_map = window.route_map
    assert route_map is not None
    qtbot.addWidget(route_map)
    scenario = window.catalogue.scenario("mini")
    ids = set(scenario.nodes) | set(scenario.endings)
    for item in route_map.map.nodes.values():
        shown = [text for text, _font, _colour in item._texts] + [item.toolTip()]
        assert not any(text in ids for text in shown), shown  # no writers' ids
    for edge in route_map.map.edges:
        assert not any(f"'{nid}'" in edge.toolTip() for nid in ids)
    assert "This is a waste of time." in route_map.map.nodes["opening"].toolTip()
    # Clicking a box lists every response there, the one chosen marked.
    box = route_map.map.nodes["opening"]
    route_map.map.centerOn(box)
    spot = route_map.map.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(route_map.map.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    text = route_map.responses.text()
    for option in scenario.nodes["opening"].options:
        assert option.text.replace("'", "&#x27;") in text
    assert text.count("you chose this") == 1
    assert report["turns"][0]["option"] == 1
    assert "You&#x27;d rather be anywhere but here.” <i>(Strong)</i> <b>← you chose this" in text


# -- progress per scenario -----------------------------------------------------------------
def test_history_progress_is_per_scenario_and_names_it(
        qtbot: Any, make_window: Any, scenario_folder: Path) -> None:
    other = MINI.read_text(encoding="utf-8").replace("id: mini", "id: mini_two").replace(
        "title: A short test conversation", "title: Another short conversation")
    (scenario_folder / "mini_two.yaml").write_text(other, encoding="utf-8")
    window = make_window()
    for choices in ([1, 1], [2, 2], [3, 2]):
        _finish(window, choices)
    _finish(window, [1, 1], "mini_two")
    window.show_history()
    page = window.history_page
    items = [page.progress_box.itemText(i) for i in range(page.progress_box.count())]
    assert items == ["Another short conversation (1 finished)",
                     "A short test conversation (3 finished)"]  # the latest played first
    assert "Another short conversation" in page.chart_note.text()
    assert page.chart_frame.isHidden()  # one session is no trend
    page.progress_box.setCurrentIndex(1)
    assert page.chart_note.text().startswith("A short test conversation:")
    assert not page.chart_frame.isHidden()
    chart = page.chart_holder.itemAt(0).widget()
    assert chart.accessibleName() == "Progress chart: A short test conversation"
    overall = chart.accessibleDescription().split(";")[0]
    assert overall.startswith("Overall:") and overall.count(",") == 2  # 3 sessions, not 4


# -- keyboard --------------------------------------------------------------------------------
def _tab_stops(start: QWidget, limit: int = 200) -> list[QWidget]:
    stops, widget = [], start
    for _ in range(limit):
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus \
                and widget.isEnabled():
            stops.append(widget)
    return stops


def test_a_library_card_is_one_tab_stop_that_enter_opens(qtbot: Any, window: MainWindow) -> None:
    window.show_library()
    stops = _tab_stops(window.library.search)
    cards = window.library.cards()
    assert cards
    for card in cards:
        inside = [w for w in stops if card.isAncestorOf(w)]
        assert inside == [card.open_button]  # no invisible stops on its tags
    assert not any(isinstance(w, QLabel) and w.property("chip") for w in stops)
    card = next(c for c in cards if isinstance(c, ScenarioCard))
    assert "Confrontation" in card.open_button.accessibleDescription()  # tags read out
    card.open_button.setFocus()
    qtbot.keyClick(card.open_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.briefing


def test_a_chip_that_is_a_tab_stop_shows_the_focus(qtbot: Any, window: MainWindow) -> None:
    _finish(window, [3, 2])
    chips = [w for w in _tab_stops(window.report_page.scroll)
             if isinstance(w, QLabel) and w.property("chip")]
    assert chips
    chip = chips[0]
    chip.setFocus()
    qtbot.waitUntil(chip.hasFocus)
    focused = chip.grab().toImage()
    window.report_page.scroll.setFocus()
    qtbot.waitUntil(lambda: not chip.hasFocus())
    plain = chip.grab().toImage()
    assert focused != plain  # the focus ring is drawn


def test_questions_default_to_the_safe_answer(qtbot: Any) -> None:
    box, yes = dialogs.question_box(None, "Delete this session?", "It cannot be undone.",
                                    "Delete", "Keep it")
    qtbot.addWidget(box)
    assert box.defaultButton().text() == "Keep it"
    assert box.escapeButton() is box.defaultButton()
    assert box.buttonRole(yes) == QMessageBox.ButtonRole.DestructiveRole


# -- the save dialog -----------------------------------------------------------------------
def test_the_save_dialog_is_qts_own_and_opens_in_the_last_folder(
        qtbot: Any, window: MainWindow, tmp_path: Path, dialog_log: Any) -> None:
    dialog = dialogs.save_dialog(window, "Save the report", str(tmp_path / "r.pdf"),
                                 "PDF document (*.pdf)")
    qtbot.addWidget(dialog)
    assert dialog.testOption(dialog.Option.DontUseNativeDialog)
    _finish(window, [1, 1])
    window.export_report("json")  # cancelled (no path chosen): nothing remembered
    assert Path(dialog_log.named("save_file")[-1][2]).parent == Path.home()
    folder = tmp_path / "reports"
    folder.mkdir()
    dialog_log.save_path = str(folder / "mine.json")
    assert window.export_report("json") == folder / "mine.json"
    window.export_report("csv")
    assert Path(dialog_log.named("save_file")[-1][2]).parent == folder
    assert window.settings.prefs.export_folder == str(folder)
    # The folder is gone next time: home again, not a dialog in a missing folder.
    shutil.rmtree(folder)
    window.export_report("json")
    assert Path(dialog_log.named("save_file")[-1][2]).parent == Path.home()


# -- theme and text size -------------------------------------------------------------------
def test_screens_dropped_by_a_new_look_come_back_whole(qtbot: Any, window: MainWindow) -> None:
    _finish(window, [1, 1])
    window.show_history()
    window.show_settings()
    window.settings.update(theme="dark", text_size="large")
    assert window.library.cards() == []  # not restyled while hidden...
    window.show_library()
    assert window.library.cards()  # ...made again, in the new look, when shown
    window.show_history()
    assert window.history_page.table.rowCount() == 1
    window.open_record(window.history_page.records[0].id)
    assert window.report_page.chart_view is not None
    window.settings.update(text_size="normal")  # with the report on screen
    assert window.stack.currentWidget() is window.report_page
    assert window.report_page.scroll.widget() is not None
    assert window.report_page.heading.text().endswith("A short test conversation")


# -- one name for one measure, plain verdicts ------------------------------------------------
def test_a_measure_is_named_with_what_it_measures() -> None:
    assert words.measure_text("arousal", "Heat", "How wound up Gary is; at 9 or more he "
                              "walks out.") == "Heat (how wound up Gary is: arousal)"
    assert words.measure_text("trust", "Trust", "How far Tia feels safe.") == \
        "Trust (how far Tia feels safe)"


def test_the_report_and_exports_say_what_each_measure_is(
        window: MainWindow, tmp_path: Path, dialog_log: Any) -> None:
    report = _finish(window, [1, 1])
    assert set(report["scenario"]["measures"]) == {"trust", "arousal"}
    texts = [w.text() for w in window.report_page.findChildren(QLabel)]
    assert any(t.startswith("Trust (how far the client believes you are on their side)")
               and "Arousal (how stirred up the client is)" in t for t in texts)
    dialog_log.save_path = str(tmp_path / "out.json")
    window.export_report("json")
    saved = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert saved["scenario"]["measures"]["arousal"]["label"] == "Arousal"
    from simulator.ui.report_html import report_html
    page = report_html(report, builtin_frameworks(), with_chart=True)
    assert "Arousal (how stirred up the client is)" in page


def test_verdicts_are_explained_in_plain_words(window: MainWindow) -> None:
    frameworks = builtin_frameworks()
    assert summary.plain_verdict({"verdict": "neutral"}, frameworks["mi"]).startswith(
        "neutral in MI: neither")
    pace = summary.plain_verdict({"verdict": "1 element shown", "labels": ["curiosity"]},
                                 frameworks["pace"])
    assert pace == "1 of the 4 PACE attitudes"
    _finish(window, [3, 2])  # a closed question (neutral) first
    chips = [w.text() for w in window.report_page.findChildren(QLabel) if w.property("chip")]
    assert not any(t.endswith("(neutral)") or "element shown" in t for t in chips)
    assert any("neutral in MI" in t for t in chips)


# -- poor responses in two shades ------------------------------------------------------------
def test_unhelpful_and_harmful_feedback_do_not_share_a_shade(qtbot: Any,
                                                            window: MainWindow) -> None:
    window.start_conversation("mini", "practice")
    page = window.conversation
    colours = {}
    for number in (3, 2):  # unhelpful, then harmful
        page.options.buttons[number - 1].click()
        qtbot.waitUntil(page.feedback.isVisible)
        image = page.feedback.grab().toImage()
        colours[page.feedback.property("grade")] = image.pixelColor(QPoint(
            image.width() // 2, 6)).name()
        window.controller.undo()
    assert set(colours) == {"unhelpful", "harmful"}
    assert colours["unhelpful"] != colours["harmful"]
    assert words.GRADE_TONES["unhelpful"] != words.GRADE_TONES["harmful"]


# -- the feedback keeps the client's words in view -------------------------------------------
def test_feedback_at_1366x768_keeps_the_clients_words_on_screen(
        qtbot: Any, make_window: Any, scenario_folder: Path) -> None:
    scenarios = Path(__file__).resolve().parents[2] / "scenarios"
    (scenario_folder / "dui-group.yaml").write_text(
        (scenarios / "dui-group.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    window = make_window(size=(1366, 768))
    window.start_conversation("dui-group", "practice")
    page = window.conversation
    qtbot.wait(50)
    first_client = page.bubbles[0]
    page.options.buttons[0].click()
    qtbot.waitUntil(page.feedback.isVisible)
    qtbot.wait(50)

    def on_screen(widget: QWidget) -> bool:
        viewport = page.scroll.viewport()
        top = widget.mapTo(viewport, QPoint(0, 0)).y()
        return top >= 0 and top + widget.height() <= viewport.height()

    qtbot.waitUntil(lambda: on_screen(first_client) and on_screen(page.feedback.continue_button))


# -- reading aloud ---------------------------------------------------------------------------
def test_reading_aloud_is_off_by_default_and_builds_nothing(window: MainWindow) -> None:
    assert window.settings.prefs.read_aloud is False
    window.start_conversation("mini", "practice")
    assert window._speech is None


# Qt Multimedia, loaded with the speech engine, looks for PipeWire; this machine has none.
@pytest.mark.qt_log_ignore("Couldn't (load|resolve) pipewire")
def test_reading_aloud_speaks_the_clients_lines(qtbot: Any, window: MainWindow) -> None:
    reader = window._speech = Reader(engines=["mock"], parent=window)
    window.show_settings()
    window.settings_page.read_aloud.setChecked(True)
    assert window.settings.prefs.read_aloud
    assert window.settings_page.voice_note.text().startswith("The client's words will be read")
    window.start_conversation("mini", "practice")
    assert reader.last_text == "This is a waste of time."
    window.controller.choose(1)
    window.controller.proceed()
    assert reader.last_text == "Whatever. So what happens now?"
    # Turned off mid-sentence: silent at once.
    from PySide6.QtTextToSpeech import QTextToSpeech
    reader.say("A long line that is still being read when reading aloud is turned off.")
    qtbot.waitUntil(lambda: reader.engine.state() == QTextToSpeech.State.Speaking)
    window.show_settings()
    window.settings_page.read_aloud.setChecked(False)
    assert reader.engine.state() != QTextToSpeech.State.Speaking


def test_no_speech_engine_gives_a_clear_note(qtbot: Any, window: MainWindow) -> None:
    window._speech = Reader(engines=[], parent=window)
    window.show_settings()
    window.settings_page.read_aloud.setChecked(True)
    note = window.settings_page.voice_note
    assert note.isVisible() and note.text() == NO_ENGINE
    assert "cannot be read aloud" in note.text()
    window.start_conversation("mini", "practice")  # and the conversation goes on, silent
    assert window.conversation.options.buttons
    assert window._speech.last_text == ""


def test_a_new_look_keeps_settings_whose_parts_others_hold(qtbot: Any,
                                                          window: MainWindow) -> None:
    # The learning-records card is added to Settings from outside the window, and its
    # owner keeps a reference: Settings is never dropped by a restyle.
    window.show_settings()
    settings_page = window.settings_page
    window.show_library()
    window.settings.update(text_size="large")
    assert window._built("settings") is settings_page
    settings_page.text_size.currentIndex()  # still alive: no RuntimeError
