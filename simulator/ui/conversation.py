"""The conversation screen: the transcript, the client's face and state, and
the responses (click, or press 1-9). Draws what the controller announces and
forwards what the learner does; it decides nothing about the conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from simulator.core.model import Person

from . import words
from .avatar import AvatarWidget
from .feedback import FeedbackPanel
from .free_text import FreeTextPanel
from .plain import plain_tip
from .present import YOU, EndingView, Feedback, LineView, Meter, Moment
from .widgets import WrapButton, button, chip, column, hbox, label, vbox
from .words import EXPRESSION_WORDS

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent


class Bubble(QFrame):
    """One thing someone said; the client's cue (what you see them do) in italics."""

    def __init__(self, line: LineView, kind: str) -> None:
        super().__init__()
        self.setProperty("bubble", kind)
        self.line = line
        layout = vbox(self, (14, 9, 14, 10), 3)
        name = label(line.name)
        name.setProperty("speaker", True)
        layout.addWidget(name)
        if line.cue:
            cue = label(line.cue)
            cue.setProperty("cue", True)
            layout.addWidget(cue)
        self.text = label(line.text)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        cue_text = f" ({line.cue})" if line.cue else ""
        self.setAccessibleName(f"{line.name}{cue_text}: {line.text}")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self._labels = list(self.findChildren(QLabel))

    def fit(self, max_width: int) -> None:
        """As wide as its longest line needs, up to `max_width`; then the text wraps."""
        natural = max(w.fontMetrics().horizontalAdvance(w.text()) for w in self._labels)
        margins = self.layout().contentsMargins()
        padding = margins.left() + margins.right() + 6
        self.setFixedWidth(max(140, min(max_width, natural + padding)))


