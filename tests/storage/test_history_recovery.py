"""A damaged history never stops a learner: it is moved aside, kept, and a new one started."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.core.loader import load_scenario
from simulator.storage.history import History, HistoryError

from . import MINI, played


def _real_history(path: Path, sessions: int = 6) -> None:
    scenario = load_scenario(MINI)
    with History(path) as history:
        for _ in range(sessions):
            history.save(played(scenario, [1, 1]))


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(20_000))


def text_file(path: Path) -> None:
    path.write_text("my notes, saved over the history by mistake\n", encoding="utf-8")


def truncated_header(path: Path) -> None:
    _real_history(path)
    path.write_bytes(path.read_bytes()[:60])


def truncated_half(path: Path) -> None:
    _real_history(path, sessions=20)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def folder(path: Path) -> None:
    path.mkdir()
    (path / "something.txt").write_text("kept")


def another_programs_database(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        raw.execute("INSERT INTO contacts VALUES ('Sam', '0123')")
    raw.close()


def our_version_wrong_table(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE sessions (id TEXT, data BLOB)")
        raw.execute("PRAGMA user_version = 1")
    raw.close()


DAMAGE: list[Callable[[Path], None]] = [random_bytes, text_file, truncated_header,
                                        truncated_half, folder, another_programs_database,
                                        our_version_wrong_table]


def _snapshot(path: Path) -> object:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in path.iterdir()}
    return path.read_bytes()


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_damaged_file_is_moved_aside_and_a_new_history_started(
        tmp_path: Path, damage: Callable[[Path], None]) -> None:
    path = tmp_path / "history.sqlite3"
    damage(path)
    original = _snapshot(path)

    with History(path) as history:
        moved = history.recovered_from
        assert moved is not None
        assert moved.parent == tmp_path
        assert moved.name.startswith("history.corrupt-") and moved.name.endswith(".sqlite3")
        assert _snapshot(moved) == original  # nothing lost: the old file is as it was
        assert history.sessions() == []
        record_id = history.save(played(load_scenario(MINI), [1]))

    with History(path) as reopened:
        assert reopened.recovered_from is None
        assert [r.id for r in reopened.sessions()] == [record_id]


def test_journal_files_of_a_damaged_history_go_with_it(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    random_bytes(path)
    wal = tmp_path / "history.sqlite3-wal"
    wal.write_bytes(b"stale journal")

    with History(path) as history:
        moved = history.recovered_from
        assert moved is not None
        assert Path(f"{moved}-wal").read_bytes() == b"stale journal"
        assert history.sessions() == []


def test_two_recoveries_keep_both_old_files(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    random_bytes(path)
    with History(path) as first:
        first_moved = first.recovered_from
    text_file(path)
    with History(path) as second:
        second_moved = second.recovered_from

    assert first_moved is not None and second_moved is not None
    assert first_moved != second_moved
    assert first_moved.exists() and second_moved.exists()
    assert second_moved.read_text(encoding="utf-8").startswith("my notes")


def test_an_empty_file_is_simply_a_new_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.touch()
    with History(path) as history:
        assert history.recovered_from is None
        assert history.sessions() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_a_healthy_history_is_never_moved(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _real_history(path)
    with History(path) as history:
        assert history.recovered_from is None
        assert len(history.sessions()) == 6


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_a_reader_that_may_not_recover_gets_an_error_and_the_file_stays(
        tmp_path: Path, damage: Callable[[Path], None]) -> None:
    path = tmp_path / "history.sqlite3"
    damage(path)
    original = _snapshot(path)
    with pytest.raises(HistoryError, match=r"unreadable .* left as it is"):
        History(path, recover=False)
    assert _snapshot(path) == original
    assert [p.name for p in tmp_path.iterdir()] == ["history.sqlite3"]
