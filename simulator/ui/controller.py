"""One conversation in progress: the Session, its saving, and the signals the
screen listens to.

The controller turns the core's actions into plain data (see `present`) and
announces it; the conversation screen only draws. A response is saved to the
history before anything about it is announced: saving after the feedback was
drawn lost the turn when the app was killed in the moment between (18 of 50
targeted kills). That save is committed without waiting for the disk (a kill
cannot lose it; a fraction of a millisecond), and the wait for the disk, which
makes it safe from power loss too, follows once the feedback is on the screen:
waiting first cost 8-20 ms of a 16 ms frame on a busy disk. `flush()` forces
what is pending (after an undo, leaving the screen, closing the window).
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
# An undo is saved this long after it is drawn, and a response's save waited for on the
# disk (it is saved at once): a kill in between only brings back a turn that was undone.
SAVE_DELAY_MS = 50


class SessionController(QObject):
    response_given = Signal(object)  # LineView: what the learner said
    feedback_ready = Signal(object)  # Feedback (practice mode)
    moment_changed = Signal(object)  # Moment: the client's next lines and options
    redrawn = Signal(object, object)  # list[LineView] said so far, Moment (after undo)
    saved = Signal(str)  # record id
    save_failed = Signal(str)  # a message for the learner
    text_rejected = Signal(str)  # free-text mode: why the learner's words cannot be coded

    def __init__(self, session: Session, history: History | None, record_id: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.history = history
        self.record_id = record_id
        # Free-text mode: the learner writes first. A resumed session is in it when its
        # saved turns were written in the learner's own words.
        self.free_text = any(turn.said is not None for turn in session.turns)
        self._pending = False
        self._unsynced = False  # the last save has not been waited for on the disk yet
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
        # Saved before the screen shows anything of this response, so a kill loses
        # nothing; the wait for the disk (milliseconds on a busy one) comes after the
        # feedback is drawn, with the next flush.
        if self._save(wait_for_disk=False):
            self._unsynced = True
            self._timer.start()
        self.response_given.emit(present.you_said(turn.option(self.scenario).text))
        if self.practice:
            self.feedback_ready.emit(present.feedback(self.session, turn))
        else:
            self.moment_changed.emit(self.moment())

    def say(self, text: str) -> None:
        """Free-text mode: code the learner's words and go on with the closest option."""
        from simulator.core.coder import CoderModelError
        from simulator.core.freetext import FreeTextError, answer

        node = self.session.node
        if node is None:
            return
        try:
            said = answer(node, text)
        except FreeTextError as error:
            self.text_rejected.emit(str(error))
            return
        except CoderModelError as error:
            self.text_rejected.emit("Rapport cannot read typed answers on this computer just "
                                    "now, so please choose from the written responses. "
                                    f"(For whoever looks after it: {error}.)")
            return
        turn = self.session.choose(said.match.option, said=said)
        self.response_given.emit(present.you_said(said.text))
        if self.practice:
            self.feedback_ready.emit(present.feedback(self.session, turn))
        else:
            self.moment_changed.emit(self.moment())
        self._schedule_save()

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
        """Save now if a save is pending, and wait for the disk to hold the last save
        (called on a timer, and before leaving)."""
        if self.history is None:
            self._pending = self._unsynced = False
            return
        if self._pending:
            self._pending = self._unsynced = False
            self._save(wait_for_disk=True)
        elif self._unsynced:
            self._unsynced = False
            try:
                self.history.sync()
            except RapportError as error:
                log.warning("saving the session failed: %s", error)
                self.save_failed.emit(str(error))

    def _save(self, wait_for_disk: bool) -> bool:
        """Save the session; False (and the learner told) when it could not be saved."""
        if self.history is None:
            return False
        try:
            self.record_id = self.history.save(self.session, self.record_id,
                                               wait_for_disk=wait_for_disk)
        except RapportError as error:
            log.warning("saving the session failed: %s", error)
            self.save_failed.emit(str(error))
            return False
        self.saved.emit(self.record_id)
        return True

    def close(self) -> None:
        self._timer.stop()
        self.flush()
        self.session.close()
