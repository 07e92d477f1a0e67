"""Save the map as a picture (SVG, PNG) or as Mermaid text for a wiki or a report.

The SVG keeps text as text, so it stays sharp and searchable; the PNG is drawn
at twice the scene's size for print, but never larger than MAX_PNG_SIDE pixels
on a side, so a 500-node map cannot ask for gigabytes. Writers choose where to
save through `dialogs`, so nothing here opens a window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from ...core.graph import mermaid
from ...core.model import Scenario
from . import palette

MAX_PNG_SIDE = 8000
PNG_SCALE = 2.0


def _render(scene: QGraphicsScene, painter: QPainter, target: QRectF) -> None:
    chosen = scene.selectedItems()
    for item in chosen:  # a selection outline is for the screen, not the export
        item.setSelected(False)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, QColor(palette.MAP_BACKGROUND))
    scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    for item in chosen:
        item.setSelected(True)


def write_svg(scene: QGraphicsScene, path: str, title: str) -> None:
    rect = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    generator.setDescription("Scenario map exported from the Rapport writers' studio")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"cannot write {path}")
    try:
        _render(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()


def write_png(scene: QGraphicsScene, path: str) -> QSize:
    """Write the map as a PNG; returns the picture's size."""
    rect = scene.sceneRect()
    scale = min(PNG_SCALE, MAX_PNG_SIDE / max(rect.width(), rect.height(), 1.0))
    size = QSize(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(palette.MAP_BACKGROUND))
    painter = QPainter(image)
    try:
        _render(scene, painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    if not image.save(path, "PNG"):
        raise OSError(f"cannot write {path}")
    return size


def write_mermaid(scenario: Scenario, path: str) -> None:
    Path(path).write_text(mermaid(scenario), encoding="utf-8")
