"""The send queue: statements waiting for the LRS, in a table of the history database.

Why here and why like this:
- A statement is written to disk (one committed transaction, in the history's WAL
  file with synchronous=FULL) before anything tries to send it, so a crash, a closed
  laptop or a week without a network loses nothing: the queue is just rows.
- The statement id is the key and rows are only ever inserted with INSERT OR IGNORE,
  so queueing a session's statements again after every turn adds only the new ones
  and each keeps the time it was first queued.
- Rows stay after they are sent (``sent_at`` is set): an export can reuse them with
  their own times, and "sent once" can be checked. A statement the LRS refuses on its
  own (400) is marked rejected, kept, and no longer blocks the ones behind it.
- The table is created here, with IF NOT EXISTS, on its own connection: the history's
  schema (and its version number) stays the history module's business, and the
  background sender never waits for the history's lock while the learner plays.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.core.errors import RapportError

from .validate import check_statement

BUSY_TIMEOUT_S = 10.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS xapi_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- queue order
    id TEXT NOT NULL UNIQUE,                -- the statement id
    session_id TEXT NOT NULL,
    statement TEXT NOT NULL,                -- the statement, as JSON
    queued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT,
    rejected INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS xapi_outbox_waiting ON xapi_outbox (seq)
    WHERE sent_at IS NULL AND rejected = 0;
CREATE INDEX IF NOT EXISTS xapi_outbox_by_session ON xapi_outbox (session_id, seq);
"""


class OutboxError(RapportError):
    """The send queue cannot be read or written; the message says what to do."""


@dataclass(frozen=True)
class Queued:
    """One statement waiting to be sent, as stored (the JSON is sent as it is)."""

    seq: int
    id: str
    session_id: str
    text: str


