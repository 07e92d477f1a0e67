"""Small reusable widgets: labels with a style role, chips, cards, a flow
layout for chips, and a push button whose text wraps (for long responses).

Labels, cards and buttons are on the way to the library's first paint, so this module
names no `Qt` enum there (see `first_paint`); the rest import `Qt` where they use it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from . import first_paint

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from .chip import Chip


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet reads, and make the style notice."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def label(text: str = "", role: str = "", wrap: bool = True, rich: bool = False,
          name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    first_paint.set_by_name(widget, "textFormat", "RichText" if rich else "PlainText")
    if rich:
        widget.setOpenExternalLinks(False)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setAccessibleName(name)
    first_paint.set_by_name(widget, "textInteractionFlags", "NoTextInteraction")
    return widget


def chip(text: str, tone: str = "info", tooltip: str = "", focusable: bool = True) -> QLabel:
    """A small labelled tag. With a tooltip it is a Tab stop (so keyboard users can
    read the tooltip) drawn with the focus ring; `focusable=False` where the same
    words are reachable another way (a library card's button describes its tags)."""
    from PySide6.QtCore import Qt

    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # a chip's words may come from a scenario
    widget.setProperty("chip", tone)
    # As tall as its text, never stretched by a row that holds taller things.
    widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    widget.setAccessibleName(text)
    if tooltip:
        widget.setToolTip(tooltip)
        widget.setAccessibleDescription(plain_text(tooltip))
        if focusable:
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so keyboard users reach tooltips
    return widget


def chip_for(item: Chip) -> QLabel:
    return chip(item.text, item.tone, item.tooltip)


def plain_text(rich: str) -> str:
    """Rich text without its tags, for screen readers."""
    import html  # here: not needed for the library's first paint

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rich)).split())


def card(kind: str = "true") -> QFrame:
    frame = QFrame()
    frame.setProperty("card", kind)
    frame.setFrameShape(QFrame.Shape.NoFrame)
    return frame


def button(text: str, name: str = "", primary: bool = False, tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setAutoDefault(True)  # Enter presses a focused button, not only Space
    widget.setAccessibleName(name or text.replace("&", ""))
    if primary:
        widget.setProperty("primary", True)
    if tip:
        widget.setToolTip(tip)
    hand_cursor(widget)
    return widget


def hand_cursor(widget: QWidget) -> None:
    """The pointing hand over something to click; on the way to the first paint, from
    just after it (a cursor is no property that can be set by name: see first_paint)."""
    def point() -> None:
        from PySide6.QtCore import Qt

        if shiboken6.isValid(widget):  # not deleted while it waited
            widget.setCursor(Qt.CursorShape.PointingHandCursor)

    first_paint.after(point)


class FlowLayout(QLayout):
    """Lays items out left to right, wrapping to new rows (chips, cards)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._heights: dict[int, int] = {}  # width -> height, until the items change
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self._heights.clear()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        from PySide6.QtCore import Qt

        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:  # asked many times per layout pass: remember the answer
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), max(1, area.width()))
            if x + width > area.right() + 1 and row_height > 0:
                x, y = area.x(), y + row_height + self._spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


class WrapButton(QPushButton):
    """A push button whose text wraps, with an optional number badge in front.

    QPushButton never wraps its text; long responses need several lines at
    large text sizes, so the text lives in a word-wrapped label inside.
    """

    def __init__(self, text: str, badge: str = "", parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setProperty("option", True)
        self.setAutoDefault(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 10, 14, 10)
        row.setSpacing(12)
        self.badge = QLabel(badge)
        self.badge.setProperty("optionNumber", True)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setVisible(bool(badge))
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(self.text_label, 1)
        self.setAccessibleName(f"Response {badge}: {text}" if badge else text)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._heights: dict[int, int] = {}

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:  # the text never changes, so neither does the answer
            height = self._heights[width] = self.layout().totalHeightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        hint = self.layout().totalSizeHint()
        width = max(hint.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.layout().totalMinimumSize().height())


def vbox(widget: QWidget, margins: tuple[int, int, int, int] = (0, 0, 0, 0),
         spacing: int = 8) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    return layout


def hbox(widget: QWidget | None = None, margins: tuple[int, int, int, int] = (0, 0, 0, 0),
         spacing: int = 8) -> QHBoxLayout:
    layout = QHBoxLayout(widget) if widget is not None else QHBoxLayout()
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    return layout


def column(margins: tuple[int, int, int, int] = (0, 0, 0, 0),
           spacing: int = 8) -> tuple[QWidget, QVBoxLayout]:
    """A plain widget with a vertical layout (keep the widget: it owns the layout)."""
    widget = QWidget()
    return widget, vbox(widget, margins, spacing)


def scrolling_page(page: QWidget, margins: tuple[int, int, int, int] = (28, 22, 28, 28),
                   spacing: int = 14) -> QVBoxLayout:
    """Fill `page` with a frameless scroll area (at large text sizes a page is taller
    than the window) and return the layout of the body inside it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    vbox(page).addWidget(scroll)
    body = QWidget()
    body.setObjectName("pageBody")
    scroll.setWidget(body)
    return vbox(body, margins, spacing)
