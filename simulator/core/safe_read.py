"""Read a file a user named, without hanging on it or reading without end.

A path may name something that is not a file at all: a named pipe (reading it
waits for a writer that never comes), `/dev/zero` (endless bytes), a folder, or
a symlink to one of those. So the file is opened without blocking, checked to be
a regular file on the open descriptor (no gap in which it can be swapped), and
read only up to a limit. A symlink to a regular file is followed: writers keep
scenarios in shared folders.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class Unreadable(Exception):
    """Why a path could not be read, in words for the user (and a hint)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise Unreadable("this is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise Unreadable(f"this is {_kind(mode)}, not a file",
                         "a scenario is a .yaml text file; check the path")


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raise Unreadable otherwise.

    A file bigger than `limit` raises with the message naming its size in MB.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        _refuse_unless_regular(os.stat(path).st_mode)  # before opening: devices act on open
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Unreadable("the file does not exist", "check the name and folder") from None
    except IsADirectoryError:
        raise Unreadable("this is a folder, not a file") from None
    except OSError as error:
        raise Unreadable(f"the file cannot be read: {error.strerror or error}") from None
    try:
        _refuse_unless_regular(os.fstat(fd).st_mode)  # and again: it may have been swapped
        size = os.fstat(fd).st_size
        if size > limit:
            raise Unreadable(f"the file is {size / 1_048_576:.1f} MB; a scenario file may be "
                             f"at most {limit // 1_048_576} MB",
                             "check that this is the scenario you meant to open")
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise Unreadable(f"the file is more than {limit // 1_048_576} MB; a scenario "
                                 f"file may be at most {limit // 1_048_576} MB",
                                 "check that this is the scenario you meant to open")
        return b"".join(chunks)
    except OSError as error:
        raise Unreadable(f"the file cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)
