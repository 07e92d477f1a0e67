"""The boxes and arrows of the scenario map, and how they are placed.

Text is wrapped once when an item is made and painted directly (no child text
items), so a 500-node map stays one item per node and per arrow and draws
quickly. Sizes are in scene pixels and fonts use pixel sizes, so the map
looks the same on screen, in the SVG and in the PNG.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...core.layout import Edge, Layout
from ...core.model import Scenario
from ..plain import plain_tip
from . import palette

BOX_W = 210.0
BOX_H = 88.0
GAP_X = 120.0  # room between columns for the numbered badges and arrowheads
GAP_Y = 44.0
BADGE_R = 8.0
ARROW = 9.0


def font(pixels: int, bold: bool = False) -> QFont:
    result = QFont()
    result.setPixelSize(pixels)
    result.setBold(bold)
    return result


def wrap(text: str, fnt: QFont, width: float, max_lines: int) -> list[str]:
    """Word-wrap `text` to at most `max_lines`, ending with an ellipsis if cut."""
    metrics = QFontMetricsF(fnt)
    lines: list[str] = []
    current = ""
    words = text.split()
    for index, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            rest = " ".join([current, *words[index + 1:]])
            lines[-1] = metrics.elidedText(f"{lines[-1]} {rest}", Qt.TextElideMode.ElideRight,
                                           width)
            return lines
    if current:
        lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines


class NodeItem(QGraphicsItem):
    """One node or ending: a rounded box with its id and what is said (or the title)."""

    def __init__(self, node_id: str, texts: list[tuple[str, QFont, str]], ending: str = "",
                 is_start: bool = False, tooltip: str = "") -> None:
        super().__init__()
        self.node_id = node_id
        self.outcome = ending  # "" for an ordinary node
        self.is_start = is_start
        self.on_route = False
        self._texts = texts  # (text, font, colour) lines, top to bottom
        self._rect = QRectF(0, 0, BOX_W, BOX_H)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(plain_tip(tooltip))  # holds the writer's text: never markup
        self.setZValue(2)

    @property
    def is_ending(self) -> bool:
        return bool(self.outcome)

    def set_on_route(self, on: bool) -> None:
        if on != self.on_route:
            self.on_route = on
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-6, -22 if self.is_start else -6, 6, 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, 8, 8)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        radius = 20.0 if self.is_ending else 8.0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.on_route:
            painter.setPen(QPen(QColor(palette.ROUTE), 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rect.adjusted(-3, -3, 3, 3), radius + 3, radius + 3)
        if self.is_ending:
            border, fill = palette.OUTCOME_COLOURS.get(self.outcome, ("#616161", "#ececec"))
            pen = QPen(QColor(border), 2.5)
        else:
            fill = palette.NODE_FILL
            pen = QPen(QColor(palette.START_BORDER if self.is_start else palette.NODE_BORDER),
                       2.2 if self.is_start else 1.2)
        if self.isSelected():
            pen = QPen(QColor(palette.SELECTED), 3.5)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(fill)))
        painter.drawRoundedRect(self._rect, radius, radius)
        if self.is_start:
            self._paint_start_tag(painter)
        if detail < 0.2:
            return
        x = 14.0 if self.is_ending else 10.0
        y = 8.0
        for text, fnt, colour in self._texts:
            metrics = QFontMetricsF(fnt)
            painter.setFont(fnt)
            painter.setPen(QColor(colour))
            painter.drawText(QPointF(x, y + metrics.ascent()), text)
            y += metrics.height() + (3 if fnt.bold() and fnt.pixelSize() >= 13 else 0)
            if detail < 0.45:
                break  # zoomed far out: the id (or title) alone

    def _paint_start_tag(self, painter: QPainter) -> None:
        tag = QRectF(0, -20, 50, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(palette.START_BORDER))
        painter.drawRoundedRect(tag, 4, 4)
        painter.setFont(font(10, bold=True))
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, "START")


class EdgeItem(QGraphicsItem):
    """One branch of one option: an arrow coloured by grade, dashed under a condition."""

    def __init__(self, edge: Edge, path: QPainterPath, badge_at: QPointF, tooltip: str,
                 long: bool = False) -> None:
        super().__init__()
        self.edge = edge
        self.long = long  # jumps far or back: drawn fainter so the near structure reads first
        self.focused = False
        self.on_route = False
        self.dimmed = False
        self._path = path
        self._badge = badge_at
        self._colour = QColor(palette.GRADE_COLOURS.get(edge.grade, "#555555"))
        last = path.elementCount() - 1  # a cubic ends in its last control point then its end
        end = QPointF(path.elementAt(last).x, path.elementAt(last).y)
        toward = QPointF(path.elementAt(last - 1).x, path.elementAt(last - 1).y)
        self._head = _arrowhead(toward, end)  # the end tangent, without measuring the curve
        badge = QRectF(badge_at.x() - BADGE_R, badge_at.y() - BADGE_R, 2 * BADGE_R, 2 * BADGE_R)
        self._bounds = path.controlPointRect().united(badge).adjusted(-8, -8, 8, 8)
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        self._shape = stroker.createStroke(path)
        self._shape.addEllipse(badge)
        self.setToolTip(plain_tip(tooltip))
        self.setZValue(1)

    def set_on_route(self, on: bool) -> None:
        if on != self.on_route:
            self.on_route = on
            self.setZValue(1.5 if on or self.focused else 1)
            self.update()

    def set_focus(self, dimmed: bool, focused: bool) -> None:
        """Dimmed: another node is selected; focused: this arrow touches the selected node."""
        if (dimmed, focused) != (self.dimmed, self.focused):
            self.dimmed, self.focused = dimmed, focused
            self.setZValue(1.5 if focused or self.on_route else 1)
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail > 0.15)
        colour = QColor(self._colour)
        if self.dimmed:
            colour.setAlpha(45)
        elif self.long and not (self.focused or self.on_route):
            colour.setAlpha(110)
        if self.on_route:
            halo = QColor(palette.ROUTE)
            halo.setAlpha(170)
            painter.setPen(QPen(halo, 11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(self._path)
        style = Qt.PenStyle.DashLine if self.edge.condition else Qt.PenStyle.SolidLine
        pen = QPen(colour, 2.6 if self.on_route else 1.7, style)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._head)
        if detail < 0.15:
            return  # zoomed far out: a badge would be a dot, its number a smudge
        painter.drawEllipse(self._badge, BADGE_R, BADGE_R)
        painter.setPen(QColor(255, 255, 255, 90 if self.dimmed else 255))
        painter.setFont(font(11, bold=True))
        box = QRectF(self._badge.x() - BADGE_R, self._badge.y() - BADGE_R, 2 * BADGE_R,
                     2 * BADGE_R)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(self.edge.option))


def _arrowhead(back: QPointF, tip: QPointF) -> QPolygonF:
    dx, dy = tip.x() - back.x(), tip.y() - back.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    base = QPointF(tip.x() - ux * ARROW, tip.y() - uy * ARROW)
    side = QPointF(-uy * ARROW * 0.5, ux * ARROW * 0.5)
    return QPolygonF([tip, base + side, base - side])


# -- building the items -----------------------------------------------------------------
def _node_texts(scenario: Scenario, node_id: str, learner: bool = False
                ) -> tuple[list[tuple[str, QFont, str]], str]:
    """A box's lines and tooltip. Writers see ids (they name nodes in the file);
    learners (`learner`) see only what was said, who said it, and titles."""
    width = BOX_W - 20
    ending = scenario.endings.get(node_id)
    if ending is not None:
        border, _ = palette.OUTCOME_COLOURS.get(ending.outcome, ("#616161", ""))
        word = palette.OUTCOME_WORDS.get(ending.outcome, ending.outcome)
        texts = [(f"ENDING · {word.upper()}", font(10, bold=True), border)]
        texts += [(line, font(13, bold=True), palette.TEXT)
                  for line in wrap(ending.title, font(13, bold=True), width - 8,
                                   3 if learner else 2)]
        if learner:
            return texts, f"Ending: {ending.title} ({word})"
        texts.append((node_id, font(11), palette.MUTED_TEXT))
        return texts, f"Ending '{node_id}': {ending.title} ({word})"
    node = scenario.nodes[node_id]
    said, who = "", scenario.client.name
    if node.lines:
        first = node.lines[0]
        who = scenario.speaker_name(first.speaker)
        said = first.text if learner or first.speaker == "client" else f"{who}: {first.text}"
    heading = QFontMetricsF(font(13, bold=True)).elidedText(
        who if learner else node_id, Qt.TextElideMode.ElideMiddle, width)
    texts = [(heading, font(13, bold=True), palette.TEXT)]
    texts += [(line, font(12), palette.MUTED_TEXT) for line in wrap(said, font(12), width, 3)]
    if learner:
        return texts, "\n".join(f"{scenario.speaker_name(line.speaker)}: “{line.text}”"
                                for line in node.lines)
    return texts, f"{node_id}: {said}"


def _learner_edge_tooltip(scenario: Scenario, edge: Edge) -> str:
    from ..words import GRADE_SHORT

    option = next((o for o in scenario.nodes[edge.source].options
                   if o.number == edge.option), None)
    text = f"Response {edge.option} ({GRADE_SHORT.get(edge.grade, edge.grade)})"
    if option is not None:
        text += f": “{option.text}”"
    target = scenario.endings.get(edge.target)
    if target is not None:
        text += f"\nLeads to the ending “{target.title}”"
    if edge.condition:
        text += "\nOnly sometimes, depending on how the client feels"
    return text


def _edge_tooltip(scenario: Scenario, edge: Edge) -> str:
    target = scenario.endings.get(edge.target)
    where = f"ending '{edge.target}' ({target.title})" if target else f"'{edge.target}'"
    text = f"Response {edge.option} ({edge.grade}) leads to {where}"
    return text + (f"\nonly if {edge.condition}" if edge.condition else "")


def _ports(layout: Layout, scenario: Scenario) -> tuple[dict[tuple[str, int], QPointF],
                                                     dict[int, QPointF]]:
    """Where each arrow leaves (one port per option) and arrives (spread along the left)."""
    out: dict[tuple[str, int], QPointF] = {}
    for nid, node in scenario.nodes.items():
        placed = layout.nodes[nid]
        count = len(node.options)
        for index, opt in enumerate(node.options):
            out[nid, opt.number] = QPointF(placed.x + BOX_W,
                                           placed.y + BOX_H * (index + 1) / (count + 1))
    incoming: dict[str, list[tuple[int, Edge]]] = defaultdict(list)
    for index, edge in enumerate(layout.edges):
        if edge.target in layout.nodes and edge.target != edge.source:
            incoming[edge.target].append((index, edge))
    into: dict[int, QPointF] = {}  # keyed by the edge's index in layout.edges
    for target, edges in incoming.items():
        placed = layout.nodes[target]
        edges.sort(key=lambda pair: (layout.nodes[pair[1].source].y, pair[1].option))
        step = BOX_H * 0.8 / (len(edges) + 1)
        for index, (key, _edge) in enumerate(edges):
            into[key] = QPointF(placed.x, placed.y + BOX_H * 0.1 + step * (index + 1))
    return out, into


def _path(start: QPointF, end: QPointF, source: QRectF, target: QRectF,
          columns: int) -> QPainterPath:
    """The arrow's curve; `columns` is how many columns it moves right (<= 0: back)."""
    path = QPainterPath(start)
    if source == target:  # a loop back to the same node: over its top
        top = QPointF(source.right() - 30, source.top())
        path.cubicTo(start + QPointF(70, 0), top + QPointF(40, -70), top)
        return path
    if columns > 0:
        pull = max(50.0, (end.x() - start.x()) * 0.45)
        path.cubicTo(start + QPointF(pull, 0), end - QPointF(pull, 0), end)
        return path
    if columns == 0:  # same column: a short hook into the target's nearer edge
        below = target.top() > source.top()
        edge = QPointF(target.center().x() + 40, target.top() if below else target.bottom())
        path.cubicTo(start + QPointF(70, 0), edge + QPointF(0, -50 if below else 50), edge)
        return path
    drop = BOX_H + GAP_Y * 0.9  # back to an earlier column: loop under the rows
    path.cubicTo(start + QPointF(140, drop), end + QPointF(-140, drop), end)
    return path


