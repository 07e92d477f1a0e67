"""Real hostile disks for tests: a read-only folder and a full one, as small tmpfs mounts.

Tests run as root, and root writes through any chmod, so a chmod'd folder would
test nothing. A tmpfs mounted read-only refuses every write with EROFS, and one
mounted with a tiny size fills up for real with ENOSPC: the errors the app meets
on a locked-down classroom machine or a full disk. Mounting needs root (or
CAP_SYS_ADMIN); where it is not allowed the test is skipped, saying why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at `where` (created) with mount `options`, unmounted after."""
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); these tests need "
                    "root or CAP_SYS_ADMIN")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def fill(folder: Path) -> None:
    """Write a file into `folder` until its disk refuses another byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"x" * size)
            except OSError as error:
                assert error.errno == 28, error  # ENOSPC, nothing else
    finally:
        os.close(fd)
