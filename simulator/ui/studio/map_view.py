"""The scenario map: a zoomable, draggable drawing of the scenario's layout.

The layout itself comes from the core (`layout()`); this view only turns it
into items, keeps the writer's place when the file reloads, and shows focus:
selecting a box fades the arrows that do not touch it, which is what makes a
100-node map readable, and a learner's route is drawn as a purple outline.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from ...core.layout import layout
from ...core.model import Scenario
from . import palette
from .map_items import BOX_H, BOX_W, GAP_X, GAP_Y, EdgeItem, NodeItem, build_items

ZOOM_STEP = 1.25
MIN_SCALE = 0.05
MAX_SCALE = 4.0
READABLE = 0.85  # below this a first look shows the start readably, not the whole map


class MapView(QGraphicsView):
    """Draws one scenario; emits `node_selected(id)` ("" when nothing is selected)."""

    node_selected = Signal(str)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QBrush(QColor(palette.MAP_BACKGROUND)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Scenario map")
        self.setAccessibleDescription(
            "Each box is a moment in the conversation; arrows are the responses. "
            "Hold Ctrl and scroll to zoom, drag to move around.")
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self._start = ""
        self.fade_off_route = False  # True: arrows off the route are faint unless in focus
        self.learner = False  # True: the learner's words on boxes and tooltips, never ids
        self.scene().selectionChanged.connect(self._on_scene_selection_changed)

    # -- content ---------------------------------------------------------------------------
    def show_scenario(self, scenario: Scenario, keep_view: bool = False) -> None:
        """Draw `scenario`; with `keep_view` the zoom, place and selection survive."""
        centre = self.mapToScene(self.viewport().rect().center())
        scale = self.scale_factor()
        selected = self.selected_node()
        placed = layout(scenario, dx=BOX_W + GAP_X, dy=BOX_H + GAP_Y)
        scene = self.scene()
        scene.blockSignals(True)
        scene.clear()
        self.nodes, self.edges = build_items(scenario, placed, self.learner)
        for item in [*self.edges, *self.nodes.values()]:
            scene.addItem(item)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-80, -80, 80, 80))
        scene.blockSignals(False)
        self._start = scenario.start
        if keep_view:
            self.set_scale(scale)
            self.centerOn(centre)
        else:
            self.fit(first_look=True)
        if selected in self.nodes:
            self.nodes[selected].setSelected(True)
        else:
            self._on_scene_selection_changed()

    def clear_map(self) -> None:
        self.scene().clear()
        self.nodes, self.edges = {}, []
        self.node_selected.emit("")

    def map_rect(self) -> QRectF:
        return self.scene().sceneRect()

    # -- selection and routes --------------------------------------------------------------
    def selected_node(self) -> str:
        chosen = [i for i in self.scene().selectedItems() if isinstance(i, NodeItem)]
        return chosen[0].node_id if chosen else ""

    def select_node(self, node_id: str, centre: bool = True) -> None:
        item = self.nodes.get(node_id)
        if item is None:
            return
        self.scene().clearSelection()
        item.setSelected(True)
        if centre:
            self.ensureVisible(item, 80, 80)

    def show_route(self, steps: list[tuple[str, str]],
                   options: list[int] | None = None) -> None:
        """Outline a learner's route: each step is (from id, to id).

        With `options` (the response number of each step) only the arrows of the
        responses chosen are marked; without, every arrow between the two boxes.
        """
        chosen = {(a, b, n) for (a, b), n in zip(steps, options, strict=True)} if options \
            else None
        pairs = {(a, b) for a, b in steps}
        visited = {nid for step in steps for nid in step}
        for nid, item in self.nodes.items():
            item.set_on_route(nid in visited)
        for edge in self.edges:
            source, target, number = edge.edge.source, edge.edge.target, edge.edge.option
            edge.set_on_route((source, target, number) in chosen if chosen is not None
                              else (source, target) in pairs)
        self._apply_focus()

    def route_nodes(self) -> set[str]:
        return {nid for nid, item in self.nodes.items() if item.on_route}

    def route_edges(self) -> list[EdgeItem]:
        return [edge for edge in self.edges if edge.on_route]

    def _on_scene_selection_changed(self) -> None:
        self._apply_focus()
        self.node_selected.emit(self.selected_node())

    def _apply_focus(self) -> None:
        chosen = self.selected_node()
        fade = self.fade_off_route and any(edge.on_route for edge in self.edges)
        for edge in self.edges:
            touches = bool(chosen) and chosen in (edge.edge.source, edge.edge.target)
            edge.set_focus((bool(chosen) or fade) and not touches and not edge.on_route,
                           touches)

    # -- zoom -----------------------------------------------------------------------------
    def scale_factor(self) -> float:
        return self.transform().m11()

    def set_scale(self, scale: float) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        self.resetTransform()
        self.scale(scale, scale)
        self.zoom_changed.emit(scale)

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def fit(self, first_look: bool = False) -> None:
        """Show the whole map; on a first look at a long map, show its start readably."""
        rect = self.map_rect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if first_look and self.scale_factor() < READABLE:
            height = self.viewport().height() / max(rect.height(), 1.0)
            self.set_scale(max(READABLE, min(1.0, height)))
            start = self.nodes.get(self._start)
            left = rect.left() + self.viewport().width() / (2 * self.scale_factor())
            self.centerOn(QPointF(left, start.pos().y() if start else rect.center().y()))
        self.zoom_changed.emit(self.scale_factor())

    def route_rect(self) -> QRectF:
        """The part of the map the route covers (empty when there is no route)."""
        rect = QRectF()
        for item in self.nodes.values():
            if item.on_route:
                rect = rect.united(item.sceneBoundingRect())
        for edge in self.route_edges():
            rect = rect.united(edge.sceneBoundingRect())
        return rect

    def fit_route(self, first: str = "", readable: bool = True,
                  smallest: float = READABLE) -> None:
        """Show the whole route, never larger than life. With `readable`, a route that
        would need a scale below `smallest` shows its beginning (the box `first`)
        readably instead, with the route going on to the right."""
        rect = self.route_rect()
        if rect.isEmpty():
            self.fit(first_look=True)
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        start = self.nodes.get(first)
        if self.scale_factor() > 1.0:
            self.set_scale(1.0)
            self.centerOn(rect.center())
        elif readable and self.scale_factor() < smallest:
            self.set_scale(READABLE)
            left = (start.sceneBoundingRect().left() - 40 if start else rect.left()) \
                + self.viewport().width() / (2 * READABLE)
            fits = rect.height() * READABLE <= self.viewport().height()
            y = rect.center().y() if fits or start is None \
                else start.sceneBoundingRect().center().y()
            self.centerOn(QPointF(left, y))
        self.zoom_changed.emit(self.scale_factor())

    def _zoom_by(self, factor: float, under_mouse: bool = False) -> None:
        target = min(MAX_SCALE, max(MIN_SCALE, self.scale_factor() * factor))
        anchor = (QGraphicsView.ViewportAnchor.AnchorUnderMouse if under_mouse
                  else QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setTransformationAnchor(anchor)
        self.scale(target / self.scale_factor(), target / self.scale_factor())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_changed.emit(self.scale_factor())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self._zoom_by(ZOOM_STEP ** steps, under_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)
