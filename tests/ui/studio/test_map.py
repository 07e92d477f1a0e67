"""The scenario map: one item per node and per arrow, zoom, focus and a learner's route."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from benchmarks.generate import generate_scenario
from simulator.core.model import Scenario
from simulator.ui.studio.map_items import EdgeItem, NodeItem
from simulator.ui.studio.map_view import ZOOM_STEP, MapView

from .conftest import SCENARIOS


def _largest_bundled(load) -> Scenario | None:  # type: ignore[no-untyped-def]
    files = [p for p in sorted(SCENARIOS.glob("*.yaml")) if not p.name.startswith("_")]
    loaded = [load(p) for p in files]
    return max(loaded, key=lambda s: len(s.nodes), default=None)


_LOADED: dict[str, Scenario] = {}  # loading is the slow part; scenarios are immutable


@pytest.fixture(params=["largest bundled", "generated 150"])
def scenario(request, quick_load, tmp_path: Path) -> Scenario:  # type: ignore[no-untyped-def]
    kind = request.param
    if kind not in _LOADED:
        found = _largest_bundled(quick_load) if kind == "largest bundled" else None
        if found is None:  # no bundled scenarios yet, or the generated one asked for
            path = tmp_path / "generated.yaml"
            path.write_text(generate_scenario(150), encoding="utf-8")
            found = quick_load(path)
        _LOADED[kind] = found
    return _LOADED[kind]


def _branches(scenario: Scenario) -> list[tuple[str, str, int]]:
    return [(node.id, branch.target, option.number) for node in scenario.nodes.values()
            for option in node.options for branch in option.branches]


@pytest.fixture
def view(qtbot) -> MapView:  # type: ignore[no-untyped-def]
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    return view


def test_one_item_per_node_and_per_arrow(view: MapView, scenario: Scenario) -> None:
    view.show_scenario(scenario)
    items = view.scene().items()
    boxes = [i for i in items if isinstance(i, NodeItem)]
    arrows = [i for i in items if isinstance(i, EdgeItem)]
    assert len(boxes) == len(scenario.nodes) + len(scenario.endings)
    assert {b.node_id for b in boxes} == {*scenario.nodes, *scenario.endings}
    assert len(arrows) == len(_branches(scenario))
    assert sorted((a.edge.source, a.edge.target, a.edge.option) for a in arrows) == sorted(
        _branches(scenario))
    assert len(items) == len(boxes) + len(arrows)  # no stray child items
    endings = [b for b in boxes if b.is_ending]
    assert {b.outcome for b in endings} == {e.outcome for e in scenario.endings.values()}
    dashed = [a for a in arrows if a.edge.condition]
    assert all(a.edge.condition in a.toolTip() for a in dashed)


def test_zoom_changes_the_view_scale(view: MapView, scenario: Scenario) -> None:
    view.show_scenario(scenario)
    before = view.scale_factor()
    view.zoom_in()
    assert view.scale_factor() == pytest.approx(before * ZOOM_STEP)
    view.zoom_out()
    view.zoom_out()
    assert view.scale_factor() == pytest.approx(before / ZOOM_STEP)
    view.fit()
    whole = view.mapFromScene(view.map_rect()).boundingRect()
    assert whole.width() <= view.viewport().width() + 2
    assert whole.height() <= view.viewport().height() + 2
    fitted = view.scale_factor()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, view.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.scale_factor() == pytest.approx(fitted * ZOOM_STEP ** 2)


def test_route_marks_exactly_the_boxes_and_arrows_played(view: MapView,
                                                         scenario: Scenario) -> None:
    view.show_scenario(scenario)
    first = scenario.nodes[scenario.start]
    option = first.options[0]
    middle = option.branches[0].target
    steps = [(scenario.start, middle)]
    numbers = [option.number]
    if middle in scenario.nodes:
        second = scenario.nodes[middle].options[-1]
        steps.append((middle, second.branches[0].target))
        numbers.append(second.number)
    view.show_route(steps, numbers)
    assert view.route_nodes() == {n for step in steps for n in step}
    marked = {(e.edge.source, e.edge.target, e.edge.option) for e in view.route_edges()}
    assert marked == {(a, b, n) for (a, b), n in zip(steps, numbers, strict=True)}
    view.show_route([])
    assert view.route_nodes() == set()
    assert view.route_edges() == []


def test_selecting_a_box_fades_the_arrows_that_do_not_touch_it(view: MapView,
                                                               scenario: Scenario,
                                                               qtbot) -> None:
    view.show_scenario(scenario)
    with qtbot.waitSignal(view.node_selected) as signal:
        view.select_node(scenario.start)
    assert signal.args == [scenario.start]
    for arrow in view.edges:
        touches = scenario.start in (arrow.edge.source, arrow.edge.target)
        assert arrow.dimmed is not touches
    view.scene().clearSelection()
    assert not any(arrow.dimmed for arrow in view.edges)


def test_clicking_a_box_selects_it(view: MapView, scenario: Scenario, qtbot) -> None:
    view.show_scenario(scenario)
    item = view.nodes[scenario.start]
    view.centerOn(item)
    where = view.mapFromScene(item.sceneBoundingRect().center())
    with qtbot.waitSignal(view.node_selected) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert signal.args == [scenario.start]