@dataclass(frozen=True)
class Backlog:
    """What the status bar shows: how many wait, and how many the LRS refused."""

    waiting: int
    rejected: int
    sent: int
    oldest_waiting: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Outbox:
    """The queue in the history database at `path`; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self._conn: sqlite3.Connection | None = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                check_same_thread=False)
            # Only in a file the history has set up: the history moves aside a new file
            # that already holds tables, taking this queue for someone else's data.
            if self._conn.execute("PRAGMA user_version").fetchone()[0] < 1:
                self._conn.close()
                self._conn = None
                raise OutboxError(f"{self.path} is not a Rapport history yet; open it as "
                                  "a history first")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.executescript(_SCHEMA)
        except sqlite3.Error as error:
            raise OutboxError(f"Rapport cannot open the learning-record queue in {self.path} "
                              f"({error}); check that you may write to that folder.") from error

    @contextmanager
    def _transaction(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            if conn is None:
                raise OutboxError("the learning-record queue has been closed")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise OutboxError(f"Rapport could not {action} ({error}); check the disk "
                                  "has space and the history folder is writable.") from error

    # -- adding ----------------------------------------------------------------------
    def enqueue(self, session_id: str, statements: Sequence[dict[str, Any]]) -> int:
        """Queue a session's statements; returns how many were new.

        Each new one is checked against the xAPI rules first, so nothing invalid is ever
        queued. Nothing queued is ever taken out again: a response taken back in practice
        is withdrawn by a voiding statement (see `records.queue_session`), so what reaches
        the LRS does not depend on whether the network was up at the time.
        """
        with self._lock:
            known = {row[0] for row in self._require().execute(
                "SELECT id FROM xapi_outbox WHERE session_id = ?", (session_id,))}
        # Only new statements are checked and encoded: a session re-queued after every
        # turn would otherwise redo all its earlier turns each time.
        fresh = [s for s in statements if s.get("id") not in known]
        for statement in fresh:
            check_statement(statement)
        stamp = _now()
        rows = [(s["id"], session_id, json.dumps(s, ensure_ascii=False, sort_keys=True),
                 stamp) for s in fresh]
        with self._transaction("queue your learning records") as conn:
            before = conn.total_changes
            conn.executemany("INSERT OR IGNORE INTO xapi_outbox (id, session_id, statement, "
                             "queued_at) VALUES (?, ?, ?, ?)", rows)
            return conn.total_changes - before

    # -- sending ---------------------------------------------------------------------
    def waiting(self, limit: int) -> list[Queued]:
        """The oldest statements not yet sent (nor refused), in the order they were queued."""
        with self._lock:
            conn = self._require()
            rows = conn.execute("SELECT seq, id, session_id, statement FROM xapi_outbox "
                                "WHERE sent_at IS NULL AND rejected = 0 ORDER BY seq LIMIT ?",
                                (limit,)).fetchall()
        return [Queued(*row) for row in rows]

    def mark_sent(self, ids: Iterable[str]) -> None:
        stamp = _now()
        with self._transaction("note which learning records were sent") as conn:
            conn.executemany("UPDATE xapi_outbox SET sent_at = ?, attempts = attempts + 1, "
                             "last_error = NULL WHERE id = ? AND sent_at IS NULL",
                             [(stamp, i) for i in ids])

    def mark_failed(self, ids: Iterable[str], error: str) -> None:
        with self._transaction("note a failed send") as conn:
            conn.executemany("UPDATE xapi_outbox SET attempts = attempts + 1, last_error = ? "
                             "WHERE id = ?", [(error, i) for i in ids])

    def mark_rejected(self, ident: str, error: str) -> None:
        with self._transaction("note a refused learning record") as conn:
            conn.execute("UPDATE xapi_outbox SET rejected = 1, attempts = attempts + 1, "
                         "last_error = ? WHERE id = ?", (error, ident))

    def retry_rejected(self) -> int:
        """Put refused statements back in line (after the LRS or Rapport was fixed)."""
        with self._transaction("retry refused learning records") as conn:
            return conn.execute("UPDATE xapi_outbox SET rejected = 0 WHERE rejected = 1 "
                                "AND sent_at IS NULL").rowcount

    # -- reading ---------------------------------------------------------------------
    def backlog(self) -> Backlog:
        with self._lock:
            conn = self._require()
            waiting, oldest = conn.execute(
                "SELECT COUNT(*), MIN(queued_at) FROM xapi_outbox "
                "WHERE sent_at IS NULL AND rejected = 0").fetchone()
            rejected, sent = conn.execute(
                "SELECT COALESCE(SUM(rejected = 1 AND sent_at IS NULL), 0), "
                "COALESCE(SUM(sent_at IS NOT NULL), 0) FROM xapi_outbox").fetchone()
        return Backlog(int(waiting), int(rejected), int(sent), oldest)

    def session_statements(self, session_id: str) -> list[dict[str, Any]]:
        """Everything ever queued for a session, sent or not, in order."""
        with self._lock:
            rows = self._require().execute(
                "SELECT statement FROM xapi_outbox WHERE session_id = ? ORDER BY seq",
                (session_id,)).fetchall()
        return [json.loads(row[0]) for row in rows]

    def session_ids(self) -> list[str]:
        """Every session that has statements in the queue, oldest first."""
        with self._lock:
            rows = self._require().execute(
                "SELECT session_id FROM xapi_outbox GROUP BY session_id ORDER BY MIN(seq)"
            ).fetchall()
        return [row[0] for row in rows]

    def last_verb(self, session_id: str) -> str | None:
        """The verb IRI of the statement queued last for a session."""
        with self._lock:
            row = self._require().execute(
                "SELECT json_extract(statement, '$.verb.id') FROM xapi_outbox "
                "WHERE session_id = ? ORDER BY seq DESC LIMIT 1", (session_id,)).fetchone()
        return None if row is None else row[0]

    def timestamp_of(self, ident: str) -> str | None:
        """The time a queued statement carries (None if it was never queued)."""
        with self._lock:
            row = self._require().execute(
                "SELECT json_extract(statement, '$.timestamp') FROM xapi_outbox WHERE id = ?",
                (ident,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def last_error(self) -> str | None:
        with self._lock:
            row = self._require().execute(
                "SELECT last_error FROM xapi_outbox WHERE last_error IS NOT NULL "
                "AND sent_at IS NULL ORDER BY attempts DESC, seq LIMIT 1").fetchone()
        return None if row is None else str(row[0])

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise OutboxError("the learning-record queue has been closed")
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def queued_statements(path: Path, session_id: str) -> list[dict[str, Any]]:
    """A session's queued statements, read without writing anything (for exports).

    Opened read-only: a report about a history file must not change it, and a history
    that never had sending switched on has no queue table at all.
    """
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return []
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                        "name = 'xapi_outbox'").fetchone() is None:
            return []
        rows = conn.execute("SELECT statement FROM xapi_outbox WHERE session_id = ? "
                            "ORDER BY seq", (session_id,)).fetchall()
        return [json.loads(row[0]) for row in rows]
    except (sqlite3.Error, ValueError):
        return []
    finally:
        conn.close()

