"""The app's log file, which must never be the reason the app stops.

The log is for whoever looks after Rapport, not for the learner, so when it
cannot be written the app carries on: on a read-only data folder the log goes to
the console instead, and on a full disk the first failed write says so in one
line (no traceback) and later records are dropped, including the final flush on
exit that used to end the app with a traceback.
"""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from simulator.core.errors import RapportError

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def reason(error: BaseException) -> str:
    """An OSError in the user's words: the full disk named as such."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return "the folder is on a read-only disk"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


class SafeFileHandler(logging.FileHandler):
    """A FileHandler whose failures to write are reported once and never raised."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8")
        self.failed: str | None = None  # why writing stopped, once it has

    def _give_up(self, error: BaseException) -> None:
        if self.failed is None:
            self.failed = reason(error)
            print(f"Rapport stopped writing its log {self.baseFilename}: {self.failed}.",
                  file=sys.stderr)

    def emit(self, record: logging.LogRecord) -> None:
        if self.failed is None:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        self._give_up(error if error is not None else OSError("unknown error"))

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as error:
            self._give_up(error)

    def close(self) -> None:
        try:
            super().close()
        except OSError as error:  # closing flushes what the full disk would not take
            self._give_up(error)
            self.stream = None  # type: ignore[assignment]  # the file itself is closed
            logging.Handler.close(self)


def open_log(path_of_log: Callable[[], Path]) -> tuple[logging.Handler, Path | None]:
    """A handler for the log file, or for the console when the file cannot be opened.

    `path_of_log` returns the file's path and may raise (a data folder that cannot
    be created). Returns the handler and the log file's path (None for the console).
    """
    path: Path | None = None
    try:
        path = path_of_log()
        handler: logging.Handler = SafeFileHandler(path)
    except (OSError, RapportError) as error:
        handler = logging.StreamHandler(sys.stderr)
        print(f"Rapport cannot write its log{f' {path}' if path else ''} ({reason(error)}); "
              "it goes to this console instead.", file=sys.stderr)
        path = None
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler, path
