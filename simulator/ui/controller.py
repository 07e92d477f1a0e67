"""One conversation in progress: the Session, its saving, and the signals the
screen listens to.

The controller turns the core's actions into plain data (see `present`) and
announces it; the conversation screen only draws. A response is saved to the
history (a durable SQLite commit, about a millisecond) before anything about it
is announced: saving after the feedback was drawn lost the turn when the app was
killed in the moment between (18 of 50 targeted kills). `flush()` forces any
pending save (after an undo, leaving the screen, closing the window).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from simulator.core.errors import RapportError
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.storage.history import History

from . import present

log = logging.getLogger("rapport.ui")
# An undo is saved this long after it is drawn (a response is saved at once): a kill in
# between only brings back the turn that was undone, which the learner can undo again.
SAVE_DELAY_MS = 50


class SessionController(QObject):
    response_given = Signal(object)  # LineView: what the learner said
    feedback_ready = Signal(object)  # Feedback (practice mode)
    moment_changed = Signal(object)  # Moment: the client's next lines and options
    redrawn = Signal(object, object)  # list[LineView] said so far, Moment (after undo)
    saved = Signal(str)  # record id
    save_failed = Signal(str)  # a message for the learner

    def __init__(self, session: Session, history: History | None, record_id: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.history = history
        self.record_id = record_id
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    # -- what the screen asks ----------------------------------------------------------
    @property
    def scenario(self) -> Any:
        return self.session.scenario

    @property
    def practice(self) -> bool:
        return self.session.mode == "practice"

    @property
    def finished(self) -> bool:
        return self.session.finished

    def moment(self) -> present.Moment:
        return present.moment(self.session)

    def said_so_far(self) -> list[present.LineView]:
        return present.transcript(self.session)

    def report(self) -> dict[str, Any]:
        return build_report(self.session)

    # -- what the learner does ---------------------------------------------------------
    def choose(self, number: int) -> None:
        """Give a response; practice mode pauses for feedback, assessment moves on."""
        if self.session.finished:
            return
        turn = self.session.choose(number)
        self._pending = True
        self.flush()  # durable before the screen shows anything of this response
        self.response_given.emit(present.you_said(turn.option(self.scenario).text))
        if self.practice:
            self.feedback_ready.emit(present.feedback(self.session, turn))
        else:
            self.moment_changed.emit(self.moment())

    def proceed(self) -> None:
        """After reading feedback: the client answers."""
        self.moment_changed.emit(self.moment())

    def undo(self) -> None:
        if not self.session.can_undo:
            return
        self.session.undo()
        self.redrawn.emit(self.said_so_far(), self.moment())
        self._schedule_save()

    # -- saving ------------------------------------------------------------------------
    def _schedule_save(self) -> None:
        self._pending = True
        self._timer.start()

    def flush(self) -> None:
        """Save now if a save is pending (called on a timer, and before leaving)."""
        if not self._pending or self.history is None:
            self._pending = False
            return
        self._pending = False
        try:
            self.record_id = self.history.save(self.session, self.record_id)
        except RapportError as error:
            log.warning("saving the session failed: %s", error)
            self.save_failed.emit(str(error))
            return
        self.saved.emit(self.record_id)

    def close(self) -> None:
        self._timer.stop()
        self.flush()
        self.session.close()
