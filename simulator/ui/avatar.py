"""The client's face: an SVG drawn at any size, kept square and centred."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from .words import EXPRESSION_WORDS


class AvatarWidget(QWidget):
    def __init__(self, size: int = 160, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(self)
        self._size = size
        self.kind = "adult"
        self.expression = "calm"
        self.seed = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(size, size)
        self.setAccessibleName("Client's face")
        self._pixmap: QPixmap | None = None  # the face drawn once at this size

    def set_size(self, size: int) -> None:
        self._size = size
        self.setFixedSize(size, size)

    def sizeHint(self) -> QSize:
        return QSize(self._size, self._size)

    def show_face(self, kind: str, expression: str, seed: str, name: str = "") -> None:
        if (kind, expression, seed) == (self.kind, self.expression, self.seed) and \
                self._renderer.isValid():
            return
        from .faces import face_svg  # with the core's model: not needed before the first card

        self.kind, self.expression, self.seed = kind, expression, seed
        self._renderer.load(QByteArray(face_svg(kind, expression, seed)))
        self._pixmap = None
        who = name or "The client"
        self.setAccessibleName(f"{who}: {EXPRESSION_WORDS.get(expression, expression).lower()}")
        self.setToolTip(EXPRESSION_WORDS.get(expression, expression))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draws the SVG once per face and size into a pixmap: a library of faces
        repaints on every scroll, and rendering SVG each time was the slow part."""
        if not self._renderer.isValid():
            return
        side = min(self.width(), self.height())
        ratio = self.devicePixelRatioF()
        pixels = round(side * ratio)
        if self._pixmap is None or self._pixmap.width() != pixels:
            self._pixmap = QPixmap(pixels, pixels)
            self._pixmap.fill(Qt.GlobalColor.transparent)
            face = QPainter(self._pixmap)
            face.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self._renderer.render(face, QRectF(0, 0, pixels, pixels))
            face.end()
            self._pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(self)
        painter.drawPixmap(round((self.width() - side) / 2), round((self.height() - side) / 2),
                           self._pixmap)
        painter.end()
