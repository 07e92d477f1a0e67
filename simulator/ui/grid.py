"""A grid of cards that re-flows its columns as the window is resized."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent


class CardGrid(QWidget):
    def __init__(self, min_width: int = 340, fill: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_width = min_width
        self.fill = fill  # fewer cards than columns: widen them to fill the row
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(14)
        self._widgets: list[QWidget] = []
        self._columns = 0
        self._sized = False

    def set_widgets(self, widgets: list[QWidget]) -> None:
        for old in self._widgets:
            self._layout.removeWidget(old)
            if old not in widgets:
                old.deleteLater()
        self._widgets = list(widgets)
        self._columns = 0
        self._reflow()

    def clear(self) -> None:
        """Delete every card now, not later: a restyle would otherwise visit them."""
        import shiboken6

        old, self._widgets = self._widgets, []
        for widget in old:
            self._layout.removeWidget(widget)
            shiboken6.delete(widget)
        self._columns = 0

    def widgets(self) -> list[QWidget]:
        return list(self._widgets)

    def columns_for(self, width: int) -> int:
        columns = max(1, min(4, (width + self._layout.spacing()) // (self.min_width + 14)))
        return max(1, min(columns, len(self._widgets))) if self.fill else columns

    def _reflow(self) -> None:
        if not self._sized:
            # Its width is not known before its first resize, where the cards are placed:
            # placed now, in one column, every card was measured at widths never shown.
            return
        columns = self.columns_for(self.width() or self.min_width)
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._widgets:
            self._layout.removeWidget(widget)
        for index, widget in enumerate(self._widgets):
            self._layout.addWidget(widget, index // columns, index % columns,
                                   Qt.AlignmentFlag.AlignTop)
        for column in range(4):
            self._layout.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._sized = True
        self._reflow()
