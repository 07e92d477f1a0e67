"""Free-text mode's widgets: a box for the learner's own words (with the written
responses one click away), and the part of the feedback that shows how those
words were coded beside the written response they stood for and the best one.

The widgets only draw and forward: coding and matching happen in the core
(`simulator.core.freetext`) through the controller.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from .present import FreeTextView
from .widgets import button, hbox, label, vbox

if TYPE_CHECKING:
    from .controller import SessionController
    from .conversation import ConversationPage

PLACEHOLDER = "Type what you would say, as you would say it… (Ctrl+Enter to send)"


class _Editor(QPlainTextEdit):
    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FreeTextPanel(QFrame):
    """Where the learner writes their response before any options are shown."""

    submitted = Signal(str)
    options_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your response, in your own words")
        layout = vbox(self, (0, 4, 0, 4), 8)
        layout.addWidget(label("What would you say?", "subheading"))
        layout.addWidget(label("Write it in your own words. Rapport codes it the way a MITI "
                               "coder would, and the conversation carries on with the "
                               "written response closest to what you did.", "small"))
        self.editor = _Editor()
        self.editor.setPlaceholderText(PLACEHOLDER)
        self.editor.setAccessibleName("Your words")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(96)
        self.editor.submitted.connect(self._submit)
        layout.addWidget(self.editor)
        # In a notice frame (the theme's warning colours): a grey line under the box
        # is easy to miss, and the learner must see why nothing happened.
        self.error_box = QFrame()
        self.error_box.setProperty("notice", True)
        self.error = label("")
        self.error.setAccessibleName("Why your words could not be coded")
        vbox(self.error_box, (12, 8, 12, 8)).addWidget(self.error)
        self.error_box.hide()
        layout.addWidget(self.error_box)
        row = hbox(spacing=10)
        self.options_button = button("Show the written responses", "Show the written responses",
                                     tip="Choose from the written responses instead")
        self.options_button.clicked.connect(self.options_requested)
        row.addWidget(self.options_button)
        row.addStretch(1)
        self.send_button = button("Say it  →", "Say it", primary=True,
                                  tip="Code your words and continue (Ctrl+Enter)")
        self.send_button.clicked.connect(self._submit)
        row.addWidget(self.send_button)
        layout.addLayout(row)

    def reset(self) -> None:
        self.editor.clear()
        self.error_box.hide()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error_box.show()
        self.editor.setFocus()

    def focus(self) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        self.submitted.emit(self.editor.toPlainText())


class FreeTextFeedback(QFrame):
    """In the feedback: your words as coded, the match, and the best written response."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", "true")
        self.setAccessibleName("How your words were coded")
        layout = vbox(self, (14, 10, 14, 12), 6)
        self.coded = label("", "subheading")
        layout.addWidget(self.coded)
        self.why = label("", "small")
        layout.addWidget(self.why)
        self.matched = label("")
        layout.addWidget(self.matched)
        self.best = label("")
        layout.addWidget(self.best)
        self.hide()

    def show_view(self, view: FreeTextView | None) -> None:
        if view is None:
            self.hide()
            return
        self.coded.setText(f"Your words were coded as {view.code_words} "
                           f"({view.confidence}% sure)")
        self.why.setText(" ".join([*view.reasons, *view.extras]))
        self.matched.setText(f"Closest written response: “{view.matched}”\n{view.match_why}")
        self.best.setText(f"The strongest written response here: “{view.best}”"
                          if view.best else "That is also the strongest written response here.")
        self.setAccessibleDescription(" ".join([self.coded.text(), self.why.text(),
                                                self.matched.text(), self.best.text()]))
        self.show()


def connect(window: object, controller: SessionController, page: ConversationPage) -> None:
    """Wire free-text mode into a conversation that is starting.

    A new session is in free-text mode when the learner ticked the briefing's switch;
    a resumed one when its saved turns were written (the controller knows).
    """
    if controller.record_id is None and not controller.session.turns:
        briefing = window._built("briefing")  # type: ignore[attr-defined]
        controller.free_text = bool(briefing is not None and briefing.free_text())
    page.free_text_mode = controller.free_text
    if controller.free_text:
        warm_up_coder()
    page.text_given.connect(controller.say)
    controller.text_rejected.connect(page.writing.show_error)


def warm_up_coder() -> None:
    """Read the coder's network while the learner reads the client's first line.

    Loading takes a few tenths of a second; done here, in the background, the
    first answer is coded as fast as the rest. A failure is left for `say` to
    report, where the learner can act on it.
    """
    from simulator.core.coder import CoderModelError, shared_model

    def load() -> None:
        with contextlib.suppress(CoderModelError):
            shared_model()

    threading.Thread(target=load, name="coder-warm-up", daemon=True).start()
