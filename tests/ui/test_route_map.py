"""After a session, the learner's path through the scenario, drawn on its map."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from simulator.ui.catalogue import Catalogue
from simulator.ui.main_window import MainWindow
from simulator.ui.report_view import route_of
from tests.ui.conftest import finish as _finish

ROOT = Path(__file__).resolve().parents[2]

# The map window is raised in front of the app; the offscreen platform the tests
# run on cannot raise windows and says so. That is about the platform, not Rapport.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise\\(\\)")


def _route_maps(window: MainWindow) -> list[QWidget]:
    from simulator.ui.route_map import RouteMapWindow
    return window.findChildren(RouteMapWindow)


def _open_map(qtbot: Any, window: MainWindow) -> Any:
    button = window.report_page.route_button
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return window.route_map


def _drawn(route_map: Any) -> tuple[set[str], set[tuple[str, str, int]]]:
    view = route_map.map
    return view.route_nodes(), {(e.edge.source, e.edge.target, e.edge.option)
                                for e in view.route_edges()}


def test_the_button_opens_a_map_with_exactly_the_path_taken(qtbot: Any,
                                                             window: MainWindow) -> None:
    _finish(window, [3, 2])  # "drinking?" then "take this seriously": ends "Still here"
    button = window.report_page.route_button
    assert button.text() == "See your route on the map"
    assert button.accessibleName() == "See your route on the map"
    assert "path you took" in button.toolTip()
    route_map = _open_map(qtbot, window)
    qtbot.waitUntil(route_map.isVisible)
    assert route_map.isVisible() and route_map.isWindow()
    assert route_map.parent() is window  # goes with the app, never a second app
    assert not route_map.isModal()
    assert "A short test conversation" in route_map.windowTitle()
    assert route_map.heading.text() == "The path you took through A short test conversation"
    assert "The path you took" in route_map.legend.text()
    nodes, arrows = _drawn(route_map)
    assert nodes == {"opening", "middle", "partial"}
    assert arrows == {("opening", "middle", 3), ("middle", "partial", 2)}
    assert not route_map.notice.isVisible()  # the scenario has not changed
    view = route_map.map
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    for node in nodes:  # the whole short route is on screen at the opening zoom
        assert seen.contains(view.nodes[node].sceneBoundingRect()), node
    assert 0.5 <= view.scale_factor() <= 1.0  # and at a readable size
    # the main window is still usable: the map did not take over
    window.report_page.again_button.click()
    assert window.stack.currentWidget() is window.briefing


def test_a_short_path_to_a_far_ending_opens_with_the_ending_in_view(
        qtbot: Any, make_window: Any) -> None:
    """Endings sit in the map's last column, so two responses to a walk-out can span the
    map; where the path ended is what the learner most needs to see."""
    from simulator.core.routes import strategy, walk
    from simulator.core.session import Session

    window = make_window(folders=[ROOT / "scenarios"])
    scenario = window.catalogue.scenario("dui-group")
    with Session(scenario) as session:
        walk(session, picker=strategy("worst"))
        choices = [turn.option_number for turn in session.turns]
        ending = session.position
    window.start_conversation("dui-group", "practice")
    for choice in choices:
        window.controller.choose(choice)
        window.controller.proceed()
    window.conversation.ending.report_button.click()
    route_map = _open_map(qtbot, window)
    qtbot.waitUntil(route_map.isVisible)
    view = route_map.map
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(view.nodes[ending].sceneBoundingRect())
    assert seen.contains(view.nodes[scenario.start].sceneBoundingRect())


def test_only_the_branch_taken_is_marked_not_every_arrow_of_that_response(
        qtbot: Any, window: MainWindow) -> None:
    report = _finish(window, [2])  # harmful: arousal 10, so he walks out at once
    assert route_of(report) == [("opening", "walkout", 2)]
    nodes, arrows = _drawn(_open_map(qtbot, window))
    assert nodes == {"opening", "walkout"}
    assert arrows == {("opening", "walkout", 2)}  # not its other branch to "middle"


def test_clicking_again_reuses_the_one_map_window(qtbot: Any, window: MainWindow) -> None:
    _finish(window, [1, 1])
    first = _open_map(qtbot, window)
    first.close()
    assert not first.isVisible()
    _finish(window, [3, 2])  # another session, another report
    second = _open_map(qtbot, window)
    qtbot.mouseClick(window.report_page.route_button, Qt.MouseButton.LeftButton)
    assert second is first and second.isVisible()
    assert len(_route_maps(window)) == 1
    assert _drawn(second)[1] == {("opening", "middle", 3), ("middle", "partial", 2)}


def test_escape_and_the_close_button_close_the_map(qtbot: Any, window: MainWindow) -> None:
    _finish(window, [1, 1])
    route_map = _open_map(qtbot, window)
    qtbot.waitUntil(route_map.isVisible)
    route_map.activateWindow()
    route_map.map.setFocus()
    qtbot.keyClick(route_map.map, Qt.Key.Key_Escape)
    assert not route_map.isVisible()
    _open_map(qtbot, window)
    assert route_map.isVisible()
    qtbot.mouseClick(route_map.close_button, Qt.MouseButton.LeftButton)
    assert not route_map.isVisible()
    assert window.isVisible()  # closing the map leaves the app open


def test_zoom_buttons_change_the_view(qtbot: Any, window: MainWindow) -> None:
    _finish(window, [1, 1])
    route_map = _open_map(qtbot, window)
    view = route_map.map
    before = view.scale_factor()
    qtbot.mouseClick(route_map.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.scale_factor() > before
    qtbot.mouseClick(route_map.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(route_map.zoom_out_button, Qt.MouseButton.LeftButton)
    assert view.scale_factor() < before
    qtbot.mouseClick(route_map.start_button, Qt.MouseButton.LeftButton)
    assert view.scale_factor() == before


def test_a_report_whose_scenario_is_gone_explains_and_opens_no_map(
        qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    _finish(window, [1, 1])
    window.catalogue = Catalogue()  # the file was deleted since the session
    qtbot.mouseClick(window.report_page.route_button, Qt.MouseButton.LeftButton)
    errors = dialog_log.named("show_error")
    assert len(errors) == 1
    assert "A short test conversation" in errors[0][2]
    assert "not in the library any more" in errors[0][2]
    assert window.route_map is None and _route_maps(window) == []


def test_an_edited_scenario_is_mentioned_on_the_map(qtbot: Any, window: MainWindow) -> None:
    _finish(window, [1, 1])
    window.report["scenario"]["digest"] = "an older version"  # played before an edit
    route_map = _open_map(qtbot, window)
    assert route_map.notice.isVisible()
    assert "changed since you played it" in route_map.notice.text()


def test_starting_the_app_does_not_load_the_studio() -> None:
    code = ("import sys; import simulator.ui.app, simulator.ui.main_window; "
            "print(sorted(m for m in sys.modules if m.startswith('simulator.ui.studio') "
            "or m == 'simulator.ui.route_map'))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
