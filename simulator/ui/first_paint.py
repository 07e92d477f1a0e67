"""The way to the library's first paint, kept clear of PySide's `Qt` namespace.

PySide builds every enum of the `Qt` namespace (93 of them: Qt.AlignmentFlag,
Qt.CursorShape, ...) as Python enums the first time anything names one, or asks Qt
for a value of one: ~30 ms, a fifth of a bare PySide window's whole start. Code that
runs before the first paint therefore never names them:

- an enum-valued Qt property is set by its key's name (`set_by_name`), which Qt's own
  property system turns into the value without making a Python enum;
- what is no property (a button's hand cursor) waits here (`after`) until the
  library is on screen, when the app `release`s it.

Outside the app's start (tests, and everything built later) nothing waits: `after`
does the work at once. `tests/ui/test_first_paint.py` checks that the first paint of
the library names no `Qt` enum.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

_waiting: list[Callable[[], None]] | None = None  # None: not holding anything back


def set_by_name(widget: QObject, name: str, key: str) -> None:
    """Set the Qt property `name` to the enum key(s) `key`, e.g. ("textFormat",
    "PlainText") or ("alignment", "AlignLeft|AlignTop"). A name or key Qt does not
    know is a programming error, raised here rather than ignored."""
    if not widget.setProperty(name, key):
        raise ValueError(f"{type(widget).__name__} has no property {name!r} taking {key!r}")


def hold() -> None:
    """From now until `release`, `after` keeps its work (the app calls this first)."""
    global _waiting
    if _waiting is None:
        _waiting = []


def after(work: Callable[[], None]) -> None:
    """Do `work` once the library has been painted (now, if nothing is held back)."""
    if _waiting is None:
        work()
    else:
        _waiting.append(work)


def release() -> None:
    """The library is on screen: do what waited for it, and stop holding back. Every
    piece of work is done even if one fails; the first failure is raised after."""
    global _waiting
    waiting, _waiting = _waiting or [], None
    failure: Exception | None = None
    for work in waiting:
        try:
            work()
        except Exception as error:
            failure = failure or error
    if failure is not None:
        raise failure
