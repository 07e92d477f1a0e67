"""An exclusive lock between processes, held while a history file is opened.

Two Rapport windows started together both find no history and both create one;
SQLite's own locks cannot cover "is this file a Rapport history, and if it is
not, move it aside", which spans several statements and a rename (and switching
a new file to WAL fails at once with "database is locked" rather than waiting).
So every Rapport takes this lock for the whole of opening: checking, creating,
upgrading or moving aside. It is held for milliseconds, and the system releases
it if the process dies holding it.

The lock is on the folder that holds the file (POSIX `flock` works on a folder),
so it survives the file being renamed and adds no file of its own; Windows,
which cannot lock a folder, locks a `.lock` file beside the history instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # held by another process (EWOULDBLOCK, or EACCES on Windows)
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _open_lock(file: Path) -> int:
    if fcntl is not None:
        return os.open(file.parent, os.O_RDONLY)
    return os.open(file.with_name(file.name + ".lock"),  # pragma: no cover - Windows
                   os.O_RDWR | os.O_CREAT, 0o644)


@contextmanager
def exclusive(file: Path, timeout: float) -> Iterator[bool]:
    """Hold the lock for opening `file`; yields False, unlocked, when there is nothing
    to lock (its folder is missing or cannot be opened: the open fails anyway).
    Raises LockTimeout after `timeout` seconds of waiting."""
    try:
        fd = _open_lock(file)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise LockTimeout(str(file))
            time.sleep(0.005)
        try:
            yield True
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
