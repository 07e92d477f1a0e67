"""Sending the queue: batches to the LRS, retries with exponential backoff, sent once.

Why it works this way:
- Batches are POSTed (one request per 100 statements, not per statement). xAPI makes a
  batch all-or-nothing, so when one statement in it is refused (400) or already there
  with other content (409), the batch is sent again one statement at a time with PUT
  ?statementId=: for a single statement 409 means the LRS already has it, which counts
  as sent, and a 400 marks only that statement as refused so it cannot block the rest.
- A statement is marked sent only after the LRS said so; if Rapport dies between the
  LRS storing it and the mark, it is sent again, and the LRS recognises the id.
- Waiting after failures doubles from 2 s up to 10 minutes (with a little jitter, so a
  classroom of laptops coming back online does not knock all at once); a week offline
  costs a few cheap attempts an hour, and the first success resets it.
- `SendLoop` is a plain thread so the core needs no Qt; the app wraps its status
  callback in a signal.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .client import Answer, LrsClient, Outcome
from .outbox import Backlog, Outbox, Queued
from .validate import statement_problems

log = logging.getLogger(__name__)

BATCH_SIZE = 100
BASE_DELAY_S = 2.0
MAX_DELAY_S = 600.0


@dataclass(frozen=True)
class DrainResult:
    sent: int
    rejected: int
    failure: Answer | None  # why sending stopped before the queue was empty


class Sender:
    """Moves statements from the outbox to one LRS; call `drain` from one thread at a time."""

    def __init__(self, outbox: Outbox, client: LrsClient, batch_size: int = BATCH_SIZE) -> None:
        self.outbox = outbox
        self.client = client
        self.batch_size = batch_size

    def drain(self, stop: threading.Event | None = None) -> DrainResult:
        """Send until the queue is empty, the LRS fails, or `stop` is set."""
        sent = rejected = 0
        while stop is None or not stop.is_set():
            rows = self.outbox.waiting(self.batch_size)
            if not rows:
                break
            rows, refused = self._checked(rows)
            rejected += refused
            if not rows:
                continue
            answer = self.client.post([row.text for row in rows])
            if answer.outcome is Outcome.STORED:
                self.outbox.mark_sent(row.id for row in rows)
                sent += len(rows)
            elif answer.outcome is Outcome.TOO_LARGE and self.batch_size > 1:
                self.batch_size = max(1, self.batch_size // 2)
            elif answer.outcome in (Outcome.CONFLICT, Outcome.INVALID, Outcome.TOO_LARGE):
                done, refused, failure = self._one_by_one(rows)
                sent, rejected = sent + done, rejected + refused
                if failure is not None:
                    return DrainResult(sent, rejected, failure)
            else:
                self.outbox.mark_failed((row.id for row in rows), answer.message)
                return DrainResult(sent, rejected, answer)
        return DrainResult(sent, rejected, None)

    def _checked(self, rows: list[Queued]) -> tuple[list[Queued], int]:
        """Our own xAPI check, again, just before sending (the file may have been edited)."""
        good: list[Queued] = []
        refused = 0
        for row in rows:
            try:
                problems = statement_problems(json.loads(row.text))
            except ValueError as error:
                problems = [f"not JSON ({error})"]
            if problems:
                self.outbox.mark_rejected(row.id, "failed Rapport's xAPI check: "
                                          + "; ".join(problems))
                refused += 1
            else:
                good.append(row)
        return good, refused

    def _one_by_one(self, rows: list[Queued]) -> tuple[int, int, Answer | None]:
        sent = refused = 0
        for index, row in enumerate(rows):
            answer = self.client.put(row.id, row.text)
            if answer.outcome in (Outcome.STORED, Outcome.CONFLICT):
                self.outbox.mark_sent([row.id])
                sent += 1
            elif answer.outcome in (Outcome.INVALID, Outcome.TOO_LARGE):
                log.warning("the LRS refused statement %s: %s", row.id, answer.message)
                self.outbox.mark_rejected(row.id, answer.message)
                refused += 1
            else:
                self.outbox.mark_failed((r.id for r in rows[index:]), answer.message)
                return sent, refused, answer
        return sent, refused, None


@dataclass(frozen=True)
class SendStatus:
    """What the app shows about sending, as plain data."""

    enabled: bool
    backlog: Backlog
    error: str | None = None  # the last failure, in words for the learner
    retry_in: float | None = None  # seconds until the next attempt after a failure


def backoff(failures: int, base: float = BASE_DELAY_S, cap: float = MAX_DELAY_S) -> float:
    """Seconds to wait after `failures` failures in a row: 2, 4, 8 ... up to the cap."""
    # The exponent is capped: after a week offline `failures` is in the thousands, and
    # 2.0 ** 1100 no longer fits in a float.
    return min(cap, base * 2.0 ** min(max(0, failures - 1), 60))


class SendLoop:
    """A background thread that drains the outbox whenever there is something to send.

    `client_factory` returns None while sending is switched off or not set up, so a
    change of settings takes effect at the next `wake`. `on_status` is called from the
    thread after every attempt.
    """

    def __init__(self, outbox: Outbox, client_factory: Callable[[], LrsClient | None],
                 on_status: Callable[[SendStatus], None] | None = None, *,
                 base_delay: float = BASE_DELAY_S, max_delay: float = MAX_DELAY_S) -> None:
        self.outbox = outbox
        self._factory = client_factory
        self._on_status = on_status or (lambda _status: None)
        self._base, self._cap = base_delay, max_delay
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._force = False
        self._failures = 0
        self._next_attempt = 0.0
        self._thread: threading.Thread | None = None

    def start(self) -> SendLoop:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="xapi-sender", daemon=True)
            self._thread.start()
        return self

    def wake(self, *, now: bool = False) -> None:
        """Something was queued (or settings changed); `now` skips any backoff wait."""
        self._force = self._force or now
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            wait = self._attempt()
            if not self._stop.is_set():
                self._wake.wait(wait)

    def _attempt(self) -> float | None:
        """One round; returns how long to sleep (None: until woken)."""
        try:
            client = self._factory()
            if client is None:
                self._report(SendStatus(False, self.outbox.backlog()))
                return None
            remaining = self._next_attempt - time.monotonic()
            if remaining > 0 and not self._force:
                return remaining
            self._force = False
            result = Sender(self.outbox, client).drain(self._stop)
            if result.failure is None:
                self._failures = 0
                self._report(SendStatus(True, self.outbox.backlog()))
                return None
            self._failures += 1
            delay = backoff(self._failures, self._base, self._cap) * random.uniform(1.0, 1.1)
            self._next_attempt = time.monotonic() + delay
            log.info("learning records not sent: %s (next try in %.0f s)",
                     result.failure.message, delay)
            self._report(SendStatus(True, self.outbox.backlog(), result.failure.message, delay))
            return delay
        except Exception as error:  # the thread must outlive a full disk or a closed file
            log.exception("the learning-record sender failed")
            self._failures += 1
            delay = backoff(self._failures, self._base, self._cap)
            self._next_attempt = time.monotonic() + delay
            try:
                backlog = self.outbox.backlog()
            except Exception:
                backlog = Backlog(0, 0, 0)
            self._report(SendStatus(True, backlog, str(error), delay))
            return delay

    def _report(self, status: SendStatus) -> None:
        try:
            self._on_status(status)
        except Exception:
            log.exception("showing the learning-record status failed")
