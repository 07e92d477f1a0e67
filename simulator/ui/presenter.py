"""Presenter mode: one scenario on a projector, the class votes, then sees.

Full screen, type sized from the screen's height (and shrunk until every
response fits, so nothing scrolls), no meters and no grades until the reveal.
Keys are forwarded to `ClassVote` (the rules live in the core); a presentation
clicker sends Page Up / Page Down, which walk through the responses, reveal and
play. The session is saved to the history after every decision, with its votes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPushButton, QSizePolicy, QWidget

from simulator.core.classvote import ENDED, REVEALED, VOTE, ClassVote
from simulator.core.errors import RapportError

from . import dialogs, theme
from .avatar import AvatarWidget
from .presenter_view import OptionRowView, Stage, stage, what_if_text
from .widgets import hbox, restyle, vbox

if TYPE_CHECKING:
    from collections.abc import Callable

    from simulator.core.session import Session
    from simulator.storage.history import History

log = logging.getLogger("rapport.ui")
MIN_PX = 18  # below this a back row cannot read it: the layout gives way first
# After the reveal, if every reason at once would shrink the client's words below this,
# only the highlighted response shows its reason (arrows move it) and the type stays big.
ALL_REASONS_PX = 28
TIMER_CHOICES = (0, 30, 60, 90, 120, 180)

_SHEET = """
QWidget#presenter {{ background: {window}; }}
QLabel {{ color: {text}; background: transparent; }}
QLabel[pres="meta"], QLabel[pres="hint"] {{ font-size: {meta}px; color: {muted}; }}
QLabel[pres="timer"] {{ font-size: {meta}px; font-weight: 700; color: {text}; }}
QLabel[pres="timer"][late="true"] {{ color: {bad}; }}
QLabel[pres="name"] {{ font-size: {name}px; font-weight: 700; }}
QLabel[pres="cue"] {{ font-size: {cue}px; font-style: italic; color: {muted}; }}
QLabel[pres="says"] {{ font-size: {px}px; }}
QFrame[pres="row"] {{ background: {surface}; border: 2px solid {border};
                         border-radius: 10px; }}
QFrame[pres="row"][highlighted="true"] {{ border: 4px solid {accent}; }}
QFrame[pres="row"][chosen="true"] {{ background: {you}; }}
QLabel[pres="badge"] {{ font-size: {option}px; font-weight: 700; color: {accent}; }}
QLabel[pres="option"] {{ font-size: {option}px; }}
QLabel[pres="votes"] {{ font-size: {votes}px; font-weight: 700; color: {text};
                        min-width: {votes_w}px; qproperty-alignment: AlignRight; }}
QLabel[pres="grade"] {{ font-size: {reason}px; font-weight: 700; }}
QLabel[pres="grade"][tone="good"] {{ color: {good}; }}
QLabel[pres="grade"][tone="bad"] {{ color: {bad}; }}
QLabel[pres="reason"] {{ font-size: {reason}px; color: {muted}; }}
QFrame[pres="card"] {{ background: {surface}; border: 3px solid {accent};
                       border-radius: 10px; }}
