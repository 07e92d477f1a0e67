"""Line charts (QtCharts): the client's trust and arousal over a session, and
the learner's scores over their sessions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

SERIES_COLOURS = ("#2F6F8F", "#2F8F6B", "#C8643B", "#8E6CB5", "#B08A2E")


def _axis(title: str, low: float, high: float, ticks: int, colours: Mapping[str, str],
          font: QFont) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(low, high)
    axis.setTickCount(ticks)
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    axis.setLabelsColor(QColor(colours["text"]))
    axis.setTitleBrush(QColor(colours["muted"]))
    axis.setGridLineColor(QColor(colours["border"]))
    axis.setLinePenColor(QColor(colours["border"]))
    axis.setLabelsFont(font)
    axis.setTitleFont(font)
    return axis


def _turn_axis(title: str, first: int, last: int, colours: Mapping[str, str],
               font: QFont) -> QValueAxis:
    """An axis of whole turns or sessions: a tick and a gridline on every integer
    (every second or fifth one on a long run), anchored at `first`, so each point
    sits on a gridline and no number is skipped or repeated."""
    last = max(last, first + 1)
    span = last - first
    axis = _axis(title, first, last, 2, colours, font)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(first)
    axis.setTickInterval(next(step for step in (1, 2, 5, 10, 20, 50, 100, span)
                              if span / step <= 20))
    return axis


def _chart(colours: Mapping[str, str], font: QFont) -> QChart:
    chart = QChart()
    chart.setBackgroundVisible(False)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setLabelColor(QColor(colours["text"]))
    chart.legend().setFont(font)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _series(name: str, points: Sequence[tuple[float, float]], colour: str,
            width: int = 3) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    for x, y in points:
        series.append(QPointF(x, y))
    pen = QPen(QColor(colour))
    pen.setWidth(width)
    series.setPen(pen)
    series.setPointsVisible(True)
    return series


def state_chart(trajectory: Sequence[Mapping[str, Any]], labels: Mapping[str, str],
                colours: Mapping[str, str], font: QFont,
                ranges: Mapping[str, tuple[float, float]] | None = None) -> QChart:
    """Trust and arousal after each response (turn 0 is the start)."""
    chart = _chart(colours, font)
    turns = max(1, len(trajectory) - 1)
    low, high = 0.0, 10.0
    for low_high in (ranges or {}).values():
        low, high = min(low, low_high[0]), max(high, low_high[1])
    for key in ("trust", "arousal"):
        points = [(float(p["turn"]), float(p[key])) for p in trajectory if key in p]
        if points:
            chart.addSeries(_series(labels.get(key, key.title()), points,
                                    colours.get(key, SERIES_COLOURS[0])))
    return _with_axes(chart, _turn_axis("Response", 0, turns, colours, font),
                      _axis("Level", low, high, 6, colours, font))


def progress_chart(points: Mapping[str, Sequence[tuple[int, int]]], names: Mapping[str, str],
                   colours: Mapping[str, str], font: QFont) -> QChart:
    """One line per framework: its score (0-100) in each finished session, oldest first."""
    chart = _chart(colours, font)
    count = max((x for values in points.values() for x, _ in values), default=1)
    for index, (key, values) in enumerate(points.items()):
        if values:
            chart.addSeries(_series(names.get(key, key), [(float(x), float(y)) for x, y in values],
                                    SERIES_COLOURS[index % len(SERIES_COLOURS)],
                                    4 if key == "overall" else 2))
    return _with_axes(chart,
                      _turn_axis("Session", 1, count, colours, font),
                      _axis("Score", 0, 100, 6, colours, font))


def _with_axes(chart: QChart, x: QValueAxis, y: QValueAxis) -> QChart:
    """Put the axes on the chart and tie every series to them."""
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        series.attachAxis(x)
        series.attachAxis(y)
    return chart


def chart_view(chart: QChart, name: str, description: str = "") -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setAccessibleDescription(description)
    view.setMinimumHeight(240)
    view.setStyleSheet("background: transparent")
    return view


def render_image(chart: QChart, size: QSize | None = None) -> QImage:
    """The chart drawn offscreen (for the PDF). The chart is consumed: the view that
    draws it owns it and deletes it, so pass a chart made for this purpose."""
    size = size or QSize(1100, 520)
    view = QChartView(chart)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # laid out, never seen
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setStyleSheet("background: white; border: none")
    view.resize(size)
    view.show()
    QApplication.processEvents()  # lets the chart lay out its axes at this size
    image = view.grab().toImage()
    view.close()
    return image
