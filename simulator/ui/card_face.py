"""What a library card says, drawn by one widget: the client's face, the title, the
setting and length, who the client is, the summary and the tags.

Made of labels, a card was a dozen widgets (a face, four word-wrapped labels, a
tag for each kind of resistance and framework), and the eight bundled cards were
about a hundred widgets for the style sheet to polish and lay out before the
library's first paint: half the library's start-up. This widget draws the same
words in the same places, fonts and colours (the theme's palette, the style
sheet's sizes); the card keeps real widgets for its score line and its button,
the one Tab stop. The tags' tooltips still show on hover. Text is drawn as plain
text: a scenario's words are never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, QSize
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QStylePainter, QToolTip, QWidget

from . import theme

FACE = 64  # the face's side, as the cards' AvatarWidget(64) had
FACE_GAP = 12  # between the face and the heading
HEADING_GAP = 2  # between the title and its setting line
SPACING = 8  # between the card's parts, as its layout's spacing
TAG_GAP = 6  # between tags, across and down (FlowLayout's spacing)
TAG_PADDING = (9, 2)  # QLabel[chip] { padding: 2px 9px; border: 1px }
TAG_RADIUS = 9
# Ink and edge; no fill: `QFrame[card="true"] QLabel { background: transparent }` in the
# style sheet left a card's tags unfilled, and the cards look as they did.
TAG_TONES = {"warn": ("warn", "warn_border"), "info": ("text", "border")}
# Qt's text flags as the numbers QPainter.drawText takes: cards are drawn before the
# first paint, where naming `Qt.AlignmentFlag` would build all of PySide's Qt enums
# (see first_paint). tests/ui/test_card_face.py checks them against Qt's own.
ALIGN_LEFT, ALIGN_TOP, ALIGN_VCENTER, WORD_WRAP = 0x0001, 0x0020, 0x0080, 0x1000
_WRAP = WORD_WRAP | ALIGN_LEFT | ALIGN_TOP


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag under a card's summary (a docstring: see `settings.Preferences`)."""

    text: str
    tone: str  # "warn" (a kind of resistance) or "info" (a framework)
    tooltip: str  # rich text, Rapport's own words


@dataclass(frozen=True, slots=True)
class CardWords:
    """The plain words of a card (from a scenario, or the card cache)."""

    title: str
    meta: str  # setting · difficulty · minutes
    client: str  # "Client: Tia, 9 — child in foster care"
    summary: str
    tags: tuple[Tag, ...]
    face: tuple[str, str, str]  # the client's drawing: kind, expression, seed (their name)
    face_tip: str  # the face's expression, in words


class _Placed:
    """Where everything goes at one width. (A plain class: made before the first
    paint, where each dataclass cost ~1 ms to define.)"""

    __slots__ = ("client", "height", "meta", "summary", "tags", "title")

    def __init__(self, height: int, title: QRect, meta: QRect, client: QRect,
                 summary: QRect | None, tags: tuple[QRect, ...]) -> None:
        self.height, self.title, self.meta = height, title, meta
        self.client, self.summary, self.tags = client, summary, tags


