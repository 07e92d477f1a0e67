"""Check a scenario file away from the window, so typing never stutters.

The full check plays every route to find endings no one can reach, which takes
seconds on a long scenario; it runs on a worker thread (one at a time, so two
checks never race) and comes back as plain data. Each request is numbered and
only the newest answer is shown, so a slow check of an old save cannot
overwrite a newer one.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...core.errors import Problem, Severity
from ...core.loader import LoadResult, validate_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checked:
    """One finished check: the result, the text that was checked and how long it took."""

    path: str
    result: LoadResult
    text: str
    seconds: float


def check_now(path: str) -> Checked:
    """Read and check the file; never raises (a bug in the check becomes a problem)."""
    began = time.perf_counter()
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        text = ""
    try:
        result = validate_file(path, Path(path).name)
    except Exception as error:
        log.exception("checking %s failed", path)
        result = LoadResult(path, None, [Problem(
            Path(path).name, 0, 0, Severity.ERROR,
            f"the check itself stopped unexpectedly ({error})",
            "this is a fault in Rapport, not in your file; please report it")])
    return Checked(path, result, text, time.perf_counter() - began)


class _Relay(QObject):
    done = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, path: str, number: int, relay: _Relay) -> None:
        super().__init__()
        self._path = path
        self._number = number
        self._relay = relay

    def run(self) -> None:
        self._relay.done.emit(self._number, check_now(self._path))


class Checker(QObject):
    """Runs checks on a worker thread; `checked` carries the newest `Checked`."""

    started = Signal(str)
    checked = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_relay_done)
        self._number = 0

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def check(self, path: str) -> None:
        self._number += 1
        self._pool.clear()  # a queued check of an older save is no longer wanted
        self._pool.start(_Job(path, self._number, self._relay))
        self.started.emit(path)

    def wait(self, msecs: int = -1) -> bool:
        """Block until running checks end (for closing the window and for benchmarks)."""
        return self._pool.waitForDone(msecs)

    def _on_relay_done(self, number: int, checked: Checked) -> None:
        if number == self._number:
            self.checked.emit(checked)
