"""What the main window does for classrooms: who is practising (profiles, one
history each), the who/what/when block on every export, and handing sessions in.

A mixin of `MainWindow`, like `flow.SessionFlow`, so the busy window module
only gains a base class and a button.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.core.errors import RapportError

from . import dialogs
from .plain import plain_tip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QToolButton

    from simulator.core.profile import Profile
    from simulator.storage.history import History

log = logging.getLogger("rapport.ui")


class ClassroomFlow:
    """Profiles, export metadata and hand-in, mixed into MainWindow."""

    history: History | None
    profile: Profile | None
    seeds: Any  # SessionFlow's source of shuffle seeds
    report_record_id: str | None
    profile_button: QToolButton
    history_switched: Any  # Signal(History)

    # -- profiles ----------------------------------------------------------------------
    def profile_store(self) -> Any:
        from simulator.storage.profiles import ProfileStore
        return ProfileStore()

    def choose_profile(self) -> bool:
        """Ask who is practising and switch to them; False when the learner cancelled."""
        store = self.profile_store()
        accepted, chosen = dialogs.choose_profile(self, store.profiles(), self.profile)
        if not accepted:
            return False
        return self.switch_profile(chosen)

    def switch_profile(self, profile: Profile | None) -> bool:
        """Open the profile's own history (creating it) and show the library with it."""
        from simulator.storage.history import History, HistoryError
        from simulator.storage.profiles import history_path

        try:
            if profile is not None:
                self.profile_store().use(profile)
            history = History(history_path(profile))
        except (HistoryError, RapportError) as error:
            dialogs.show_error(self, "That profile could not be opened", str(error))
            return False
        self._end_conversation()
        old, self.history = self.history, history
        self.profile = profile
        if old is not None and old is not history:
            old.close()
        self.show_profile()
        self.set_history(history)
        self.history_switched.emit(history)  # e.g. learning records follow the new file
        self.show_library()
        return True

    def show_profile(self) -> None:
        profile = self.profile
        text = f"Student: {profile.name or profile.student_id}" if profile else "No profile"
        self.profile_button.setText(text)
        self.profile_button.setAccessibleName(f"Who is practising: {text}")
        self.profile_button.setToolTip(plain_tip(  # a name typed by anyone: never markup
            (f"{profile.label}. " if profile else "") +
            "Click to change who is practising; each student keeps their own history."))

    # -- what every export carries -----------------------------------------------------
    def export_meta(self, report: dict[str, Any]) -> dict[str, Any]:
        """The who/what/when block for the report on screen."""
        from simulator.storage.meta import export_meta

        attempt = date = None
        history, record_id = self.history, self.report_record_id
        if history is not None and record_id is not None:
            try:
                attempt = history.attempt(record_id)
                record = history.get(record_id)
                date = record.updated_at if record is not None else None
            except RapportError as error:
                log.warning("export without attempt number: %s", error)
        return export_meta(report, self.profile, attempt=attempt, date=date)

    def suggested_export_path(self, meta: dict[str, Any], suffix: str) -> str:
        from simulator.storage.meta import default_file_name
        return str(Path.home() / default_file_name(meta, suffix))

    def with_export_meta(self, report: dict[str, Any]) -> dict[str, Any]:
        from simulator.storage.meta import with_meta
        return with_meta(report, self.export_meta(report))

    # -- hand in -----------------------------------------------------------------------
    def hand_in(self) -> Path | None:
        """Write the chosen sessions into one sealed hand-in file; returns its path."""
        from simulator.storage import handin

        if self.profile is None:
            dialogs.show_info(self, "Who is handing in?",
                              "A hand-in file carries your name or student id, so your "
                              "trainer knows whose it is. Choose or add yourself first.")
            if not self.choose_profile() or self.profile is None:
                return None
        history = self.history
        profile = self.profile
        records = self._safely(history.summaries) if history is not None else None
        if not records:
            dialogs.show_info(self, "Nothing to hand in yet",
                              "Play a scenario first; your sessions will appear here.")
            return None
        chosen = dialogs.choose_sessions(self, records, profile.label)
        if not chosen:
            return None
        try:
            data = handin.handin_from_history(history, profile, chosen)
        except RapportError as error:
            dialogs.show_error(self, "The hand-in file was not made", str(error))
            return None
        target = dialogs.save_file(self, "Save your hand-in file",
                                   str(Path.home() / handin.default_name(profile,
                                                                         data["created"])),
                                   "Rapport hand-in (*.rapport.json)")
        if not target:
            return None
        try:
            path = handin.write_handin(data, Path(target))
        except RapportError as error:
            dialogs.show_error(self, "The hand-in file was not saved", str(error))
            return None
        self.statusBar().showMessage(f"Saved {path}: send this file to your trainer.", 10000)
        return path

    # -- the Class page ----------------------------------------------------------------
    def _build_class(self) -> Any:
        from .class_page import ClassPage

        page = ClassPage()
        page.folder_requested.connect(self._on_class_folder_requested)
        page.anonymise_changed.connect(lambda _on: self.load_class_folder(self.class_folder))
        page.export_requested.connect(self.export_class)
        return page

    def show_class(self) -> None:
        page = self._page("class")
        self._go(page, "class")
        page.open_button.setFocus()

    def _on_class_folder_requested(self) -> None:
        folder = dialogs.choose_folder(self, "Choose the folder of hand-in files",
                                       self.class_folder or str(Path.home()))
        if folder:
            self.load_class_folder(folder)

    def load_class_folder(self, folder: str | None) -> None:
        """Read every hand-in in the folder and show the class report."""
        from simulator.class_cmd import load_class

        from .class_html import class_html

        if not folder:
            return
        page = self._page("class")
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # ~1 s for 40 files
        try:
            scenarios = {e.scenario.id: e.scenario for e in self.catalogue.sorted_entries()
                         if e.scenario is not None}
            report, problems = load_class(Path(folder), page.anonymise.isChecked(), scenarios)
        except RapportError as error:
            QApplication.restoreOverrideCursor()
            dialogs.show_error(self, "The folder could not be read", str(error))
            return
        QApplication.restoreOverrideCursor()
        self.class_folder = folder
        self.class_report = report
        page.show_report(folder, class_html(report, points=self.settings.prefs.point_size),
                         len(report.students), report.sessions, problems)

    def export_class(self, kind: str) -> Path | None:
        from simulator.storage.gradebook import write_gradebook

        from .class_html import class_html
        from .pdf import write_html_pdf

        report = self.class_report
        if report is None:
            return None
        name = Path(self.class_folder or "class").name or "class"
        suffix, file_filter = ((".csv", "Gradebook, CSV (*.csv)") if kind == "csv"
                               else (".pdf", "PDF document (*.pdf)"))
        stem = "gradebook" if kind == "csv" else "class-report"
        chosen = dialogs.save_file(self, "Save the gradebook" if kind == "csv" else
                                   "Save the class report",
                                   str(Path.home() / f"rapport-{stem}-{name}{suffix}"),
                                   file_filter)
        if not chosen:
            return None
        try:
            path = (write_gradebook(report, Path(chosen)) if kind == "csv" else
                    write_html_pdf(class_html(report), Path(chosen), "Rapport class report"))
        except RapportError as error:
            dialogs.show_error(self, "The file was not saved", str(error))
            return None
        self.statusBar().showMessage(f"Saved {path}", 8000)
        return path

    # -- presenter mode ----------------------------------------------------------------
    def present(self, scenario_id: str, timer_seconds: int = 0, full_screen: bool = True
                ) -> Any:
        """Open a scenario in presenter mode, on its own full-screen window."""
        from simulator.core.session import Session

        scenario = self.catalogue.scenario(scenario_id)
        if scenario is None:
            dialogs.show_error(self, "Scenario not found",
                               f"There is no scenario called '{scenario_id}' in the library. "
                               "Pick one from the list instead.")
            return None
        # Shuffled like any attempt (SessionFlow.seeds), so where a response sits on the
        # screen does not give its grade away to the class either.
        return self.present_session(Session(scenario, mode="practice", seed=self.seeds()),
                                    None, timer_seconds, full_screen)

    def present_session(self, session: Any, record_id: str | None, timer_seconds: int = 0,
                        full_screen: bool = True) -> Any:
        """Show a session (new, or a class's session resumed) in presenter mode."""
        from .presenter import PresenterWindow

        if self.presenter is not None:
            self.presenter.close()
        window = PresenterWindow(session, lambda: self.history, self.settings.prefs.theme,
                                 timer_seconds)
        window.record_id = record_id
        window.finished.connect(self._on_presenter_finished)
        self.presenter = window
        window.show_on_screen(full_screen)
        window.start_timer()
        window.activateWindow()
        return window

    def _on_presenter_finished(self, _record_id: str) -> None:
        self.presenter = None
        self._show_catalogue()
