"""Notice when the scenario file changes on disk, however the editor saves it.

Many editors save by writing a new file and renaming it over the old one; the
watcher then loses the file, so the folder is watched too and the file is
added back once it exists again. Saves arrive as bursts of events, so they are
gathered by a short debounce, and a save that did not change the bytes (an
editor touching the file, another file in the folder changing) is ignored.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from simulator.core.safe_read import Unreadable, read_regular_file
from simulator.core.yaml_reader import MAX_BYTES

DEBOUNCE_MS = 150


def _fingerprint(path: Path) -> str | None:
    """What the file holds now (None when it is missing or unreadable)."""
    try:  # not read_bytes: the path may have become a named pipe or a device
        return hashlib.sha256(read_regular_file(path, MAX_BYTES)).hexdigest()
    except Unreadable:
        return None


class FileWatcher(QObject):
    """Emits `changed(path)` once per real change to one file."""

    changed = Signal(str)

    def __init__(self, debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_event)
        self._watcher.directoryChanged.connect(self._on_watcher_event)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._path: Path | None = None
        self._last: str | None = None

    @property
    def path(self) -> str:
        return str(self._path) if self._path else ""

    def watch(self, path: str) -> None:
        """Watch `path` (and its folder) instead of whatever was watched before."""
        self.stop()
        self._path = Path(path).resolve()
        self._last = _fingerprint(self._path)
        if self._path.parent.is_dir():
            self._watcher.addPath(str(self._path.parent))
        if self._path.exists():
            self._watcher.addPath(str(self._path))

    def stop(self) -> None:
        self._timer.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = None

    def _on_watcher_event(self, _path: str) -> None:
        self._timer.start()  # restarts: a burst of events gives one check

    def _on_timer_timeout(self) -> None:
        if self._path is None:
            return
        here = str(self._path)
        if self._path.exists() and here not in self._watcher.files():
            self._watcher.addPath(here)  # the editor replaced the file
        now = _fingerprint(self._path)
        if now != self._last:
            self._last = now
            self.changed.emit(here)
