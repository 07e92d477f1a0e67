"""Check a scenario file away from the window, so typing never stutters.

A check comes back in two parts, so a save shows within a second however long
the scenario is:

1. The structure (`check_structure`): the YAML, the declaration and the graph,
   which takes tens of milliseconds. Its result is shown at once: the errors,
   or the new map.
2. The teaching points (`check_teaching`): the pedagogy lint, which plays every
   route and takes a second or more on a long scenario. It runs only when the
   file has no errors, on a thread of its own, and its answer is the whole
   list `validate` prints for the file: the warnings are added to the panel.

Each request is numbered and only the newest answer is shown, so a slow check
of an old save cannot overwrite a newer one; a newer save drops an older
save's teaching check if it has not started, and discards its answer if it has
(a lint already running cannot be interrupted, but it never delays part 1 of
the newer save, which runs on the other thread).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...core.errors import Problem, Severity
from ...core.loader import LoadResult, build
from ...core.safe_read import Unreadable, read_regular_file
from ...core.yaml_reader import MAX_BYTES, YNode, read_file

log = logging.getLogger(__name__)

WHOLE = "whole"  # the complete answer in one go (the file has errors, so no lint follows)
STRUCTURE = "structure"  # part 1 of a valid file; the teaching points follow
TEACHING = "teaching"  # part 2: the complete list, teaching points included


@dataclass(frozen=True)
class Checked:
    """One answer: the result, the text that was checked and how long it took.

    `stage` says which part this is: WHOLE (complete, nothing follows), STRUCTURE
    (the map and errors; the teaching points are being checked) or TEACHING (the
    complete list for the version shown by the STRUCTURE answer just before; its
    `result.scenario` is that answer's scenario, so nothing needs redrawing).
    """

    path: str
    result: LoadResult
    text: str
    seconds: float
    stage: str = WHOLE

    @property
    def final(self) -> bool:
        """Is this the complete list of problems for the version checked?"""
        return self.stage != STRUCTURE


@dataclass(frozen=True)
class Pending:
    """What part 2 needs from part 1: the parsed tree, so the file is not read again."""

    tree: YNode
    name: str
    digest: str
    began: float


def _failure(name: str, error: Exception) -> Problem:
    return Problem(name, 0, 0, Severity.ERROR,
                   f"the check itself stopped unexpectedly ({error})",
                   "this is a fault in Rapport, not in your file; please report it")


def check_structure(path: str) -> tuple[Checked, Pending | None]:
    """Part 1: read the file and check all but the teaching points; never raises.

    This is `validate_file(path, pedagogy=False)` done step by step, keeping the
    parsed tree for part 2. The second value is None when no part 2 is needed
    (the file has errors, or cannot be read).
    """
    began = time.perf_counter()
    name = Path(path).name
    try:  # never a plain open: a named pipe would hang the studio
        text = read_regular_file(path, MAX_BYTES).decode("utf-8-sig", errors="replace")
    except Unreadable:
        text = ""
    pending = None
    try:
        parsed = read_file(path, name)
        if parsed.tree is None:
            result = LoadResult(name, None, parsed.problems)
        else:
            scenario, problems = build(parsed.tree, name, parsed.digest, pedagogy=False)
            result = LoadResult(name, scenario, problems)
            if scenario is not None:
                pending = Pending(parsed.tree, name, parsed.digest, began)
    except Exception as error:
        log.exception("checking %s failed", path)
        result = LoadResult(name, None, [_failure(name, error)])
    stage = STRUCTURE if pending is not None else WHOLE
    return Checked(path, result, text, time.perf_counter() - began, stage), pending


def check_teaching(first: Checked, pending: Pending) -> Checked:
    """Part 2: the complete list, teaching points included; never raises.

    The scenario is built again from the same tree for the lint to play: the
    window already holds part 1's scenario (and may be playing it), and a
    scenario's state machine is shared by everyone playing it, so the lint's
    thread gets one of its own. Building is a few per cent of the lint's time,
    and building with the lint is exactly what `validate` does, so the list is
    the one `validate` prints.
    """
    try:
        _scenario, problems = build(pending.tree, pending.name, pending.digest, pedagogy=True)
    except Exception as error:
        log.exception("checking the teaching points of %s failed", first.path)
        problems = [*first.result.problems, _failure(pending.name, error)]
    result = LoadResult(first.result.path, first.result.scenario, problems)
    return replace(first, result=result, seconds=time.perf_counter() - pending.began,
                   stage=TEACHING)


def check_now(path: str) -> Checked:
    """Both parts, one after the other, here: the final answer for the file."""
    first, pending = check_structure(path)
    return first if pending is None else check_teaching(first, pending)


class _Relay(QObject):
    done = Signal(int, object, object)  # number, Checked, Pending | None


class _Job(QRunnable):
    def __init__(self, path: str, number: int, relay: _Relay) -> None:
        super().__init__()
        self._path = path
        self._number = number
        self._relay = relay

    def run(self) -> None:
        checked, pending = check_structure(self._path)
        self._relay.done.emit(self._number, checked, pending)


class _TeachingJob(QRunnable):
    def __init__(self, first: Checked, pending: Pending, number: int, relay: _Relay,
                 cancelled: threading.Event) -> None:
        super().__init__()
        self._first = first
        self._pending = pending
        self._number = number
        self._relay = relay
        self._cancelled = cancelled

    def run(self) -> None:
        if self._cancelled.is_set():
            return  # a newer save came in before this one started
        checked = check_teaching(self._first, self._pending)
        if not self._cancelled.is_set():
            self._relay.done.emit(self._number, checked, None)


class Checker(QObject):
    """Runs checks on worker threads; `checked` carries each newest `Checked`.

    For a valid file `checked` fires twice per save: the STRUCTURE answer, then
    the TEACHING one; for a file with errors once, with a WHOLE answer.
    """

    started = Signal(str)
    checked = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)  # part 1: one at a time, so two checks never race
        self._pool.setMaxThreadCount(1)
        self._teaching_pool = QThreadPool(self)  # part 2, so a long lint never holds up part 1
        self._teaching_pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_relay_done)
        self._number = 0
        self._cancelled = threading.Event()

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0 or self._teaching_pool.activeThreadCount() > 0

    def check(self, path: str) -> None:
        self._number += 1
        self._cancelled.set()  # an older save's teaching check is no longer wanted
        self._cancelled = threading.Event()
        self._pool.clear()  # nor is a queued check of an older save
        self._teaching_pool.clear()
        self._pool.start(_Job(path, self._number, self._relay))
        self.started.emit(path)

    def stop(self) -> None:
        """Show no more answers (the window is closing): queued checks are dropped."""
        self._number += 1
        self._cancelled.set()
        self._pool.clear()
        self._teaching_pool.clear()

    def wait(self, msecs: int = -1) -> bool:
        """Block until running checks end (for closing the window and for benchmarks)."""
        first = self._pool.waitForDone(msecs)
        return self._teaching_pool.waitForDone(msecs) and first

    def _on_relay_done(self, number: int, checked: Checked, pending: Pending | None) -> None:
        if number != self._number:
            return  # an answer about an older save
        self.checked.emit(checked)
        if pending is not None and number == self._number:
            # Started after the answer is shown, so the map is drawn before the lint
            # competes with it for the interpreter.
            self._teaching_pool.start(_TeachingJob(checked, pending, number, self._relay,
                                                   self._cancelled))
