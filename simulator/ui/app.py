"""Start the desktop app: the QApplication, logging, the crash handler, the
settings and history, and the main window.

`run_app` is what `python main.py` calls. `create_window` builds the same
window from given parts, for tests and the benchmark.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from simulator.core.errors import RapportError
from simulator.storage.logfile import SafeFileHandler, open_log
from simulator.storage.paths import log_file, settings_file

from . import dialogs, first_paint, resources
from .crash import CrashHandler
from .main_window import MainWindow
from .settings import Settings

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from simulator.storage.history import History

    from .learning_records import LearningRecords

log = logging.getLogger("rapport.ui")
_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def setup_logging(path: Path | Callable[[], Path],
                  qt_messages: bool = True) -> logging.Handler:
    """Everything from Rapport (and Qt's own warnings) goes to one log file.

    The log never stops the app: when the file cannot be opened (a read-only data
    folder, or `path` raising because the folder cannot be made) it goes to the
    console instead; a full disk is reported once and never raised.
    """
    handler, _ = open_log(path if callable(path) else lambda: path)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if qt_messages:
        qt_log = logging.getLogger("rapport.qt")
        qInstallMessageHandler(lambda kind, _context, message: qt_log.log(
            _QT_LEVELS.get(kind, logging.INFO), message))
    return handler


def app_icon() -> QIcon:
    from PySide6.QtCore import QByteArray, Qt  # after the first paint: see first_paint
    from PySide6.QtGui import QIcon, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(resources.icon_svg("rapport")))
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def open_history() -> History | None:
    """The history, or None (with a plain message) when it cannot be opened at all."""
    from simulator.storage.history import History, HistoryError

    try:
        return History()
    except HistoryError as error:
        dialogs.show_error(None, "Your history could not be opened",
                           f"{error}\n\nYou can still practise, but your sessions will not be "
                           "saved until this is fixed.")
        return None


def announce_recovery(window: MainWindow, history: History | None) -> None:
    """Tell the learner, plainly, that a damaged history was moved aside and where."""
    if history is None or history.recovered_from is None:
        return
    dialogs.show_info(window, "Your history has been started again",
                      "Rapport could not read its history file, so it has started a new one. "
                      "Nothing was deleted: the old file was moved to\n\n"
                      f"{history.recovered_from}\n\nIf you need the sessions in it, keep that "
                      "file and ask whoever looks after Rapport for help.")


def create_window(settings: Settings | None = None, history: History | None = None,
                  folders: list[Path] | None = None,
                  scenario_id: str | None = None) -> MainWindow:
    settings = settings or Settings()
    window = MainWindow(settings, history, folders or [resources.bundled_scenarios()],
                        open_scenario=scenario_id)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.resize(max(1024, min(1440, int(area.width() * 0.9))),
                      max(700, min(960, int(area.height() * 0.9))))
    return window


def run_app(scenario_id: str | None = None, argv: list[str] | None = None,
            present: tuple[str, int] | None = None) -> int:
    """Run the desktop app until its window closes; returns the exit code."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    # A data folder that cannot be written (read-only, full) must not stop practice:
    # the log goes to the console and the history says it cannot save.
    handler = setup_logging(log_file)
    log_path = Path(handler.baseFilename) if isinstance(handler, SafeFileHandler) else None
    windows: list[MainWindow] = []
    crash = CrashHandler(lambda: windows[0] if windows else None, log_path).install()
    opened: list[History] = []
    records: LearningRecords | None = None

    def when_library_shown() -> None:
        """After the library's first paint: the learner sees the cards before the
        history (with the scoring code it loads, ~75 ms) and the learning records
        are opened, and before the app's icon is drawn.

        A computer with student profiles (a shared lab PC) first asks who is practising,
        and opens that student's own history.
        """
        from . import learning_records  # xAPI: not needed for the first paint

        nonlocal records
        gc.enable()  # paused by `simulator.launch` while Qt and the window were built
        log.info("Rapport started")  # the log file's first write, after the paint
        app.setWindowIcon(app_icon())  # five sizes drawn from SVG
        try:
            records = learning_records.attach(window)
        except RapportError as error:  # no data folder: nothing could be queued or sent
            log.warning("learning records are off: %s", error)
        try:
            shared_pc = bool(window.profile_store().profiles())
        except RapportError:  # no data folder: open_history below says what to do
            shared_pc = False
        if shared_pc and window.choose_profile():
            return
        history = open_history()
        if history is not None:
            opened.append(history)
        window.set_history(history)
        if records is not None:
            records.open(history)
        announce_recovery(window, history)

    first_paint.hold()  # until the library is on screen (MainWindow releases it)
    try:
        window = create_window(Settings(settings_file()), None, scenario_id=scenario_id)
        window.present_on_load = present  # opened once the library has loaded
        windows.append(window)
        # Not a 0 ms timer: that fires before the window system asks for the first paint.
        window.library_shown.connect(when_library_shown)
        window.show()
        return app.exec()
    except RapportError as error:
        dialogs.show_error(None, "Rapport cannot start", str(error))
        return 1
    finally:
        gc.enable()  # if the window never painted
        first_paint.release()  # nor anything waiting for that paint
        if records is not None:
            records.close()
        crash.uninstall()
        for history in opened:
            history.close()
        if windows and windows[0].history is not None:  # a profile's history, if switched
            windows[0].history.close()
        logging.getLogger().removeHandler(handler)
        handler.close()
