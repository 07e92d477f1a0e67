"""The faces on the library's cards, kept between starts as their pixels.

Drawing a face means composing its SVG (`faces`), loading Qt's SVG module (a
library of its own) and rendering it: 8 ms for the four cards of a first screen,
measured in one process. A face drawn once is saved in the data folder's `faces/`
folder, as its raw pixels, and read back at the next start (1.4 ms for the four; a
PNG would first have Qt look through its image plugins).

A file is used only for exactly the face asked for. Its name starts with a stamp of
everything that decides how faces are drawn (the size and time of the SVGs,
`faces.py`, `looks.py` and `resources.py`, and the PySide version) and goes on with a
checksum of the face (kind, expression, the client's name that picks the colours,
its size in pixels); its first line is that whole description, which must match, as
must the number of bytes after it. Anything else (a changed drawing, a damaged
file, no data folder) means the face is drawn from its SVG as before: the cache
never stops a card being drawn. Files with another stamp (faces from drawings since
changed) are deleted whenever a face is drawn anew.
"""

from __future__ import annotations

import contextlib
import logging
import os
import zlib
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from . import resources

log = logging.getLogger("rapport.ui")
FORMAT = 1  # raise it when the way a face is drawn changes outside the files stamped
FOLDER = "faces"
PIXELS = QImage.Format.Format_ARGB32_Premultiplied  # as a pixmap keeps them: no conversion


def face_pixmap(face: tuple[str, str, str], pixels: int) -> QPixmap:
    """The face (kind, expression, seed) drawn `pixels` square, from the cache if it
    holds it, else drawn from its SVG (and kept for the next start)."""
    key = _key(face, pixels)
    path = _file_for(key)
    if path is not None:
        try:
            head, _, body = path.read_bytes().partition(b"\n")
        except OSError:  # not kept yet, or unreadable: drawn again
            head = body = b""
        if head == key.encode() and len(body) == pixels * pixels * 4:
            # copy(): the picture's own pixels, not a view of `body`
            return QPixmap.fromImage(QImage(body, pixels, pixels, PIXELS).copy())
    pixmap = draw_face(face, pixels)
    if path is not None:
        _keep(pixmap, key, path)
    return pixmap


def draw_face(face: tuple[str, str, str], pixels: int) -> QPixmap:
    """The face drawn from its SVG (every face is square: tests/ui/test_faces.py)."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    from .faces import face_svg

    renderer = QSvgRenderer(QByteArray(face_svg(*face)))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    return pixmap


def _key(face: tuple[str, str, str], pixels: int) -> str:
    kind, expression, seed = face  # repr(): one line, whatever the names hold
    return f"{FORMAT}|{kind!r}|{expression!r}|{pixels}|{drawings_stamp()}|{seed!r}"


@cache
def drawings_stamp() -> str:
    """What changes when a face would be drawn differently: the size and time of each
    file that decides how faces are drawn, and the PySide version that draws them.
    Empty when they are not plain files (a zip): no cache."""
    import PySide6

    package = Path(__file__).parent.parent
    try:
        files = [package / "ui" / "faces.py", package / "ui" / "resources.py",
                 package / "core" / "looks.py"]
        for part in ("heads", "faces"):
            folder = resources.asset("avatars", part)
            if not isinstance(folder, Path):
                return ""
            files += sorted(folder.iterdir())
        stamps = []
        for file in files:
            stat = file.stat()
            stamps.append(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}")
    except OSError:
        return ""
    stamps.append(f"PySide6 {PySide6.__version__}")
    return f"{zlib.crc32(';'.join(stamps).encode()):08x}"


def _file_for(key: str) -> Path | None:
    stamp = drawings_stamp()
    if not stamp:
        return None
    try:
        from simulator.storage.paths import data_dir

        return data_dir() / FOLDER / f"{stamp}-{zlib.crc32(key.encode()):08x}.face"
    except Exception as error:  # no data folder: drawn every time, as before the cache
        log.info("faces are not kept: %s", error)
        return None


def _keep(pixmap: QPixmap, key: str, path: Path) -> None:
    image = pixmap.toImage().convertToFormat(PIXELS)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.part")
    try:
        path.parent.mkdir(exist_ok=True)
        partial.write_bytes(key.encode() + b"\n" + bytes(image.constBits()))
        os.replace(partial, path)  # whole or not at all, even with two windows starting
    except OSError as error:
        log.info("face not kept: %s", error)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    _prune(path.parent, path.name.split("-", 1)[0])


@cache  # once per folder and stamp in a process: the first face drawn anew tidies up
def _prune(folder: Path, stamp: str) -> None:
    """Delete faces kept from drawings since changed, and pieces left by a start that
    stopped while writing one (an hour old: another start may be writing it now)."""
    import time

    try:
        for entry in os.scandir(folder):
            old_face = entry.name.endswith(".face") and not entry.name.startswith(f"{stamp}-")
            left_part = (entry.name.endswith(".part")
                         and entry.stat().st_mtime < time.time() - 3600)
            if old_face or left_part:
                os.unlink(entry.path)
    except OSError as error:
        log.info("old faces not tidied: %s", error)
