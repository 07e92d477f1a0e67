"""The client's face: an SVG drawn at any size, kept square and centred."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
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
        who = name or "The client"
        self.setAccessibleName(f"{who}: {EXPRESSION_WORDS.get(expression, expression).lower()}")
        self.setToolTip(EXPRESSION_WORDS.get(expression, expression))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._renderer.isValid():
            return
        side = min(self.width(), self.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._renderer.render(painter, QRectF((self.width() - side) / 2,
                                              (self.height() - side) / 2, side, side))
        painter.end()