def build_items(scenario: Scenario, layout: Layout, learner: bool = False
                ) -> tuple[dict[str, NodeItem], list[EdgeItem]]:
    """The map's items for a laid-out scenario (not yet in a scene); `learner`: in
    the words a learner sees, with no writers' ids."""
    nodes: dict[str, NodeItem] = {}
    edge_tooltip = _learner_edge_tooltip if learner else _edge_tooltip
    for nid, placed in layout.nodes.items():
        texts, tip = _node_texts(scenario, nid, learner)
        ending = scenario.endings.get(nid)
        item = NodeItem(nid, texts, ending.outcome if ending else "", nid == scenario.start,
                        tip)
        item.setPos(placed.x, placed.y)
        nodes[nid] = item
    out, into = _ports(layout, scenario)
    edges: list[EdgeItem] = []
    for key, edge in enumerate(layout.edges):
        source, target = layout.nodes[edge.source], layout.nodes.get(edge.target)
        if target is None:
            continue
        start = out[edge.source, edge.option]
        end = into.get(key, QPointF(target.x, target.y + BOX_H / 2))
        columns = target.column - source.column
        path = _path(start, end, QRectF(source.x, source.y, BOX_W, BOX_H),
                     QRectF(target.x, target.y, BOX_W, BOX_H), columns)
        stagger = 12.0 if (edge.option - 1) % 2 else 0.0  # neighbouring badges never touch
        badge = start + QPointF(BADGE_R + 6 + stagger, 0)
        edges.append(EdgeItem(edge, path, badge, edge_tooltip(scenario, edge),
                              long=columns > 2 or columns < 0))
    return nodes, edges