QLabel[pres="card_title"] {{ font-size: {name}px; font-weight: 700; }}
QLabel[pres="card_text"] {{ font-size: {option}px; }}
QPushButton[pres="button"] {{ font-size: {meta}px; padding: 4px 12px; }}
"""


def _label(role: str, wrap: bool = True) -> QLabel:
    widget = QLabel()
    widget.setProperty("pres", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


class OptionRow(QFrame):
    """One response: its number, words, the votes, and after the reveal its grade and why."""

    clicked = Signal(int)

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.setProperty("pres", "row")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        row = hbox(self, (14, 8, 16, 8), 14)
        self.badge = _label("badge", wrap=False)
        self.badge.setText(f"{number}")
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        column = vbox(body, spacing=2)
        self.text = _label("option")
        column.addWidget(self.text)
        self.grade = _label("grade")
        column.addWidget(self.grade)
        self.reason = _label("reason")
        column.addWidget(self.reason)
        row.addWidget(body, 1)
        self.votes = _label("votes", wrap=False)
        row.addWidget(self.votes, 0, Qt.AlignmentFlag.AlignVCenter)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def show_view(self, view: OptionRowView, all_reasons: bool = True) -> None:
        self.view = view
        self.text.setText(view.text)
        self.votes.setText(str(view.votes))
        self.setAccessibleName(f"Response {view.number}: {view.text}. {view.votes} votes"
                               + (f". {view.grade}" if view.revealed else ""))
        self.grade.setVisible(view.revealed)
        self.show_reason(all_reasons)
        if view.revealed:
            self.grade.setText(view.grade + ("  ·  the class's choice" if view.chosen else ""))
            restyle(self.grade, "tone", view.tone)
            self.reason.setText(view.reason)
        for name, value in (("highlighted", view.highlighted), ("chosen", view.chosen)):
            if self.property(name) != value:
                restyle(self, name, value)

    def show_reason(self, all_reasons: bool, none: bool = False) -> None:
        view = self.view
        self.reason.setVisible(view.revealed and bool(view.reason) and not none
                               and (all_reasons or view.highlighted))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.number)
        event.accept()


class PresenterWindow(QWidget):
    """The projector's window. `finished` is emitted once, when it closes."""

    finished = Signal(str)  # the saved record id ("" if it could not be saved)

    def __init__(self, session: Session, history: History | Callable[[], History | None] | None,
                 theme_name: str = "light",
                 timer_seconds: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenter")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(f"Rapport: presenting {session.scenario.title}")
        self.setAccessibleName("Presenter mode")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # every key comes here
        self.vote = ClassVote(session)
        # A callable is asked at each save: the app opens the history after its first paint,
        # which can be after `main.py --present` has opened this window.
        self._history = history
        self.record_id: str | None = None
        self.colours = theme.colours(theme_name)
        self.timer_seconds = timer_seconds
        self.remaining = timer_seconds
        self.px = 0
        self.all_reasons = True  # see ALL_REASONS_PX
        self._what_if_shown = False
        self._done = False
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._on_tick_timeout)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit)

        root = vbox(self, (28, 16, 28, 12), 12)
        # The window's size is the screen's; the type adapts to it (never the other way).
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        top = hbox(spacing=18)
        self.meta = _label("meta", wrap=False)
        top.addWidget(self.meta, 1)
        self.timer_label = _label("timer", wrap=False)
        top.addWidget(self.timer_label)
        root.addLayout(top)
        client = hbox(spacing=22)
        self.avatar = AvatarWidget(120)
        client.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        words_box = QWidget()
        words = vbox(words_box, spacing=4)
        self.said = _label("cue")
        words.addWidget(self.said)
        self.name = _label("name")
        words.addWidget(self.name)
        self.cue = _label("cue")
        words.addWidget(self.cue)
        self.says = _label("says")
        words.addWidget(self.says)
        client.addWidget(words_box, 1)
        root.addLayout(client)
        self.rows_box = QWidget()
        self.rows_layout = vbox(self.rows_box, spacing=10)
        root.addWidget(self.rows_box)
        self.rows: list[OptionRow] = []
        self.card = QFrame()
        self.card.setProperty("pres", "card")
        card = vbox(self.card, (20, 12, 20, 14), 6)
        self.card_title = _label("card_title")
        card.addWidget(self.card_title)
        self.card_text = _label("card_text")
        card.addWidget(self.card_text)
        self.card.hide()
        root.addWidget(self.card)
        root.addStretch(1)
        bottom = hbox(spacing=10)
        self.hint = _label("hint")
        bottom.addWidget(self.hint, 1)
        # For a trainer with a mouse; the keys do the same. No focus, so keys stay here.
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("reveal", "Reveal", self.reveal),
                                ("play", "Play the class's choice", self.play),
                                ("what_if", "What would have happened?", self._toggle_what_if),
                                ("leave", "Leave", self.leave)):
            widget = QPushButton(text)
            widget.setProperty("pres", "button")
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            widget.setCursor(Qt.CursorShape.PointingHandCursor)
            widget.clicked.connect(slot)
            bottom.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)
            self.buttons[key] = widget
        root.addLayout(bottom)
        self.redraw()

    def show_on_screen(self, full_screen: bool = True) -> None:
        """Fill the screen the window is on (also where no window manager does it)."""
        screen = self.screen()
        if screen is not None:
            self.setGeometry(screen.geometry() if full_screen else screen.availableGeometry())
        if full_screen:
            self.showFullScreen()
        else:
            self.show()

    # -- drawing -----------------------------------------------------------------------
    def stage(self) -> Stage:
        return stage(self.vote)

    def redraw(self) -> None:
        view = self.stage()
        self.meta.setText(f"{view.title}  ·  " + (
            "The end" if view.phase == ENDED else f"Decision {view.decision}") +
            (f"  ·  {view.total} vote{'s' if view.total != 1 else ''}" if view.options else ""))
        self.name.setText(view.client)
        self.said.setText(f"The class said: “{view.said}”")
        self.said.setVisible(bool(view.said))
        self.cue.setText(view.cue)
        self.cue.setVisible(bool(view.cue))
        self.says.setText(view.says)
        scenario = self.vote.session.scenario
        self.avatar.show_face(view.avatar, view.expression, scenario.client.name,
                              scenario.client.name)
        if len(self.rows) != len(view.options):
            for row in self.rows:
                self.rows_layout.removeWidget(row)
                row.hide()
                row.deleteLater()
            self.rows = []
            for option in view.options:
                row = OptionRow(option.number)
                row.clicked.connect(self._on_row_clicked)
                self.rows_layout.addWidget(row)
                self.rows.append(row)
        for row, option in zip(self.rows, view.options, strict=True):
            row.number = option.number
            row.show_view(option, self.all_reasons)
        if view.phase == ENDED:
            self._show_card(f"{view.ending_title} ({view.ending_outcome})", view.debrief)
        elif not self._what_if_shown:
            self.card.hide()
        self.hint.setText(view.hint)
        self.buttons["reveal"].setVisible(view.phase == VOTE)
        self.buttons["play"].setVisible(view.phase == REVEALED)
        self.buttons["what_if"].setVisible(view.phase == REVEALED)
        self._show_timer()
        self._fit_timer.start()

    def _show_card(self, title: str, text: str) -> None:
        self.card_title.setText(title)
        self.card_text.setText(text)
        self.card.setVisible(True)

    def _apply_size(self, px: int) -> None:
        c = self.colours
        self.setStyleSheet(_SHEET.format(
            px=px, meta=max(14, round(px * 0.5)), name=round(px * 0.8), cue=round(px * 0.7),
            option=round(px * 0.85), votes=round(px * 1.1), votes_w=round(px * 1.8),
            reason=max(16, round(px * 0.7)), **c))
        self.avatar.set_size(max(80, min(220, round(px * 4))))
        self.px = px

    def _fit(self) -> None:
        """The largest type at which everything fits the window with no scrolling."""
        height, width = self.height(), self.width()
        if height < 100 or width < 100:
            return
        if self._what_if_shown:  # the panel says what matters now: no reasons, larger type
            self._set_all_reasons(False, none=True)
            self._fit_type(height, width)
            return
        self._set_all_reasons(True)
        if self._fit_type(height, width) < ALL_REASONS_PX and self.vote.phase == REVEALED:
            self._set_all_reasons(False)
            self._fit_type(height, width)

    def _set_all_reasons(self, on: bool, none: bool = False) -> None:
        self.all_reasons = on
        for row in self.rows:
            row.show_reason(on, none)

    def _fit_type(self, height: int, width: int) -> int:
        px = max(MIN_PX, round(height / 22))
        while True:
            self._apply_size(px)
            layout = self.layout()
            layout.activate()
            needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() \
                else layout.totalSizeHint().height()
            if needed <= height or px <= MIN_PX:
                return px
            px = max(MIN_PX, round(px * 0.92))

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_timer.start()

    # -- the timer ---------------------------------------------------------------------
    def _show_timer(self) -> None:
        self.timer_label.setVisible(self.timer_seconds > 0 and self.vote.phase == VOTE)
        minutes, seconds = divmod(max(0, self.remaining), 60)
        paused = "" if self.tick.isActive() or self.remaining <= 0 else " (paused)"
        self.timer_label.setText("Time's up" if self.remaining <= 0 else
                                 f"{minutes}:{seconds:02d}{paused}")
        late = self.remaining <= 0
        if self.timer_label.property("late") != late:
            restyle(self.timer_label, "late", late)

    def start_timer(self) -> None:
        if self.timer_seconds > 0:
            self.remaining = self.timer_seconds
            self.tick.start()
            self._show_timer()

    def toggle_timer(self) -> None:
        if self.timer_seconds <= 0:
            self.timer_seconds = 60  # T with no timer set: one minute
            self.start_timer()
        elif self.tick.isActive():
            self.tick.stop()
        elif self.remaining > 0:
            self.tick.start()
        else:
            self.start_timer()
        self._show_timer()

    def _on_tick_timeout(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.tick.stop()
        self._show_timer()

    # -- what the trainer does ---------------------------------------------------------
    def reveal(self) -> None:
        self.vote.reveal()
        self.tick.stop()
        self.redraw()

    def play(self) -> None:
        if self.vote.phase != REVEALED:
            return
        try:
            self.vote.play()
        except RapportError as error:
            self._show_card("That response cannot be played", str(error))
            return
        self.hide_what_if()
        self.save()
        self.redraw()
        if self.vote.phase == VOTE:
            self.start_timer()

    def show_what_if(self, option: int | None = None) -> None:
        """Show where another response would have led; the route does not change."""
        if self.vote.phase != REVEALED:
            return
        number = option or self.vote.highlighted
        try:
            what = self.vote.what_if(number)
        except RapportError as error:
            self._show_card("That cannot be shown", str(error))
            return
        self._what_if_shown = True
        self._show_card(*what_if_text(self.vote, what))
        self._fit_timer.start()

    def _toggle_what_if(self) -> None:
        if self._what_if_shown:
            self.hide_what_if()
        else:
            self.show_what_if()

    def hide_what_if(self) -> None:
        self._what_if_shown = False
        self.card.hide()
        self._fit_timer.start()

    @property
    def history(self) -> History | None:
        return self._history() if callable(self._history) else self._history

    def save(self) -> None:
        history = self.history
        if history is None:
            return
        try:
            self.record_id = history.save(self.vote.session, self.record_id)
        except RapportError as error:
            log.warning("presenter session not saved: %s", error)
            self.hint.setText(f"Not saved: {error}")

    def _on_row_clicked(self, number: int) -> None:
        self.vote.select(number)
        self.redraw()

    # -- keys: keyboard and clicker ----------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        vote = self.vote
        k = Qt.Key
        handled = True
        if key == k.Key_Escape:
            if self._what_if_shown:
                self.hide_what_if()
            else:
                self.leave()
            return
        if key == k.Key_F11:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.showFullScreen()
        elif key in (k.Key_T,):
            self.toggle_timer()
        elif vote.phase == VOTE:
            handled = self._vote_key(event)
        elif vote.phase == REVEALED:
            handled = self._revealed_key(key)
        else:
            handled = False
        if handled:
            self.redraw()
            event.accept()
        else:
            super().keyPressEvent(event)

    def _vote_key(self, event: QKeyEvent) -> bool:
        key, text, vote, k = event.key(), event.text(), self.vote, Qt.Key
        if len(text) == 1 and text in "0123456789":
            vote.type_digit(int(text))
        elif key == k.Key_Backspace:
            vote.erase_digit()
        elif key in (k.Key_Right, k.Key_Plus, k.Key_Equal):
            vote.adjust(1)
        elif key in (k.Key_Left, k.Key_Minus):
            vote.adjust(-1)
        elif key in (k.Key_Down, k.Key_Tab):
            vote.move(1)
        elif key in (k.Key_Up, k.Key_Backtab):
            vote.move(-1)
        elif key == k.Key_PageDown:  # a clicker's "next": the next response, then reveal
            if vote.highlighted < vote.options:
                vote.move(1)
            else:
                self.reveal()
        elif key == k.Key_PageUp:
            if vote.highlighted > 1:
                vote.move(-1)
        elif key in (k.Key_Return, k.Key_Enter, k.Key_Space):
            self.reveal()
        else:
            return False
        return True

    def _revealed_key(self, key: int) -> bool:
        vote, k = self.vote, Qt.Key
        if key in (k.Key_Return, k.Key_Enter, k.Key_Space, k.Key_PageDown):
            self.play()
        elif key == k.Key_PageUp:
            self.hide_what_if()
            vote.hide()
        elif key in (k.Key_Down, k.Key_Tab):
            vote.move(1)
            if self._what_if_shown:
                self.show_what_if()
        elif key in (k.Key_Up, k.Key_Backtab):
            vote.move(-1)
            if self._what_if_shown:
                self.show_what_if()
        elif key == k.Key_W:
            if self._what_if_shown:
                self.hide_what_if()
            else:
                self.show_what_if()
        else:
            return False
        return True

    def leave(self) -> None:
        """Esc or Leave: mid-conversation, ask first (a stray key must not end a class)."""
        if self.vote.session.turns and self.vote.phase != ENDED and not dialogs.ask(
                self, "Leave presenter mode?",
                "The class's session is saved with its votes; continue it later from the "
                "History page.", "Leave", "Stay"):
            return
        self.close()

    def closeEvent(self, event: object) -> None:
        self.tick.stop()
        if not self._done:
            self._done = True
            if self.vote.session.turns:
                self.save()
            self.finished.emit(self.record_id or "")
        super().closeEvent(event)  # type: ignore[arg-type]