class ClientPanel(QFrame):
    """The client's face, name, how they look, and (optionally) trust and arousal."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("card", "true")
        self.setAccessibleName("The client")
        layout = vbox(self, (16, 16, 16, 16), 8)
        self.avatar = AvatarWidget(180)
        layout.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignHCenter)
        self.name = label("", "heading")
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.name)
        self.role = label("", "muted")
        self.role.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.role)
        self.mood = label("", "subheading")
        self.mood.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.mood.setAccessibleName("How the client looks")
        layout.addWidget(self.mood)
        self.meter_box, self.meter_layout = column(spacing=4)
        layout.addWidget(self.meter_box)
        self.bars: dict[str, QProgressBar] = {}
        self.titles: dict[str, QLabel] = {}
        layout.addStretch(1)
        self.person: Person | None = None

    def show_person(self, person: Person) -> None:
        self.person = person
        self.name.setText(person.name + (f", {person.age}" if person.age else ""))
        self.role.setText(person.role)
        self.role.setVisible(bool(person.role))

    def show_state(self, expression: str, meters: Sequence[Meter], visible: bool) -> None:
        person = self.person
        if person is not None:
            self.avatar.show_face(person.avatar, expression, person.name, person.name)
        self.mood.setText(EXPRESSION_WORDS.get(expression, expression))
        self.meter_box.setVisible(visible and bool(meters))
        for meter in meters:
            bar = self.bars.get(meter.id)
            if bar is None:
                title = label(meter.label, "small")
                title.setToolTip(plain_tip(meter.tip))
                self.meter_layout.addWidget(title)
                self.titles[meter.id] = title
                bar = QProgressBar()
                bar.setProperty("meter", meter.id)
                bar.setRange(0, 1000)
                # The number goes in the label above: written across the bar it half
                # sits on the coloured part, where it is hard to read in every theme.
                bar.setTextVisible(False)
                bar.setToolTip(plain_tip(meter.tip))
                bar.setAccessibleDescription(meter.tip)
                self.meter_layout.addWidget(bar)
                self.bars[meter.id] = bar
            span = meter.maximum - meter.minimum or 1
            bar.setValue(round(1000 * (meter.value - meter.minimum) / span))
            text = f"{meter.label}: {meter.value:g} of {meter.maximum:g}"
            self.titles[meter.id].setText(text)
            bar.setAccessibleName(text)

    def set_avatar_size(self, size: int) -> None:
        self.avatar.set_size(size)


class OptionsPanel(QFrame):
    chosen = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Your responses")
        self.layout_ = vbox(self, (0, 4, 0, 4), 8)
        self.prompt = label("How do you respond?", "subheading")
        self.layout_.addWidget(self.prompt)
        self.buttons: list[WrapButton] = []

    def show_options(self, options: Sequence[tuple[int, str]]) -> None:
        for old in self.buttons:
            self.layout_.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.buttons = []
        # Labelled by place on screen, not by number in the file: the options are
        # shuffled per attempt, and the keys 1-9 press the button with that label.
        for place, (number, text) in enumerate(options, 1):
            widget = WrapButton(text, str(place))
            widget.clicked.connect(lambda _=False, n=number: self.chosen.emit(n))
            self.layout_.addWidget(widget)
            self.buttons.append(widget)
        count = len(options)
        keys = f"press 1 to {count}" if count > 1 else "press 1"
        self.prompt.setText(f"How do you respond? (click a response, or {keys})")


class EndPanel(QFrame):
    report_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("card", "true")
        self.setAccessibleName("The conversation has ended")
        layout = vbox(self, (18, 14, 18, 16), 8)
        layout.addWidget(label("The conversation has ended", "muted"))
        self.title = label("", "heading")
        layout.addWidget(self.title)
        self.outcome_row = hbox(spacing=8)
        layout.addLayout(self.outcome_row)
        self.note = label("")
        layout.addWidget(self.note)
        self.report_button = button("See how it went  →", "See your report", primary=True)
        self.report_button.clicked.connect(self.report_requested)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_ending(self, ending: EndingView, practice: bool) -> None:
        self.title.setText(ending.title)
        while self.outcome_row.count():
            item = self.outcome_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        tone = words.outcome_tone(ending.outcome)
        self.outcome_row.addWidget(chip(words.OUTCOMES.get(ending.outcome, ending.outcome), tone,
                                        f"<p>{words.OUTCOME_TIPS.get(ending.outcome, '')}</p>"))
        self.outcome_row.addStretch(1)
        self.note.setText("Your report walks through each response, with what worked and "
                          "what might have worked better." if practice else
                          "This was an assessment, so your feedback has been saved for the "
                          "end. It is ready now.")


class ConversationPage(QWidget):
    choice_made = Signal(int)
    text_given = Signal(str)  # free-text mode: the learner's own words
    continue_requested = Signal()
    undo_requested = Signal()
    report_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.practice = True
        self.show_meters = True
        self.bubbles: list[Bubble] = []  # what is on screen, oldest first
        root = vbox(self, (20, 14, 20, 14), 10)
        top = hbox(spacing=12)
        heading_box, heading = column(spacing=4)
        self.title = label("", "heading")
        heading.addWidget(self.title)
        status = hbox(spacing=10)
        self.mode_chip = chip("", "info")
        status.addWidget(self.mode_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        self.count = label("", "muted", wrap=False)
        status.addWidget(self.count, 0, Qt.AlignmentFlag.AlignVCenter)
        status.addStretch(1)
        heading.addLayout(status)
        top.addWidget(heading_box, 1)
        self.leave_button = button("Leave for now", "Leave the conversation for now",
                                   tip="Your progress is saved; continue it from the library.")
        self.leave_button.clicked.connect(self.leave_requested)
        top.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(top)
        main = hbox(spacing=16)
        self.client = ClientPanel()
        self.client.setFixedWidth(250)
        main.addWidget(self.client, 0, Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setAccessibleName("Conversation")
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        flow = QWidget()
        flow.setObjectName("pageBody")
        self.flow = vbox(flow, (4, 4, 12, 12), 10)
        self.lines_box, self.lines = column(spacing=10)
        self.flow.addWidget(self.lines_box)
        self.options = OptionsPanel()
        self.options.chosen.connect(self.choice_made)
        self.feedback = FeedbackPanel()
        self.feedback.undo_requested.connect(self.undo_requested)
        self.feedback.continue_requested.connect(self.continue_requested)
        self.ending = EndPanel()
        self.ending.report_requested.connect(self.report_requested)
        self.free_text_mode = False
        self.writing = FreeTextPanel()
        self.writing.submitted.connect(self.text_given)
        self.writing.options_requested.connect(self.show_options_instead)
        # Shown one at a time. Not a QStackedWidget: that is as tall as its tallest
        # page, and the feedback would float in the space the responses need.
        self.panels: tuple[QWidget, ...] = (self.writing, self.options, self.feedback,
                                            self.ending)
        self.current: QWidget | None = None
        for panel in self.panels:
            panel.hide()
            self.flow.addWidget(panel)
        self.flow.addStretch(1)
        self.scroll.setWidget(flow)
        main.addWidget(self.scroll, 1)
        root.addLayout(main, 1)
        self._scroll_target: QWidget | None = None
        self._scroll_keep: QWidget | None = None
        self._words_first = True
        self._moment_top: QWidget | None = None  # the client's latest words
        self.scroll.viewport().installEventFilter(self)  # re-fit bubbles to its width
        bar = self.scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._on_scroll_range_changed)
        bar.actionTriggered.connect(self._on_scroll_action)  # the learner scrolls: let them

    # -- set-up ------------------------------------------------------------------------
    def begin(self, title: str, client: Person, practice: bool, show_meters: bool,
              said: Sequence[LineView], moment: Moment) -> None:
        """Start drawing a conversation (new or resumed)."""
        self.practice = practice
        self.show_meters = show_meters and practice
        self.title.setText(title)
        self.mode_chip.setText("Practice: feedback after each response" if practice else
                               "Assessment: feedback at the end")
        self.mode_chip.setToolTip(words.MODE_TIPS["practice" if practice else "assessment"])
        self.client.show_person(client)
        self.redraw(said, moment)

    def set_text_scale(self, point_size: int) -> None:
        self._point_size = point_size
        self._fit_client()

    def _fit_client(self) -> None:
        """Panel and face sized to the page as well as the text (see `fit`)."""
        from .fit import face_size, panel_width

        point_size = getattr(self, "_point_size", 12)
        width = panel_width(point_size, self.width())
        self.client.setFixedWidth(width)
        layout = self.client.layout()
        others = layout.totalHeightForWidth(width) - self.client.avatar.height()
        self.client.set_avatar_size(face_size(point_size, width,
                                              self.scroll.height() - others - 8))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_client()

    # -- drawing -----------------------------------------------------------------------
    def _clear_lines(self) -> None:
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # gone from the page now, freed by Qt later
                widget.deleteLater()
        self.bubbles = []

    def add_line(self, line: LineView) -> QWidget:
        kind = "you" if line.speaker == YOU else "client" if line.speaker == "client" else "other"
        bubble = Bubble(line, kind)
        row = QWidget()
        layout = hbox(row)
        if kind == "you":
            layout.addStretch(1)
            layout.addWidget(bubble)
        else:
            layout.addWidget(bubble)
            layout.addStretch(1)
        bubble.fit(self._bubble_width())
        self.lines.addWidget(row)
        self.bubbles.append(bubble)
        return row

    def _bubble_width(self) -> int:
        return max(320, int(self.scroll.viewport().width() * 0.82))

    def show_moment(self, moment: Moment) -> None:
        """The client (and anyone else) speaks; then the learner's turn or the end."""
        first: QWidget | None = None
        for line in moment.lines:
            row = self.add_line(line)
            first = first or row
        self.client.show_state(moment.expression, moment.meters, self.show_meters)
        self.count.setText(f"Responses so far: {moment.turns}")
        self._set_leave_text(ended=moment.ending is not None)
        if moment.ending is not None:
            self.ending.show_ending(moment.ending, self.practice)
            self._show_panel(self.ending)
            self.ending.report_button.setFocus()
        else:
            self.options.show_options([(o.number, o.text) for o in moment.options])
            if self.free_text_mode:
                self.writing.reset()
                self._show_panel(self.writing)
                self.writing.focus()
            else:
                self._show_panel(self.options)
                if self.options.buttons:
                    self.options.buttons[0].setFocus()
        self._moment_top = first
        self._scroll_to(first, keep=self.current)

    def show_options_instead(self) -> None:
        """Free-text mode's fall-back: the written responses, for this turn."""
        self._show_panel(self.options)
        if self.options.buttons:
            self.options.buttons[0].setFocus()

    def _set_leave_text(self, ended: bool) -> None:
        """Once it has ended there is nothing to come back to: no "for now"."""
        if ended:
            self.leave_button.setText("Back to the library")
            self.leave_button.setAccessibleName("Back to the library")
            self.leave_button.setToolTip("Your report is saved in your history.")
        else:
            self.leave_button.setText("Leave for now")
            self.leave_button.setAccessibleName("Leave the conversation for now")
            self.leave_button.setToolTip("Your progress is saved; continue it from the "
                                         "library.")

    def _show_panel(self, panel: QWidget | None) -> None:
        for other in self.panels:
            if other is not panel:
                other.hide()
        if panel is not None:
            panel.show()
        self.current = panel

    def show_response(self, line: LineView) -> None:
        row = self.add_line(line)
        self._show_panel(None)
        # The client's words stay in view above the response and its feedback (at
        # 1366x768 the feedback used to push them off the top).
        self._scroll_to(self._moment_top or row)

    def show_feedback(self, feedback: Feedback) -> None:
        self.count.setText(f"Responses so far: {feedback.turn}")
        self.feedback.show_feedback(feedback)
        self._show_panel(self.feedback)
        # The learner's own words just went up; at large sizes the feedback and its
        # buttons are what must be in view.
        row = self.bubbles[-1].parentWidget() if self.bubbles else None
        # From the client's latest words when they, the response and the feedback fit
        # (at 1366x768 the feedback used to push the words off the top).
        self._scroll_to(self._moment_top or row, keep=self.feedback, words_first=False)
        self.feedback.focus_continue()

    def redraw(self, said: Sequence[LineView], moment: Moment) -> None:
        self._clear_lines()
        for line in said:
            self.add_line(line)
        self.show_moment(moment)

    # -- scrolling: keep the newest client line and the responses in view ----------------
    def _scroll_to(self, widget: QWidget | None, keep: QWidget | None = None,
                   words_first: bool = True) -> None:
        """Show `widget` at the top, unless that hides the end of `keep` (the responses or
        the feedback): then as much of `keep` as fits below the client's last words
        (`words_first`), or all of it, so large text never leaves one response in view."""
        self._scroll_target = widget
        self._scroll_keep = keep
        self._words_first = words_first
        QTimer.singleShot(0, self, self._apply_scroll)  # cancelled if the page goes

    def _on_scroll_range_changed(self, _low: int, _high: int) -> None:
        if self._scroll_target is not None:
            self._apply_scroll()

    def _on_scroll_action(self, _action: int) -> None:
        self._scroll_target = None

    def _apply_scroll(self) -> None:
        bar = self.scroll.verticalScrollBar()
        target = bar.maximum()
        widget = self._scroll_target
        if widget is not None:
            try:
                top = widget.mapTo(self.scroll.widget(), widget.rect().topLeft()).y() - 8
            except RuntimeError:  # deleted by a redraw meanwhile
                top = target
            target = min(target, max(0, top))
            keep = self._scroll_keep
            if keep is not None and keep.isVisible():
                body = self.scroll.widget()
                keep_top = keep.mapTo(body, keep.rect().topLeft()).y() - 8
                keep_bottom = keep.mapTo(body, keep.rect().bottomLeft()).y() + 8
                visible = self.scroll.viewport().height()
                if keep_bottom - target > visible:
                    # Too tall for one view: the client's last words stay in view (they are
                    # what the learner answers), then as many responses as fit below them.
                    last = self.bubbles[-1] if self.bubbles and self._words_first else keep
                    last_top = last.mapTo(body, last.rect().topLeft()).y() - 8
                    target = max(0, min(bar.maximum(), keep_top,
                                        max(target, min(last_top, keep_bottom - visible))))
        bar.setValue(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            width = self._bubble_width()
            for bubble in self.bubbles:
                bubble.fit(width)
        return super().eventFilter(watched, event)

    # -- keyboard ----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        # Only the ASCII digits 1-9: str.isdigit() also says yes to "²" (a key of its own
        # on French keyboards), which int() cannot read. Shift is allowed, since on those
        # keyboards the digits are the shifted characters of the top row.
        allowed = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        if (self.current is self.options and len(text) == 1 and text in "123456789"
                and not event.modifiers() & ~allowed):
            number = int(text)
            if number <= len(self.options.buttons):
                self.options.buttons[number - 1].click()
                event.accept()
                return
        super().keyPressEvent(event)

    def can_undo(self) -> bool:
        return self.practice and self.current is self.feedback and bool(
            self.feedback.feedback and self.feedback.feedback.can_undo)
