"""The history file's SQL: its schema and migrations, the statements the history runs,
and what to tell the user when SQLite fails.

Kept apart from `history` (which owns opening, recovery and the session API) so
each stays one job: a migration or a new column is a change here alone.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .paths import ENV_VAR

DISK_FULL_BYTES = 1 << 20  # less free than this, and a failed write is the disk being full

# Primary SQLite result codes (the low byte of extended codes).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26

# -- schema ------------------------------------------------------------------------------
def _create_v1(conn: sqlite3.Connection) -> None:
    conn.execute("""
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,           -- order of last save; clocks can go backwards
            scenario_id TEXT NOT NULL,
            scenario_title TEXT NOT NULL,
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished INTEGER NOT NULL,
            ending_outcome TEXT,
            ending_title TEXT,
            turns INTEGER NOT NULL,
            overall INTEGER,
            scores TEXT NOT NULL,           -- JSON {"overall": .., "mi": .., ...}
            saved TEXT NOT NULL,            -- JSON Session.to_dict()
            report TEXT NOT NULL            -- JSON build_report(session)
        )""")
    conn.execute("CREATE INDEX sessions_by_seq ON sessions (seq)")
    conn.execute("CREATE INDEX sessions_by_scenario ON sessions (scenario_id, finished, seq)")


# MIGRATIONS[v] upgrades a file at schema version v to v + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1}

_COLUMNS = ("id", "scenario_id", "scenario_title", "mode", "started_at", "updated_at",
            "finished", "ending_outcome", "ending_title", "turns", "scores", "saved", "report")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM sessions"
# The lists leave out the transcript and report: decoding them was 0.4 s per 1,000 sessions.
_SUMMARY_COLUMNS = _COLUMNS[:-2]
_SELECT_SUMMARY = f"SELECT {', '.join(_SUMMARY_COLUMNS)} FROM sessions"

_UPSERT = """
    INSERT INTO sessions (id, seq, scenario_id, scenario_title, mode, started_at, updated_at,
                          finished, ending_outcome, ending_title, turns, overall, scores,
                          saved, report)
    VALUES (:id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sessions), :scenario_id,
            :scenario_title, :mode, :now, :now, :finished, :ending_outcome, :ending_title,
            :turns, :overall, :scores, :saved, :report)
    ON CONFLICT (id) DO UPDATE SET
        seq = excluded.seq, scenario_id = excluded.scenario_id,
        scenario_title = excluded.scenario_title, mode = excluded.mode,
        updated_at = excluded.updated_at, finished = excluded.finished,
        ending_outcome = excluded.ending_outcome, ending_title = excluded.ending_title,
        turns = excluded.turns, overall = excluded.overall, scores = excluded.scores,
        saved = excluded.saved, report = excluded.report
"""


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < DISK_FULL_BYTES
    except OSError:
        return False


def _advice(error: sqlite3.Error, path: Path) -> str:
    """What the user can do about an SQLite failure, in their words."""
    code = _code(error)
    # A full disk often reaches SQLite as a failed write to the shared-memory or WAL
    # file ("disk I/O error"), not as SQLITE_FULL: look at the disk itself.
    if code in (_SQLITE_FULL, _SQLITE_IOERR) and _disk_full(path):
        return "the disk is full; free some space and try again"
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return ("another program (perhaps another Rapport window) is holding it; "
                "close that program and try again")
    if code == _SQLITE_FULL:
        return "the disk is full; free some space and try again"
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
        return (f"check that you may write to {path.parent}, or set {ENV_VAR} "
                "to a folder you can write to")
    return f"check the disk, or set {ENV_VAR} to another folder"
