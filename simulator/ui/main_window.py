"""The main window: the navigation bar, the screens, moving between them, and
the learner's preferences.

Screens announce what the learner asked for; the window decides which screen
comes next and what it shows (session actions live in `flow.SessionFlow`).
Only the library is built at start; other screens are built the first time
they are needed, so the window opens quickly.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QMainWindow,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from . import card_cache, dialogs, first_paint, theme
from .catalogue import Catalogue, Entry
from .classroom_flow import ClassroomFlow
from .flow import SessionFlow
from .library import LibraryPage
from .loading import ScenarioLoader
from .memory import release_free_memory
from .settings import TEXT_SIZES, Preferences, Settings
from .widgets import hand_cursor, hbox, label, vbox

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence

    from simulator.storage.history import History

    from .briefing import BriefingPage
    from .controller import SessionController
    from .conversation import ConversationPage
    from .history_view import HistoryPage
    from .report_view import ReportPage
    from .route_map import RouteMapWindow
    from .settings_view import SettingsPage

log = logging.getLogger("rapport.ui")
FIRST_LOAD_FALLBACK_MS = 250
FIRST_PAINT_PATIENCE_MS = 2000  # a window on screen but not painted yet: a slow machine
# Screens a new look may drop (rebuilt when next shown): the big ones nobody else holds.
DROPPED_ON_RESTYLE = ("briefing", "conversation", "report", "history")
NAV = (("library", "Library"), ("history", "History"), ("class", "Class"),
       ("settings", "Settings"))


class MainWindow(ClassroomFlow, SessionFlow, QMainWindow):
    conversation_started = Signal(object)  # SessionController
    report_shown = Signal(dict)
    history_switched = Signal(object)  # History: another student's, after a profile change
    page_built = Signal(str, object)  # a screen's name and the screen, when first built
    library_shown = Signal()  # the library's first paint is on screen (or a fallback)

    def __init__(self, settings: Settings, history: History | None, folders: list[Path],
                 loader: ScenarioLoader | None = None, open_scenario: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.history = history
        self._history_attached = history is not None  # else set_history says, after paint
        self.bundled_folders = list(folders)
        self.catalogue = Catalogue()
        self.loader = loader or ScenarioLoader(parent=self)
        self.controller: SessionController | None = None
        self.report: dict[str, Any] | None = None
        self.route_map: RouteMapWindow | None = None  # built when first asked for
        self._open_scenario = open_scenario
        self.profile = None  # who is practising (see ClassroomFlow); None: the shared history
        self.report_record_id: str | None = None  # the saved session the report is of
        self.class_folder: str | None = None  # the Class page's folder of hand-ins
        self.class_report: Any = None
        self.presenter: Any = None  # the presenter-mode window, while one is open
        self.present_on_load: tuple[str, int] | None = None  # main.py --present ID --timer S
        self._look: tuple[str, int] | None = None
        self._pages: dict[str, QWidget] = {}
        self.setWindowTitle("Rapport")
        self.setMinimumSize(960, 640)
        self.setAccessibleName("Rapport")
        self._apply_look(settings.prefs)  # before any widget: each is styled once

        # Built from the window down: a finished tree given a parent has its fonts and
        # palette worked out again, widget by widget (~9 ms for the library).
        central = QWidget()
        self.setCentralWidget(central)
        layout = vbox(central, spacing=0)
        layout.addWidget(self._nav_bar())
        self.stack = QStackedWidget(central)
        layout.addWidget(self.stack, 1)
        self.library = LibraryPage(self.stack)
        self.library.scenario_chosen.connect(self.show_briefing)
        self.library.resume_requested.connect(self.resume)
        self.stack.addWidget(self.library)
        self.statusBar().setSizeGripEnabled(True)
        for key, slot in (("library", self.show_library), ("history", self.show_history),
                          ("class", self.show_class), ("settings", self.show_settings)):
            self.nav[key].clicked.connect(slot)
        self.nav["class"].setToolTip("A trainer's class report from students' hand-in files")
        self.loader.entry_loaded.connect(self._on_loader_entry_loaded)
        self.loader.finished.connect(self._on_loader_finished)
        self.settings.changed.connect(self.apply_preferences)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(40)
        self._refresh_timer.timeout.connect(self._show_catalogue)
        self._saved_timer = QTimer(self)  # owned by the window: never fires after it is gone
        self._saved_timer.setSingleShot(True)
        self._saved_timer.timeout.connect(lambda: self.saved_label.setText(""))
        # The cards remembered from the last start are on screen at the first paint;
        # the files are still checked (below), and each preview is replaced as it is.
        self.catalogue.entries = card_cache.read(self.folders())
        self.show_library()
        # The scenario files are read on worker threads, which share Python with the
        # window: started now, they slowed the first paint by ~90 ms. They start once the
        # library has been painted, or shortly anyway if the window is never shown.
        self._first_load_pending = True
        self._library_shown = False
        self.library.set_loading(True)
        self.library.installEventFilter(self)
        QTimer.singleShot(FIRST_LOAD_FALLBACK_MS, self, self._first_load_fallback)

    # -- building ----------------------------------------------------------------------
    def _nav_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("navBar")
        row = hbox(bar, (10, 0, 10, 0), 4)
        brand = label("Rapport", wrap=False)
        brand.setObjectName("brand")
        row.addWidget(brand)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav: dict[str, QToolButton] = {}
        for key, text in NAV:
            widget = QToolButton()
            widget.setText(text)
            widget.setCheckable(True)
            widget.setProperty("nav", True)
            widget.setAccessibleName(text)
            first_paint.set_by_name(widget, "focusPolicy", "StrongFocus")
            hand_cursor(widget)
            self.nav_group.addButton(widget)
            self.nav[key] = widget
            row.addWidget(widget)
        row.addStretch(1)
        self.profile_button = QToolButton()
        self.profile_button.setProperty("nav", True)
        first_paint.set_by_name(self.profile_button, "focusPolicy", "StrongFocus")
        hand_cursor(self.profile_button)
        self.profile_button.clicked.connect(self.choose_profile)
        row.addWidget(self.profile_button)
        self.show_profile()
        self.saved_label = label("", "small", wrap=False)
        self.saved_label.setAccessibleName("Save status")
        row.addWidget(self.saved_label)
        return bar

    def _make_actions(self) -> None:
        """The keyboard shortcuts, made just after the library's first paint (the
        actions' and key sequences' Qt classes cost ~2 ms before it); the navigation
        buttons work from the start and say their shortcut from then on."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        def action(text: str, keys: list[QKeySequence | str], slot: Any) -> QAction:
            item = QAction(text, self)
            item.setShortcuts([QKeySequence(k) for k in keys])
            item.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            item.triggered.connect(slot)
            self.addAction(item)
            return item

        self.library_action = action("Library", ["Ctrl+L"], self.show_library)
        self.history_action = action("History", ["Ctrl+H"], self.show_history)
        self.settings_action = action("Settings", ["Ctrl+,"], self.show_settings)
        self.undo_action = action("Try a different response", [QKeySequence.StandardKey.Undo],
                                  self._on_undo_triggered)
        self.bigger_action = action("Larger text", ["Ctrl++", "Ctrl+="],
                                    lambda: self._step_text_size(1))
        self.smaller_action = action("Smaller text", ["Ctrl+-"], lambda: self._step_text_size(-1))
        self.search_action = action("Search scenarios", [QKeySequence.StandardKey.Find],
                                    self._on_search_triggered)
        self.quit_action = action("Quit", [QKeySequence.StandardKey.Quit], self.close)
        for key, item in (("library", self.library_action), ("history", self.history_action),
                          ("settings", self.settings_action)):
            self.nav[key].setToolTip(f"{item.text()} ({item.shortcut().toString()})")

    # -- screens, built when first needed ----------------------------------------------
    def _built(self, name: str) -> Any:
        """A screen if it has been built already, else None (building it is not wanted)."""
        return self._pages.get(name)

    def _page(self, name: str) -> Any:
        page = self._pages.get(name)
        if page is None:
            page = self._pages[name] = getattr(self, f"_build_{name}")()
            self.stack.addWidget(page)
            self.page_built.emit(name, page)
        return page

    def _build_briefing(self) -> BriefingPage:
        from .briefing import BriefingPage
        page = BriefingPage()
        page.start_requested.connect(self.start_conversation)
        page.present_requested.connect(self.present)
        page.back_requested.connect(self.show_library)
        return page

    def _build_conversation(self) -> ConversationPage:
        from .conversation import ConversationPage
        page = ConversationPage()
        page.leave_requested.connect(self.show_library)
        page.report_requested.connect(self._on_conversation_report_requested)
        page.set_text_scale(self.settings.prefs.point_size)
        return page

    def _build_report(self) -> ReportPage:
        from .report_view import ReportPage
        page = ReportPage()
        page.export_requested.connect(self.export_report)
        page.play_again_requested.connect(self.show_briefing)
        page.route_map_requested.connect(self.show_route_map)
        page.back_requested.connect(self.show_library)
        return page

    def _build_history(self) -> HistoryPage:
        from .history_view import HistoryPage
        page = HistoryPage()
        page.open_requested.connect(self.open_record)
        page.resume_requested.connect(self.resume)
        page.delete_requested.connect(self.delete_record)
        page.hand_in_requested.connect(self.hand_in)
        return page

    def _build_settings(self) -> SettingsPage:
        from .settings_view import SettingsPage
        page = SettingsPage()
        page.changed.connect(self._on_settings_page_changed)
        page.browse_requested.connect(self._on_settings_browse_requested)
        return page

    @property
    def briefing(self) -> BriefingPage:
        return self._page("briefing")

    @property
    def conversation(self) -> ConversationPage:
        return self._page("conversation")

    @property
    def report_page(self) -> ReportPage:
        return self._page("report")

    @property
    def history_page(self) -> HistoryPage:
        return self._page("history")

    @property
    def settings_page(self) -> SettingsPage:
        return self._page("settings")

    # -- scenarios ---------------------------------------------------------------------
    def folders(self) -> list[tuple[Path, str]]:
        found = [(folder, "bundled") for folder in self.bundled_folders]
        user = self.settings.prefs.user_folder
        if user:
            found.append((Path(user).expanduser(), "user"))
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.library and event.type() == QEvent.Type.Paint:
            self.library.removeEventFilter(self)
            QTimer.singleShot(0, self, self._first_load)  # after this paint is on screen
        return super().eventFilter(watched, event)

    @property
    def loading_scenarios(self) -> bool:
        """True until the library's scenario files have all been read (or failed)."""
        return self._first_load_pending or self.loader.busy

    def _first_load_fallback(self) -> None:
        """A window never shown still reads its files, shortly. One on screen whose
        library is not painted yet (a slow or busy machine can take longer than 250 ms
        to get there) is given longer: what waits for that paint would otherwise run
        before it and slow it down."""
        if self.isVisible() and not self._library_shown:
            QTimer.singleShot(FIRST_PAINT_PATIENCE_MS, self, self._first_load)
        else:
            self._first_load()

    def _first_load(self) -> None:
        try:
            first_paint.release()
        finally:  # a failing deferred job (shown by the crash handler) stops nothing else
            self.library.first_paint_done()
            if self._first_load_pending:
                self._first_load_pending = False
                self.library.removeEventFilter(self)
                self.reload_scenarios()
            if not self._library_shown:  # once, even if the files were reloaded before
                self._library_shown = True
                self._make_actions()
                self.library_shown.emit()

    def reload_scenarios(self) -> None:
        self._first_load_pending = False
        # Remembered cards stay until their file is checked: no flicker to an empty page.
        self.catalogue = Catalogue([e for e in self.catalogue.entries if e.is_preview])
        self.library.set_loading(True)
        self.loader.load(self.folders())

    def set_history(self, history: History | None) -> None:
        """Attach the history once it is open (the app opens it after the first paint)."""
        self.history = history
        self._history_attached = True
        self._show_catalogue()

    def _on_loader_entry_loaded(self, entry: Entry) -> None:
        self.catalogue.add(entry)
        self._refresh_timer.start()
        wanted = self._open_scenario
        if wanted and entry.scenario is not None and entry.scenario.id == wanted:
            self._open_scenario = None  # asked for (or clicked) before it was checked
            self.show_briefing(wanted)

    def _on_loader_finished(self) -> None:
        self._refresh_timer.stop()
        self.catalogue.drop_previews()
        card_cache.write(self.catalogue.entries)
        self.library.set_loading(False, refresh=False)
        self._show_catalogue()  # the one rebuild of the cards
        if self.present_on_load:
            (wanted, seconds), self.present_on_load = self.present_on_load, None
            self.present(wanted, seconds)
        if self._open_scenario:
            wanted, self._open_scenario = self._open_scenario, None
            if self.catalogue.scenario(wanted) is None:
                dialogs.show_error(self, "Scenario not found",
                                   f"There is no scenario called '{wanted}' in the library. "
                                   "Pick one from the list instead.")
            else:
                self.show_briefing(wanted)

    def _show_catalogue(self) -> None:
        entries = self.catalogue.sorted_entries()
        best = {}
        history = self.history
        if history is not None:
            for entry in entries:
                card = entry.card
                if card is not None:
                    best[card.id] = self._safely(lambda sid=card.id: history.best_score(sid))
        self.library.set_entries(entries, best if self._history_attached else None)
        self.library.set_unfinished(
            (self._safely(history.unfinished) or []) if history is not None else [])

    # -- navigation --------------------------------------------------------------------
    def _go(self, page: QWidget, nav: str) -> None:
        current = self.stack.currentWidget()
        if current is self._built("conversation") and page is not current:
            self._end_conversation()
        self.stack.setCurrentWidget(page)
        self.nav[nav].setChecked(True)
        # Between screens (a conversation let go, a report replaced): hand the memory
        # freed meanwhile back to the system, once Qt's later deletions are done. Not
        # for the first screen: nothing was let go, and it ran before the first paint.
        if self.isVisible():
            QTimer.singleShot(0, self, release_free_memory)

    def show_library(self) -> None:
        self._go(self.library, "library")
        self._show_catalogue()
        self.library.search.setFocus()

    def show_history(self) -> None:
        self._go(self.history_page, "history")
        self.refresh_history()
        self.history_page.table.setFocus()

    def refresh_history(self) -> None:
        history = self.history
        records = (self._safely(history.summaries) or []) if history else []
        # The same rows, oldest first and finished only: no second query.
        progress = [r for r in reversed(records) if r.finished]
        self.history_page.show_records(records, progress, self._colours(), self.font())

    def show_settings(self) -> None:
        self._go(self.settings_page, "settings")
        self.settings_page.show_preferences(self.settings.prefs, str(self.settings.path.parent))
        if self.settings.prefs.read_aloud:
            voice = self.speech().voice()
            self.settings_page.show_voice(voice.note, voice.works)
        self.settings_page.text_size.setFocus()

    def show_briefing(self, scenario_id: str) -> None:
        scenario = self.catalogue.scenario(scenario_id)
        if scenario is None and self.loading_scenarios and any(
                e.is_preview and e.card and e.card.id == scenario_id
                for e in self.catalogue.entries):
            self._open_scenario = scenario_id  # a remembered card: open once it is checked
            return
        if scenario is None:
            dialogs.show_error(self, "Scenario not found",
                               f"The scenario '{scenario_id}' is not in the library any more.")
            return
        self.briefing.show_scenario(scenario, self.settings.prefs.default_mode)
        self._go(self.briefing, "library")

    def _on_search_triggered(self) -> None:
        self.show_library()
        self.library.search.selectAll()

    # -- preferences -------------------------------------------------------------------
    def _apply_look(self, prefs: Preferences) -> None:
        look = (prefs.theme, prefs.point_size)
        app = QApplication.instance()
        if look != self._look and isinstance(app, QApplication):
            if self._look is not None:
                self._drop_hidden_pages()
            theme.apply(app, *look)
            self._look = look

    def _drop_hidden_pages(self) -> None:
        """A new style sheet restyles every widget, hidden ones too (1.1-1.5 s with every
        screen built): screens not on show are dropped, and built again in the new look
        when next needed. The library stays (it is the first thing anyone goes back to);
        so do a conversation still in progress and Settings (small, and others add to
        it when it is built: see `page_built`)."""
        import shiboken6

        current = self.stack.currentWidget()
        for name, page in list(self._pages.items()):
            if page is current or name not in DROPPED_ON_RESTYLE or (
                    name == "conversation" and self.controller is not None):
                continue
            del self._pages[name]
            self.stack.removeWidget(page)
            shiboken6.delete(page)
        if current is not self.library:
            self.library.grid.clear()  # its cards are made again when it is shown
        report = self._built("report")
        if report is not None and report is current:
            report.clear()  # drawn again, once, in the new look (apply_preferences)

    def apply_preferences(self, prefs: Preferences) -> None:
        look_changed = (prefs.theme, prefs.point_size) != self._look
        self._apply_look(prefs)
        conversation = self._built("conversation")
        if conversation is not None:
            conversation.set_text_scale(prefs.point_size)
        current = self.stack.currentWidget()
        if current is self._built("settings"):
            self.settings_page.show_preferences(prefs, str(self.settings.path.parent))
        elif not look_changed:
            return  # e.g. the folder a report was saved to: nothing to redraw
        elif current is self._built("report") and self.report is not None:
            self.show_report(self.report)  # redrawn in the new colours and size
        elif current is self._built("history"):
            self.refresh_history()

    def _on_settings_page_changed(self, changes: dict[str, Any]) -> None:
        folder_before = self.settings.prefs.user_folder
        self.settings.update(**changes)
        if changes.get("read_aloud"):  # say at once whether this computer can
            voice = self.speech().voice()
            self.settings_page.show_voice(voice.note, voice.works)
        elif "read_aloud" in changes:
            self.settings_page.show_voice("", True)
            if self._speech is not None:
                self._speech.stop()  # turned off mid-sentence: silence now
        if self.settings.prefs.user_folder != folder_before:
            self.reload_scenarios()
        self.settings_page.show_preferences(self.settings.prefs, str(self.settings.path.parent))

    def _on_settings_browse_requested(self) -> None:
        folder = dialogs.choose_folder(self, "Choose your scenarios folder",
                                       self.settings.prefs.user_folder or str(Path.home()))
        if folder:
            self._on_settings_page_changed({"user_folder": folder})

    def _step_text_size(self, step: int) -> None:
        keys = list(TEXT_SIZES)
        index = keys.index(self.settings.prefs.text_size) + step
        self.settings.update(text_size=keys[max(0, min(len(keys) - 1, index))])

    # -- Qt events ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        conversation = self._built("conversation")
        if conversation is not None and self.stack.currentWidget() is conversation:
            conversation.keyPressEvent(event)
            if event.isAccepted():
                return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._end_conversation()
        if self.presenter is not None:
            self.presenter.close()
        if self.route_map is not None:
            self.route_map.close()
        self.loader.cancel()
        super().closeEvent(event)
