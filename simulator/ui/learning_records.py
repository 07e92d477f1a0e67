"""Learning records in the app: queue each saved turn, send in the background, and
show what is waiting in the status bar and on the settings screen.

Attached to the main window from outside (`attach`), so the window, the flow and
the controller know nothing about xAPI: a saved turn (the controller's `saved`
signal) is queued here, and the core's `SendLoop` thread reports back through a
signal, which Qt delivers on the window's thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from simulator.core.errors import RapportError
from simulator.xapi.config import XapiConfigStore, XapiSettings, XapiSettingsError

if TYPE_CHECKING:
    from simulator.core.profile import Profile
    from simulator.storage.history import History
    from simulator.xapi.client import LrsClient
    from simulator.xapi.outbox import Outbox
    from simulator.xapi.sender import SendLoop, SendStatus

    from .controller import SessionController
    from .learning_records_view import LearningRecordsCard
    from .main_window import MainWindow

log = logging.getLogger("rapport.ui")


def _minutes(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} seconds"
    return f"{round(seconds / 60)} minutes"


def status_words(status: SendStatus, switched_on: bool = False) -> tuple[str, str]:
    """What the status bar says (short) and its tooltip (the whole reason).

    `switched_on`: the learner has turned sending on, so a sender that is not sending
    is waiting for the settings to be completed, not switched off.
    """
    waiting = status.backlog.waiting
    refused = status.backlog.rejected
    if not status.enabled:
        if not waiting:
            return "", ""
        records = f"{waiting} learning record{'s' if waiting != 1 else ''} waiting"
        if switched_on:
            return (f"{records} (settings incomplete)",
                    "Complete the settings under Settings, Learning records.")
        return f"{records} (sending is off)", \
            "Switch sending on under Settings, Learning records."
    parts = []
    if waiting:
        parts.append(f"{waiting} learning record{'s' if waiting != 1 else ''} waiting to send")
    if refused:
        parts.append(f"{refused} refused by the record store")
    if not parts:
        return "", ""
    tip = ""
    if status.error:
        tip = status.error[0].upper() + status.error[1:] + "."
        if status.retry_in:
            tip += f" Next try in about {_minutes(status.retry_in)}."
    elif refused:
        tip = "The record store would not accept some records; see the log for why."
    return "; ".join(parts), tip


class LearningRecords(QObject):
    status_changed = Signal(object)  # SendStatus

    def __init__(self, store: XapiConfigStore | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store or XapiConfigStore()
        self.settings: XapiSettings = self.store.load()
        self.outbox: Outbox | None = None
        self.loop: SendLoop | None = None
        self.last_status: SendStatus | None = None
        self.card: LearningRecordsCard | None = None
        self.profile: Profile | None = None  # the student practising now, if any

    @property
    def active(self) -> XapiSettings:
        """The settings for the student practising now: a profile names the actor."""
        return self.settings.for_profile(self.profile)

    # -- the history and the sender ------------------------------------------------------
    def open(self, history: History | None, *, base_delay: float | None = None) -> None:
        """Start queueing into `history`'s file and sending in the background."""
        from simulator.xapi.outbox import Outbox, OutboxError
        from simulator.xapi.sender import BASE_DELAY_S, SendLoop

        if history is None or self.outbox is not None:
            return
        try:
            self.outbox = Outbox(history.path)
        except OutboxError as error:
            log.warning("learning records are unavailable: %s", error)
            return
        if self.active.send and not self.active.problems():
            from simulator.xapi.records import catch_up

            try:
                catch_up(self.outbox, history, self.active.learner)
            except RapportError as error:
                log.warning("catching up on learning records failed: %s", error)
        self.loop = SendLoop(self.outbox, self._client, self.status_changed.emit,
                             base_delay=base_delay or BASE_DELAY_S).start()

    def _client(self) -> LrsClient | None:
        """Called on the sender thread: the LRS to use now, or None while off."""
        from simulator.xapi.client import LrsClient

        config = self.store.lrs_config(self.settings)
        return None if config is None else LrsClient(config)

    def close(self) -> None:
        if self.loop is not None:
            self.loop.stop()
            self.loop = None
        if self.outbox is not None:
            self.outbox.close()
            self.outbox = None

    # -- queueing ------------------------------------------------------------------------
    def follow(self, controller: SessionController) -> None:
        """Queue the session's statements each time the controller has saved it."""
        controller.saved.connect(lambda record_id, c=controller: self.queue(c, record_id))

    def queue(self, controller: SessionController, record_id: str) -> None:
        from simulator.core.report import build_report
        from simulator.xapi.records import queue_session

        settings = self.active
        if self.outbox is None or not settings.send or settings.problems():
            return
        try:
            if queue_session(self.outbox, build_report(controller.session), record_id,
                             settings.learner) and self.loop is not None:
                self.loop.wake()
        except RapportError as error:
            from simulator.xapi.sender import SendStatus

            log.warning("queueing learning records failed: %s", error)
            self.status_changed.emit(SendStatus(True, self.outbox.backlog(), str(error)))

    # -- settings ------------------------------------------------------------------------
    def save_settings(self, settings: XapiSettings, secret: str | None) -> str | None:
        """Save and apply; returns a message for the learner if saving failed."""
        try:
            self.store.save(settings, secret)
        except XapiSettingsError as error:
            return str(error)
        self.settings = settings
        self.send_now()
        return None

    def has_secret(self) -> bool:
        return bool(self.settings.key) and self.store.secret(self.settings) is not None

    def send_now(self) -> None:
        if self.loop is not None:
            self.loop.wake(now=True)


