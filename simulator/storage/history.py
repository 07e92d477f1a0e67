"""The learner's history: every session, saved after every turn, in one SQLite file.

Why it is built this way:
- The app saves after every response, so a crash or a closed laptop loses at
  most the response being given. Each save is one committed statement, in WAL
  mode with ``synchronous=FULL`` (durable even against power loss; a rollback
  journal is just as durable where WAL is not available, e.g. network drives).
  The app's save of a response skips the wait for the disk (`wait_for_disk`)
  and calls `sync()` a frame later, so the feedback is not held up by it.
- A session is stored as what `Session.to_dict()` needs to replay it plus the
  report it produced, both as JSON, with the few facts the lists filter and
  sort on (scenario, finished, scores) in their own columns.
- A damaged file must never stop someone practising: it is moved aside (never
  deleted) and a new history started; `recovered_from` tells the app where the
  old file went. Only what cannot be fixed from here (a folder Rapport may not
  write to, a history from a newer Rapport) raises `HistoryError`. A reader that
  is not the app (``paths --coverage``) passes ``recover=False``: a report must
  not rename a file the user pointed it at, so it gets the error instead.
- ``PRAGMA user_version`` is the schema version; `MIGRATIONS` upgrades a file
  one version at a time, after copying it aside.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from simulator.core.errors import RapportError
from simulator.core.gcpause import gc_paused
from simulator.core.report import build_report
from simulator.core.session import Session

from .filelock import LockTimeout, exclusive
from .history_sql import (
    _COLUMNS,
    _SELECT,
    _SELECT_SUMMARY,
    _SQLITE_CORRUPT,
    _SQLITE_NOTADB,
    _SUMMARY_COLUMNS,
    _UPSERT,
    MIGRATIONS,
    _advice,
    _code,
)
from .paths import ENV_VAR, DataFolderError, data_dir

log = logging.getLogger(__name__)

FILE_NAME = "history.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 5.0
OPEN_LOCK_TIMEOUT_S = 60.0  # opening may copy a large history before upgrading it
_MAGIC = b"SQLite format 3\x00"


class HistoryError(RapportError):
    """The history cannot be opened or written; the message says what to do."""


class _Unreadable(Exception):
    """The file is not a usable Rapport history: move it aside and start again."""


def default_path() -> Path:
    """Where the app keeps the history (the data folder, which RAPPORT_DATA_DIR overrides)."""
    try:
        return data_dir() / FILE_NAME
    except DataFolderError as error:
        raise HistoryError(str(error)) from error


@dataclass(frozen=True)
class SessionSummary:
    """One saved session as the history lists show it: no transcript, quick to list."""

    id: str
    scenario_id: str
    scenario_title: str
    mode: str
    started_at: str  # ISO 8601, UTC
    updated_at: str  # ISO 8601, UTC
    finished: bool
    ending_outcome: str | None
    ending_title: str | None
    turns: int
    scores: dict[str, int | None]


@dataclass(frozen=True)
class SessionRecord(SessionSummary):
    """One saved session in full: enough to resume it and to show its report."""

    saved: dict[str, Any] = field(repr=False, default_factory=dict)
    report: dict[str, Any] = field(repr=False, default_factory=dict)


def _check_columns(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
    missing = sorted(set(_COLUMNS) - columns)
    if missing:
        raise _Unreadable(f"not a Rapport history (missing {', '.join(missing)})")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def report_scores(report: dict[str, Any]) -> dict[str, int | None]:
    """The headline scores of a report: overall, then one per framework it was scored on."""
    summary = report.get("report", {})
    scores: dict[str, int | None] = {"overall": summary.get("overall", {}).get("score")}
    for fid in report.get("scenario", {}).get("frameworks", []):
        part = summary.get(fid)
        scores[fid] = part.get("score") if isinstance(part, dict) else None
    return scores


class History:
    """The saved sessions of this user, newest first; safe to share between threads."""

    def __init__(self, path: Path | None = None, *, recover: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.recovered_from: Path | None = None
        self._recover = recover
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(f"Rapport cannot create the folder {self.path.parent} for its "
                               f"history ({error.strerror or error}); set {ENV_VAR} to a "
                               "folder you can write to.") from error
        self._conn: sqlite3.Connection | None = self._open()

    # -- opening -------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        # One Rapport at a time checks, creates or moves aside the file: see filelock.
        try:
            with exclusive(self.path, OPEN_LOCK_TIMEOUT_S):
                return self._open_locked()
        except LockTimeout:
            raise HistoryError(f"Rapport could not open its history at {self.path}: another "
                               "Rapport window has been opening it for a long time. Close "
                               "other Rapport windows and try again.") from None

    def _open_locked(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except _Unreadable as problem:
            if not self._recover:
                raise HistoryError(f"the history at {self.path} is unreadable ({problem}); "
                                   "it was left as it is") from None
            log.warning("history %s is unreadable (%s); moving it aside", self.path, problem)
            self.recovered_from = self._move_aside()
        try:
            return self._connect()
        except _Unreadable as problem:  # a fresh file is unreadable: the disk is the problem
            raise HistoryError(f"Rapport cannot start a new history at {self.path} "
                               f"({problem}); set {ENV_VAR} to another folder.") from None

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise _Unreadable("it is a folder, not a file")
        # Checked by hand first: SQLite given a file that is not a database may still
        # tidy away the journal files beside it, and those go with the file we keep.
        try:
            with self.path.open("rb") as handle:
                head = handle.read(len(_MAGIC))
        except FileNotFoundError:
            head = b""
        except OSError as error:
            raise HistoryError(f"Rapport cannot read its history at {self.path} "
                               f"({error.strerror or error}); check its permissions, or set "
                               f"{ENV_VAR} to another folder.") from error
        if head and head != _MAGIC:
            raise _Unreadable("file is not a database")
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as error:
            raise HistoryError(f"Rapport cannot open its history at {self.path} ({error}); "
                               f"{_advice(error, self.path)}.") from error
        try:
            self._prepare(conn)
        except BaseException as error:
            conn.close()
            if isinstance(error, sqlite3.Error):
                if _code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                    raise _Unreadable(str(error)) from error
                raise HistoryError(f"Rapport cannot open its history at {self.path} "
                                   f"({error}); {_advice(error, self.path)}.") from error
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Check the file is an intact Rapport history, bring it up to date, set durability.

        Checks run before anything is written, so a file moved aside is as it was found.
        """
        # One read transaction: the version and the tables are seen as of one moment,
        # never a version read before another process's commit and tables after it.
        conn.execute("BEGIN")
        try:
            version, tables = self._inspect(conn)
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")  # it only read
        if version > SCHEMA_VERSION:
            raise HistoryError(f"The history at {self.path} was saved by a newer version of "
                               "Rapport. Install that version again to see it, or move the "
                               "file elsewhere to start a new history.")
        if version == 0 and tables:
            raise _Unreadable(f"not a Rapport history (it holds {', '.join(sorted(tables))})")
        if version == SCHEMA_VERSION:
            _check_columns(conn)
        elif version > 0 and "sessions" not in tables:
            raise _Unreadable("not a Rapport history (no sessions table)")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            self._migrate(conn, version)
            _check_columns(conn)

    @staticmethod
    def _inspect(conn: sqlite3.Connection) -> tuple[int, set[str]]:
        check = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if check != ["ok"]:
            raise _Unreadable("damaged: " + "; ".join(map(str, check[:3])))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        return version, tables

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        if version > 0:
            self._backup(conn, version)
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another Rapport may have upgraded the file while we waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](conn)
                version += 1
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _backup(self, conn: sqlite3.Connection, version: int) -> None:
        """Copy a file before upgrading it, so a failed or unwanted upgrade loses nothing."""
        target = self._free_name(f"before-v{SCHEMA_VERSION}")
        try:
            copy = sqlite3.connect(target)
            try:
                conn.backup(copy)
            finally:
                copy.close()
        except sqlite3.Error as error:
            raise HistoryError(f"Rapport could not copy your history before upgrading it "
                               f"({error}); {_advice(error, self.path)}.") from error
        log.info("copied history (schema %d) to %s before upgrading", version, target)

    def _free_name(self, tag: str) -> Path:
        base = f"{self.path.stem}.{tag}"
        candidate = self.path.with_name(f"{base}{self.path.suffix}")
        number = 2
        while any(candidate.with_name(candidate.name + s).exists()
                  for s in ("", "-wal", "-shm", "-journal")):
            candidate = self.path.with_name(f"{base}-{number}{self.path.suffix}")
            number += 1
        return candidate

    def _move_aside(self) -> Path:
        """Rename the unreadable file (and its journal files) next to where it was."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self._free_name(f"corrupt-{stamp}")
        try:
            # Journals first: a stale WAL left beside the new file could be replayed into it.
            for suffix in ("-wal", "-shm", "-journal"):
                companion = self.path.with_name(self.path.name + suffix)
                if companion.exists():
                    companion.rename(target.with_name(target.name + suffix))
            self.path.rename(target)
        except OSError as error:
            raise HistoryError(f"The history at {self.path} is damaged and Rapport could not "
                               f"move it aside ({error.strerror or error}). Close other Rapport "
                               "windows, or move the file away yourself, then start again."
                               ) from error
        log.warning("moved the unreadable history to %s", target)
        return target

    # -- using ---------------------------------------------------------------------------
    @contextmanager
    def _using(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise HistoryError("the history has been closed")
            try:
                yield self._conn
            except sqlite3.Error as error:
                raise HistoryError(f"Rapport could not {action} ({error}); "
                                   f"{_advice(error, self.path)}.") from error

    def save(self, session: Session, record_id: str | None = None, *,
             wait_for_disk: bool = True) -> str:
        """Insert or update a session; committed before returning. Returns its id.

        With `wait_for_disk=False` the commit is handed to the system without waiting
        for the disk (SQLite's synchronous=NORMAL): it survives the app crashing or
        being killed at once, and survives power loss after `sync()`. The app saves a
        response that way before drawing its feedback, then syncs after the frame."""
        report = build_report(session)
        saved = session.to_dict()
        scores = report_scores(report)
        ending = report["ending"] or {}
        record_id = record_id or uuid.uuid4().hex
        row = {
            "id": record_id,
            "scenario_id": report["scenario"]["id"],
            "scenario_title": report["scenario"]["title"],
            "mode": session.mode,
            "now": _now(),
            "finished": int(bool(report["finished"])),
            "ending_outcome": ending.get("outcome"),
            "ending_title": ending.get("title"),
            "turns": len(report["turns"]),
            "overall": scores["overall"],
            "scores": json.dumps(scores),
            "saved": json.dumps(saved, ensure_ascii=False),
            "report": json.dumps(report, ensure_ascii=False),
        }
        with self._using("save your session to its history") as conn:
            if wait_for_disk:
                conn.execute(_UPSERT, row)
            else:
                conn.execute("PRAGMA synchronous = NORMAL")
                try:
                    conn.execute(_UPSERT, row)
                finally:
                    conn.execute("PRAGMA synchronous = FULL")
        return record_id

    def sync(self) -> None:
        """Wait until every save so far is on the disk (after `save(wait_for_disk=False)`)."""
        with self._lock:
            wal = self.path.with_name(self.path.name + "-wal")
            target = wal if wal.exists() else self.path
            try:
                fd = os.open(target, os.O_RDWR | getattr(os, "O_BINARY", 0))
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError as error:
                reason = "the disk is full" if error.errno == errno.ENOSPC else (
                    error.strerror or str(error))
                raise HistoryError(f"Rapport could not finish saving your session to its "
                                   f"history ({reason}); check the disk, or set {ENV_VAR} "
                                   "to another folder.") from error

    def get(self, record_id: str) -> SessionRecord | None:
        with self._using("read its history") as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else _record(row)

    def sessions(self, scenario_id: str | None = None,
                 finished: bool | None = None) -> list[SessionRecord]:
        """Saved sessions, the most recently played first."""
        return self._select(scenario_id, finished, newest_first=True)

    def summaries(self, finished: bool | None = None, *,
                  newest_first: bool = True) -> list[SessionSummary]:
        """Saved sessions without their transcripts, for lists that show many at once."""
        rows = self._rows(_SELECT_SUMMARY, None, finished, newest_first)
        return [s for s in map(_summary, rows) if s is not None]

    def unfinished(self) -> list[SessionSummary]:
        """Sessions the learner can resume, most recent first."""
        return self.summaries(finished=False)

    def progress(self) -> list[SessionSummary]:
        """Finished sessions in the order they were finished (for the progress chart)."""
        return self.summaries(finished=True, newest_first=False)

    def best_score(self, scenario_id: str, mode: str | None = None) -> int | None:
        """The best overall score among finished sessions of a scenario (optionally one mode)."""
        sql = "SELECT MAX(overall) FROM sessions WHERE scenario_id = ? AND finished = 1"
        params: list[Any] = [scenario_id]
        if mode is not None:
            sql += " AND mode = ?"
            params.append(mode)
        with self._using("read its history") as conn:
            best = conn.execute(sql, params).fetchone()[0]
        return None if best is None else int(best)

    def attempt(self, record_id: str) -> int | None:
        """Which attempt at its scenario a session was: 1 for the first one started.

        Counted in the order sessions were first saved (SQLite's rowid, which an update
        keeps), so the number never changes when an older session is resumed.
        """
        sql = ("SELECT COUNT(*) FROM sessions WHERE scenario_id = "
               "(SELECT scenario_id FROM sessions WHERE id = :id) "
               "AND rowid <= (SELECT rowid FROM sessions WHERE id = :id)")
        with self._using("read its history") as conn:
            count = conn.execute(sql, {"id": record_id}).fetchone()[0]
        return int(count) or None

    def delete(self, record_id: str) -> None:
        """Remove a session; an unknown id is not an error (it is already gone)."""
        with self._using("delete the session from its history") as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (record_id,))

    def close(self) -> None:
        """Close the file (idempotent); SQLite folds the WAL back into it."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, select: str, scenario_id: str | None, finished: bool | None,
              newest_first: bool) -> list[tuple[Any, ...]]:
        where: list[str] = []
        params: list[Any] = []
        if scenario_id is not None:
            where.append("scenario_id = ?")
            params.append(scenario_id)
        if finished is not None:
            where.append("finished = ?")
            params.append(int(finished))
        sql = select + (f" WHERE {' AND '.join(where)}" if where else "")
        sql += f" ORDER BY seq {'DESC' if newest_first else 'ASC'}"
        with self._using("read its history") as conn:
            return conn.execute(sql, params).fetchall()

    def _select(self, scenario_id: str | None, finished: bool | None,
                newest_first: bool) -> list[SessionRecord]:
        rows = self._rows(_SELECT, scenario_id, finished, newest_first)
        # Decoding a thousand reports makes millions of objects that all stay alive; the
        # cyclic collector would scan them again and again for nothing (halves the time).
        with gc_paused():
            records = [_record(row) for row in rows]
        return [r for r in records if r is not None]


_Row = TypeVar("_Row", bound=SessionSummary)


def _summary(row: tuple[Any, ...]) -> SessionSummary | None:
    return _decoded(SessionSummary, _SUMMARY_COLUMNS, row)


def _record(row: tuple[Any, ...]) -> SessionRecord | None:
    return _decoded(SessionRecord, _COLUMNS, row)


def _decoded(kind: type[_Row], columns: tuple[str, ...], row: tuple[Any, ...]) -> _Row | None:
    """A row as a record; a row whose JSON was damaged outside Rapport is left out (and kept)."""
    values = dict(zip(columns, row, strict=True))
    try:
        for key in ("scores", "saved", "report"):
            if key not in values:
                continue
            values[key] = json.loads(values[key])
            if not isinstance(values[key], dict):
                raise ValueError(f"{key} is not an object")
    except (TypeError, ValueError) as error:
        log.warning("skipping damaged history record %s: %s", values["id"], error)
        return None
    values["finished"] = bool(values["finished"])
    return kind(**values)