class CardFace(QWidget):
    def __init__(self, words: CardWords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self._placed: dict[int, _Placed] = {}
        self._tags: list[QSize] | None = None  # measured in the style sheet's font
        self._font_set: tuple[QFont, QFont, QFont] | None = None
        self._pixmap: QPixmap | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(words.title)
        self.setAccessibleDescription(" ".join(
            part for part in (f"{words.meta}.", f"{words.client}.", words.summary) if part))

    # -- fonts and colours, from the style sheet's base size and the theme ------------------
    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        """Body, heading and small: QLabel[role="heading"] and QLabel[chip]'s sizes."""
        if self._font_set is None:
            self._font_set = self._make_fonts()
        return self._font_set

    def _make_fonts(self) -> tuple[QFont, QFont, QFont]:
        body = QFont(self.font())
        sizes = theme.sizes(body.pointSize() if body.pointSize() > 0 else 11)
        heading = QFont(body)
        heading.setPointSize(int(sizes["large"]))
        heading.setWeight(QFont.Weight.DemiBold)
        small = QFont(body)
        small.setPointSize(int(sizes["small"]))
        return body, heading, small

    # -- geometry ----------------------------------------------------------------------------
    def _place(self, width: int) -> _Placed:
        placed = self._placed.get(width)
        if placed is not None:
            return placed
        self.ensurePolished()  # the style sheet's font first: measured once, not twice
        placed = self._placed.get(width)  # polishing may have measured it already
        if placed is not None:
            return placed
        body, heading, small = self._fonts()
        words = self.words
        text_x = FACE + FACE_GAP
        text_width = max(1, width - text_x)
        title = _wrapped(heading, words.title, text_x, 0, text_width)
        meta = _wrapped(body, words.meta, text_x, 0, text_width)
        title_box, meta_box = _share(FACE - HEADING_GAP, title.height(), meta.height())
        title.moveTop((title_box - title.height()) // 2)  # centred, as a label centres it
        meta.moveTop(title_box + HEADING_GAP + (meta_box - meta.height()) // 2)
        y = max(FACE, title_box + HEADING_GAP + meta_box) + SPACING
        client = _wrapped(body, words.client, 0, y, width)
        y = client.bottom() + 1 + SPACING
        summary = None
        if words.summary:
            summary = _wrapped(body, words.summary, 0, y, width)
            y = summary.bottom() + 1 + SPACING
        tags = []
        x, row_height = 0, 0
        for size in self._tag_sizes(small):
            tag_width = min(size.width(), width)
            if x + tag_width > width and row_height:
                x, y, row_height = 0, y + row_height + TAG_GAP, 0
            tags.append(QRect(x, y, tag_width, size.height()))
            x += tag_width + TAG_GAP
            row_height = max(row_height, size.height())
        height = y + row_height if tags else y - SPACING
        placed = self._placed[width] = _Placed(height, title, meta, client, summary, tuple(tags))
        return placed

    def _tag_sizes(self, small: QFont) -> list[QSize]:
        """Each tag's size, as a QLabel[chip] measures itself (the same at every width)."""
        if self._tags is None:
            metrics = QFontMetrics(small)
            across, down = TAG_PADDING
            indent = metrics.horizontalAdvance("x")  # a framed QLabel's indent
            self._tags = []
            for tag in self.words.tags:
                text = metrics.boundingRect(QRect(0, 0, 2000, 2000), 0, tag.text)
                self._tags.append(QSize(text.width() + 2 * (across + 1) + indent,
                                        text.height() + 2 * (down + 1)))
        return self._tags

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(width).height

    def sizeHint(self) -> QSize:
        width = 308  # a card at the grid's narrowest (340) less its margins: all cards alike
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(FACE + FACE_GAP + 80, FACE)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._placed.clear()
            self._tags = self._font_set = None
            self.updateGeometry()
        super().changeEvent(event)

    # -- drawing -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        """Drawn without `QPainter.setPen`/`setBrush`: PySide answers those by naming
        `Qt.PenStyle`, which builds all of its Qt enums before the first paint (see
        first_paint). Words take their colour from a palette, as the style draws a
        label's (through QStylePainter: a QStyle of its own in Python costs ~5 ms of
        enums); a tag's edge is stroked with a pen of its own."""
        placed = self._place(self.width())
        colours = theme.colours(theme.current())
        body, heading, small = self._fonts()
        words = self.words
        painter = QStylePainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(0, 0, self._face())
        ink = QPalette()

        def write(rect: QRect, flags: int, value: str, colour: str) -> None:
            ink.setColor(QPalette.ColorRole.Text, QColor(colours[colour]))
            painter.drawItemText(rect, flags, ink, True, value, QPalette.ColorRole.Text)

        for font, colour, rect, value in (
                (heading, "text", placed.title, words.title),
                (body, "muted", placed.meta, words.meta),
                (body, "text", placed.client, words.client),
                (body, "muted", placed.summary, words.summary)):
            if rect is not None:
                painter.setFont(font)
                write(rect, _WRAP, value, colour)
        painter.setFont(small)
        indent = QFontMetrics(small).horizontalAdvance("x")
        edge_pen = QPen()
        for tag, rect in zip(words.tags, placed.tags, strict=True):
            text, edge = TAG_TONES.get(tag.tone, TAG_TONES["info"])
            outline = QPainterPath()
            outline.addRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5),
                                   TAG_RADIUS, TAG_RADIUS)
            edge_pen.setColor(QColor(colours[edge]))
            painter.strokePath(outline, edge_pen)
            write(rect.adjusted(TAG_PADDING[0] + 1 + indent // 2, 0, 0, 0),
                  ALIGN_LEFT | ALIGN_VCENTER, tag.text, text)
        painter.end()

    def _face(self) -> QPixmap:
        """The face at this size, drawn once (from the faces kept between starts, or
        its SVG: see face_cache)."""
        ratio = self.devicePixelRatioF()
        pixels = round(FACE * ratio)
        if self._pixmap is None or self._pixmap.width() != pixels:
            from .face_cache import face_pixmap

            self._pixmap = face_pixmap(self.words.face, pixels)
            self._pixmap.setDevicePixelRatio(ratio)
        return self._pixmap

    # -- tooltips ----------------------------------------------------------------------------
    def tooltip_at(self, x: int, y: int) -> tuple[str, QRect] | None:
        """The tooltip for the tag (or the face) under a point, with its area."""
        placed = self._place(self.width())
        for tag, rect in zip(self.words.tags, placed.tags, strict=True):
            if rect.contains(x, y):
                return tag.tooltip, rect
        face = QRect(0, 0, FACE, FACE)
        if face.contains(x, y) and self.words.face_tip:
            return self.words.face_tip, face
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.tooltip_at(event.pos().x(), event.pos().y())
            if found is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), found[0], self, found[1])
            return True
        return super().event(event)


def _share(room: int, first: int, second: int) -> tuple[int, int]:
    """Two lines' heights beside the face, as a box layout shares spare room between
    two labels: the shorter grows first, then both alike."""
    if first + second >= room:
        return first, second
    if room // 2 >= max(first, second):
        return room // 2, room - room // 2
    if first > second:
        return first, room - first
    return room - second, second


def _wrapped(font: QFont, text: str, x: int, y: int, width: int) -> QRect:
    """The box `text` fills when wrapped at `width`, at (x, y)."""
    bounds = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100000), _WRAP, text)
    return QRect(x, y, width, bounds.height())