def attach(window: MainWindow, records: LearningRecords | None = None) -> LearningRecords:
    """Wire learning records into the window: queueing, the status bar, the settings card."""
    records = records or LearningRecords(parent=window)
    status = QLabel("")
    status.setAccessibleName("Learning records status")
    status.setTextFormat(Qt.TextFormat.PlainText)
    status.setVisible(False)
    window.statusBar().addPermanentWidget(status)
    window.learning_records_label = status  # type: ignore[attr-defined]
    window.conversation_started.connect(records.follow)

    def follow_history(history: History) -> None:
        """Another student's profile: their history file holds their own queue, and
        their records name them."""
        records.close()
        records.profile = getattr(window, "profile", None)
        records.open(history)

    window.history_switched.connect(follow_history)

    def show(state: SendStatus) -> None:
        records.last_status = state
        text, tip = status_words(state, records.settings.send)
        status.setText(text)
        status.setToolTip(tip)
        status.setVisible(bool(text))
        if records.card is not None:
            records.card.show_state(_card_words(state))

    records.status_changed.connect(show)

    def on_page_built(name: str, page: Any) -> None:
        if name == "settings":
            _add_card(records, page)

    window.page_built.connect(on_page_built)
    built = window._built("settings")
    if built is not None:
        _add_card(records, built)
    return records


def _card_words(state: SendStatus) -> str:
    backlog = state.backlog
    text = (f"{backlog.sent} sent, {backlog.waiting} waiting"
            + (f", {backlog.rejected} refused" if backlog.rejected else "") + ".")
    if state.error:
        text += f" Last problem: {state.error}."
    return text


def _add_card(records: LearningRecords, page: Any) -> None:
    from .learning_records_view import LearningRecordsCard

    card = LearningRecordsCard()
    records.card = card
    card.show_settings(records.settings, records.has_secret())
    if records.last_status is not None:
        card.show_state(_card_words(records.last_status))

    def on_save(settings: XapiSettings, secret: str | None) -> None:
        failure = records.save_settings(settings, secret)
        if failure:
            card.problems.setText(failure)
        else:
            card.show_settings(settings, records.has_secret())

    card.save_requested.connect(on_save)
    card.send_now_requested.connect(records.send_now)
    page.add_section(card)
