"""A grid of cards that re-flows its columns as the window is resized.

Until `release`, a grid told to `hold_offscreen` keeps the rows that start below
the window's bottom hidden: the library's first paint then polishes, measures, lays
out and draws only the cards on the first screen (each card below it cost ~1.5 ms
before that paint); the rest are shown just after it. They exist all along:
`widgets()` lists every card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
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
        self._holding = False
        self._held: list[QWidget] = []  # hidden here until `release`

    def set_widgets(self, widgets: list[QWidget]) -> None:
        for old in self._widgets:
            self._layout.removeWidget(old)
            if old not in widgets:
                old.deleteLater()
        self._widgets = list(widgets)
        self._held = [w for w in self._held if w in self._widgets]
        self._columns = 0
        self._reflow()
        self._hold_rows()

    def clear(self) -> None:
        """Delete every card now, not later: a restyle would otherwise visit them."""
        import shiboken6

        old, self._widgets, self._held = self._widgets, [], []
        for widget in old:
            self._layout.removeWidget(widget)
            shiboken6.delete(widget)
        self._columns = 0

    def widgets(self) -> list[QWidget]:
        return list(self._widgets)

    def hold_offscreen(self) -> None:
        """Show only the rows on the first screen until `release` (see the module)."""
        self._holding = True
        self._hold_rows()

    def release(self) -> None:
        """Show every card (after the first paint); the grid holds nothing back again."""
        self._holding = False
        held, self._held = self._held, []
        for widget in held:
            widget.show()

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
        width = self._column_width()
        for index, widget in enumerate(self._widgets):
            # Stretched to its row's tallest card: rows line up, and no `Qt.AlignTop`
            # before the first paint (see first_paint).
            self._layout.addWidget(widget, index // columns, index % columns)
            # At its column's width already: its own layout, when first shown, measures
            # it there rather than at a new widget's 640 pixels (wrapped text, ~4 each).
            widget.resize(width, widget.height())
        for column in range(4):
            self._layout.setColumnStretch(column, 1 if column < columns else 0)

    def _column_width(self) -> int:
        """A card's width at the current number of columns."""
        columns, spacing = self._columns, self._layout.spacing()
        return max(1, (self.width() - (columns - 1) * spacing) // columns)

    def _hold_rows(self) -> None:
        """Hide the rows that start below the window's bottom; show the others.

        The room is measured to the window's bottom edge (a little more than the page
        shows), so a row half on screen is always drawn."""
        if not self._holding or not self._sized or not self._columns:
            return
        window = self.window()
        room = window.height() - self.mapTo(window, QPoint(0, 0)).y()
        columns, spacing, width = self._columns, self._layout.spacing(), self._column_width()
        top, held = 0, []
        for start in range(0, len(self._widgets), columns):
            row = self._widgets[start:start + columns]
            if top >= room:
                held += row
                continue
            top += spacing + max(w.heightForWidth(width) if w.hasHeightForWidth()
                                 else w.sizeHint().height() for w in row)
        for widget in self._held:
            if widget not in held:
                widget.show()
        for widget in held:
            widget.hide()
        self._held = held

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._sized = True
        self._reflow()
        self._hold_rows()
