"""Catch what nobody expected, log it, tell the learner, keep running.

Installed as `sys.excepthook`. PySide6 hands exceptions raised inside slots
and event handlers to the same hook, so one handler covers both. Errors the
learner caused (RapportError) get a plain message and no traceback; anything
else is logged with its traceback and shown with "Copy details".
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from simulator.core.errors import RapportError

from . import dialogs

log = logging.getLogger("rapport.ui")


class CrashHandler:
    """The app's `sys.excepthook`; `uninstall()` restores the previous hook."""

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None,
                 log_path: Path | None = None) -> None:
        self._parent = parent
        self.log_path = log_path
        self._previous = sys.excepthook
        self._busy = False
        self.count = 0

    def install(self) -> CrashHandler:
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(self, kind: type[BaseException], error: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        parent = self._parent()
        if isinstance(error, RapportError):
            log.info("user-facing error: %s", error)
            dialogs.show_error(parent, "That did not work", str(error))
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unexpected error\n%s", details)
        self.count += 1
        if self._busy:  # an error while showing the dialog: the log has it
            print(details, file=sys.stderr)
            return
        self._busy = True
        try:
            summary = f"{kind.__name__}: {error}" if str(error) else kind.__name__
            dialogs.show_crash(parent, summary, details, self.log_path)
        finally:
            self._busy = False
