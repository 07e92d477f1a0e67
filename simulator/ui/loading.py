"""Read and check scenario files on worker threads, so the library never freezes.

Each file is one task on the loader's own thread pool and comes back as a
catalogue `Entry` (plain, frozen data) through a queued signal, so quick files
show up while a long one is still being checked. A new load supersedes the
old one: its late results are dropped by generation number, and its queued
tasks are cancelled.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from .catalogue import Entry

log = logging.getLogger("rapport.ui")


class _Signals(QObject):
    listed = Signal(int, int)  # generation, how many files will follow
    loaded = Signal(int, object)  # generation, Entry


class _Token:
    """Shared by a generation's tasks; set when the results are no longer wanted."""

    cancelled = False


def read_entry(path: Path, source: str) -> Entry:
    """Check one file; never raises (a broken file, or a bug, becomes an error card)."""
    from simulator.core.errors import Problem, Severity
    from simulator.core.loader import validate_file  # imported here, on a worker thread

    try:
        # The library needs errors, not the writers' pedagogy warnings, which play
        # the scenario and took most of the loading time.
        result = validate_file(path, path.name, pedagogy=False)
        return Entry(str(path), result.scenario, tuple(result.problems), source)
    except Exception as error:  # a bug in the loader must not lose the other files
        log.exception("loading %s failed", path)
        problem = Problem(path.name, 0, 0, Severity.ERROR,
                          f"Rapport could not read this file ({error})")
        return Entry(str(path), None, (problem,), source)


class _LoadTask(QRunnable):
    def __init__(self, path: Path, source: str, generation: int, token: _Token,
                 signals: _Signals) -> None:
        super().__init__()
        self.path, self.source = path, source
        self.generation, self.token, self.signals = generation, token, signals

    def run(self) -> None:
        if self.token.cancelled:
            return
        entry = read_entry(self.path, self.source)
        if self.token.cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the app is closing; nobody is listening
            self.signals.loaded.emit(self.generation, entry)


class _ListTask(QRunnable):
    """Finds the files (importing the core's loader, off the UI thread), then queues them."""

    def __init__(self, folders: Sequence[tuple[Path, str]], generation: int, token: _Token,
                 signals: _Signals, pool: QThreadPool) -> None:
        super().__init__()
        self.folders, self.generation, self.token = list(folders), generation, token
        self.signals, self.pool = signals, pool

    def run(self) -> None:
        files = [] if self.token.cancelled else list_files(self.folders)
        with contextlib.suppress(RuntimeError):  # the app is closing; nobody is listening
            self.signals.listed.emit(self.generation, len(files))
        for path, source in files:
            if self.token.cancelled:
                return
            try:
                self.pool.start(_LoadTask(path, source, self.generation, self.token,
                                          self.signals))
            except RuntimeError:  # the window (and its pool) closed while listing
                return


def list_files(folders: Sequence[tuple[Path, str]]) -> list[tuple[Path, str]]:
    from simulator.core.loader import scenario_files

    found = []
    for folder, source in folders:
        try:
            if folder.is_dir():
                found += [(path, source) for path in scenario_files([folder])]
        except OSError as error:
            log.warning("cannot list %s: %s", folder, error)
    return found


class ScenarioLoader(QObject):
    """Loads folders of scenarios in the background; emits each entry as it is read."""

    entry_loaded = Signal(object)  # Entry
    finished = Signal()

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool(self)
        # No parent: a running task keeps it alive even if this loader is deleted first.
        self._signals = _Signals()
        self._signals.listed.connect(self._on_task_listed)
        self._signals.loaded.connect(self._on_task_loaded)
        self._generation = 0
        self._token = _Token()
        self._expected: int | None = None  # unknown until the folders are listed
        self._received = 0
        self.busy = False

    def load(self, folders: Sequence[tuple[Path, str]]) -> None:
        """Start reading `folders` ((path, source) pairs); earlier loads are abandoned."""
        self.cancel()
        self._generation += 1
        self._token = _Token()
        self._expected, self._received = None, 0
        self.busy = True
        self._pool.start(_ListTask(folders, self._generation, self._token, self._signals,
                                   self._pool))

    def cancel(self) -> None:
        """Drop queued work and any results still to come (running files finish)."""
        self._token.cancelled = True
        self._pool.clear()

    def wait(self, msecs: int = 120000) -> bool:
        """Block until the workers are done (tests and the benchmark only)."""
        return self._pool.waitForDone(msecs)

    def _on_task_listed(self, generation: int, count: int) -> None:
        if generation == self._generation:
            self._expected = count
            self._finish_if_done()

    def _on_task_loaded(self, generation: int, entry: Entry) -> None:
        if generation != self._generation:
            return
        self._received += 1  # may arrive before "listed": signals from two threads
        self.entry_loaded.emit(entry)
        self._finish_if_done()

    def _finish_if_done(self) -> None:
        if self.busy and self._expected is not None and self._received >= self._expected:
            self.busy = False
            self.finished.emit()
