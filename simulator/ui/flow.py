"""What the main window does with sessions: start, resume and leave a
conversation, show a report, export it, open and delete saved sessions.

A mixin of `MainWindow`, kept apart so each file has one job: the window
builds screens and moves between them; this decides what a session does.
The core and storage are imported when first needed, so the window opens fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.core.errors import RapportError

from . import dialogs, theme

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer, SignalInstance
    from PySide6.QtWidgets import QLabel, QStackedWidget, QToolButton

    from simulator.core.model import Scenario
    from simulator.storage.history import History

    from .catalogue import Catalogue
    from .controller import SessionController
    from .conversation import ConversationPage
    from .present import Moment
    from .report_view import ReportPage
    from .route_map import RouteMapWindow
    from .settings import Settings
    from .speech import Reader

_RECORD_UNREADABLE = ("That saved session could not be opened. It may have been deleted, or "
                      "its record was damaged outside Rapport. The rest of your history is "
                      "safe.")

SAVED_MESSAGE_MS = 2500


def _fresh_seed() -> int | None:
    from simulator.core.session import new_seed

    return new_seed()


class SessionFlow:
    """Session, report and history actions, mixed into MainWindow, which provides these."""

    history: History | None
    catalogue: Catalogue
    controller: SessionController | None
    report: dict[str, Any] | None
    settings: Settings
    stack: QStackedWidget
    nav: dict[str, QToolButton]
    saved_label: QLabel
    _saved_timer: QTimer
    # Where each new attempt's shuffle seed comes from (None: file order). A test sets
    # its own, to know which option is shown where.
    seeds: Callable[[], int | None] = staticmethod(_fresh_seed)
    conversation: ConversationPage
    report_page: ReportPage
    route_map: RouteMapWindow | None
    conversation_started: SignalInstance
    report_shown: SignalInstance
    _speech: Reader | None = None  # built when reading aloud is first turned on

    # -- conversations -----------------------------------------------------------------
    def start_conversation(self, scenario_id: str, mode: str) -> None:
        from simulator.core.session import Session

        scenario = self.catalogue.scenario(scenario_id)
        if scenario is None:
            self.show_briefing(scenario_id)
            return
        # A new order of options for every attempt, so place and habit give nothing away.
        self._begin(Session(scenario, mode=mode, seed=self.seeds()), None)

    def resume(self, record_id: str) -> None:
        from simulator.core.session import Session

        record = self._safely(lambda: self.history.get(record_id) if self.history else None)
        if record is None:
            dialogs.show_error(self, "Session not found", _RECORD_UNREADABLE)
            return
        scenario = self.catalogue.scenario(record.scenario_id)
        if scenario is None:
            dialogs.show_error(self, "Scenario missing",
                               f"The scenario '{record.scenario_title}' is not in the library "
                               "any more, so this session cannot be continued.")
            return
        try:
            session = Session.restore(scenario, record.saved)
        except RapportError as error:
            dialogs.show_error(self, "This session cannot be continued", str(error))
            return
        if session.extra.get("presenter"):  # a class's session goes back on the projector
            self.present_session(session, record.id)
            return
        self._begin(session, record.id)

    def _begin(self, session: Any, record_id: str | None) -> None:
        from .controller import SessionController

        self._end_conversation()
        controller = SessionController(session, self.history, record_id=record_id,
                                       parent=self)
        self.controller = controller
        page = self.conversation
        controller.response_given.connect(page.show_response)
        controller.feedback_ready.connect(page.show_feedback)
        controller.moment_changed.connect(page.show_moment)
        controller.moment_changed.connect(self.read_aloud)
        controller.redrawn.connect(page.redraw)
        controller.saved.connect(self._on_controller_saved)
        controller.save_failed.connect(self._on_controller_save_failed)
        page.choice_made.connect(controller.choose)
        page.continue_requested.connect(controller.proceed)
        page.undo_requested.connect(controller.undo)
        from . import free_text  # with the conversation screen, not at start-up

        free_text.connect(self, controller, page)
        prefs = self.settings.prefs
        page.begin(controller.scenario.title, controller.scenario.client, controller.practice,
                   prefs.meters, controller.said_so_far(), controller.moment())
        self._go(page, "library")
        self.read_aloud(controller.moment())
        self.conversation_started.emit(controller)

    def _end_conversation(self) -> None:
        """Leave the conversation: save what is pending and let the session go."""
        controller, self.controller = self.controller, None
        if controller is None:
            return
        page = self.conversation
        for signal, slot in ((page.choice_made, controller.choose),
                             (page.continue_requested, controller.proceed),
                             (page.undo_requested, controller.undo),
                             (page.text_given, controller.say)):
            signal.disconnect(slot)
        controller.close()
        controller.deleteLater()
        if self._speech is not None:
            self._speech.stop()

    def _on_controller_saved(self, _record_id: str) -> None:
        self.saved_label.setText("Progress saved")
        self._saved_timer.start(SAVED_MESSAGE_MS)

    def _on_controller_save_failed(self, message: str) -> None:
        self.saved_label.setText("Not saved")
        self.statusBar().showMessage(
            f"Your progress could not be saved: {message}", 15000)

    def _on_undo_triggered(self) -> None:
        page = self._built("conversation")
        if page is not None and self.stack.currentWidget() is page \
                and page.can_undo() and self.controller is not None:
            self.controller.undo()

    def _on_conversation_report_requested(self) -> None:
        controller = self.controller
        if controller is None:
            return
        controller.flush()
        report = controller.report()
        record_id = controller.record_id
        self._end_conversation()
        self.show_report(report)
        self.report_record_id = record_id

    # -- reading aloud ---------------------------------------------------------------
    def speech(self) -> Reader:
        if self._speech is None:
            from .speech import Reader

            self._speech = Reader(parent=self)  # type: ignore[arg-type]
        return self._speech

    def read_aloud(self, moment: Moment) -> None:
        """The client's words, when the learner has turned reading aloud on."""
        if not self.settings.prefs.read_aloud:
            return
        self.speech().say(" ".join(line.text for line in moment.lines
                                   if line.speaker == "client"))

    # -- reports -----------------------------------------------------------------------
    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.report_record_id = None  # set again by whoever knows the saved session
        scenario = self.catalogue.scenario(report.get("scenario", {}).get("id", ""))
        page = self.report_page
        page.show_report(report, self._frameworks(), self._colours(), self.font(),
                         self._ranges(scenario), can_play=scenario is not None,
                         labels=self._labels(scenario))
        self._go(page, "library")
        self.report_shown.emit(report)

    def export_report(self, kind: str) -> Path | None:
        from . import charts, export

        report = self.report
        if report is None:
            return None
        report = self.with_export_meta(report)  # who, what, when: see ClassroomFlow
        file_filter, suffix = export.FORMATS[kind]
        # The name the class setting gives, in the folder the learner last saved to.
        suggested = str(self.export_folder()
                        / Path(self.suggested_export_path(report["meta"], suffix)).name)
        chosen = dialogs.save_file(self, "Save the report", suggested, file_filter)
        if not chosen:
            return None
        self.settings.update(export_folder=str(Path(chosen).parent))  # next time, here
        chart = None
        if kind == "pdf":
            scenario = self.catalogue.scenario(report.get("scenario", {}).get("id", ""))
            chart = charts.render_image(charts.state_chart(
                report.get("report", {}).get("trajectory", []),
                {"trust": "Trust", "arousal": "Arousal", **self._labels(scenario)},
                theme.colours("light"), self.font(), self._ranges(scenario)))
        try:
            path = export.write(kind, report, Path(chosen), self._frameworks(), chart)
        except RapportError as error:
            dialogs.show_error(self, "The report was not saved", str(error))
            return None
        self.statusBar().showMessage(f"Saved {path}", 8000)
        return path

    def export_folder(self) -> Path:
        """Where the save dialog opens: the folder last saved to, while it exists."""
        last = self.settings.prefs.export_folder
        if last and Path(last).is_dir():
            return Path(last)
        return Path.home()

    def show_route_map(self, scenario_id: str, route: list[tuple[str, str, int]]) -> None:
        """The scenario's map with the learner's path, in its own window (one at a time)."""
        scenario = self.catalogue.scenario(scenario_id)
        if scenario is None:
            title = (self.report or {}).get("scenario", {}).get("title") or scenario_id
            dialogs.show_error(self, "The map cannot be shown",
                               f"The scenario '{title}' is not in the library any more, so "
                               "there is no map to draw your path on. Your report is still "
                               "here to read and save.")
            return
        from .route_map import RouteMapWindow  # the studio's map: loaded on first use

        window = self.route_map
        if window is None:
            window = self.route_map = RouteMapWindow(self)  # type: ignore[arg-type]
        digest = (self.report or {}).get("scenario", {}).get("digest", "")
        window.show_route(scenario, route, changed=bool(digest) and digest != scenario.digest)
        window.show()
        window.raise_()
        window.activateWindow()

    # -- saved sessions ----------------------------------------------------------------
    def open_record(self, record_id: str) -> None:
        record = self._safely(lambda: self.history.get(record_id) if self.history else None)
        if record is None:
            dialogs.show_error(self, "Session not found", _RECORD_UNREADABLE)
            return
        self.show_report(record.report)
        self.report_record_id = record.id
        self.nav["history"].setChecked(True)

    def delete_record(self, record_id: str) -> None:
        if self.history is None:
            return
        if not dialogs.ask(self, "Delete this session?",
                           "This removes the session and its report from your history. It "
                           "cannot be undone.", "Delete", "Keep it"):
            return
        self._safely(lambda: self.history.delete(record_id) if self.history else None)
        self.refresh_history()

    def _safely(self, read: Any) -> Any:
        """A history read that fails shows the reason in the status bar; the screen goes on."""
        try:
            return read()
        except RapportError as error:
            self.statusBar().showMessage(str(error), 10000)
            return None

    # -- helpers -----------------------------------------------------------------------
    def _colours(self) -> dict[str, str]:
        return theme.colours(self.settings.prefs.theme)

    @staticmethod
    def _frameworks() -> dict[str, Any]:
        from simulator.core.frameworks import builtin_frameworks
        return builtin_frameworks()

    @staticmethod
    def _labels(scenario: Scenario | None) -> dict[str, str]:
        if scenario is None:
            return {}
        return {vid: var.label for vid, var in scenario.state.items()}

    @staticmethod
    def _ranges(scenario: Scenario | None) -> dict[str, tuple[float, float]]:
        if scenario is None:
            return {}
        return {vid: (var.minimum, var.maximum) for vid, var in scenario.state.items()}
