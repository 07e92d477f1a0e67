"""The history a learner sees: what is saved, how it is listed, resuming, deleting."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.core.errors import RapportError
from simulator.core.loader import load_scenario
from simulator.core.model import Scenario
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.storage import history as history_module
from simulator.storage.history import History, HistoryError
from simulator.storage.paths import data_dir

from . import MINI, played, scenario_copy


@pytest.fixture
def mini() -> Scenario:
    return load_scenario(MINI)


@pytest.fixture
def history() -> History:
    with History() as opened:
        yield opened


def test_default_file_is_in_the_data_folder(history: History) -> None:
    assert history.path == data_dir() / "history.sqlite3"
    assert history.path.is_file()
    assert history.recovered_from is None


def test_save_then_get_gives_back_everything_the_views_show(history: History,
                                                            mini: Scenario) -> None:
    session = played(mini, [1, 1])
    record_id = history.save(session)

    record = history.get(record_id)
    assert record is not None
    assert record.id == record_id and len(record_id) == 32
    assert (record.scenario_id, record.scenario_title) == ("mini", "A short test conversation")
    assert record.mode == "practice"
    assert record.finished is True
    assert (record.ending_outcome, record.ending_title) == ("engaged", "Talking")
    assert record.turns == 2
    assert record.scores == {"overall": 100, "mi": 100, "pace": 50, "r4": 100}
    assert record.saved == session.to_dict()
    assert record.report == json.loads(json.dumps(build_report(session)))
    started = datetime.fromisoformat(record.started_at)
    assert started.utcoffset() == UTC.utcoffset(None)
    assert abs((datetime.now(UTC) - started).total_seconds()) < 60
    assert record.updated_at >= record.started_at


def test_unfinished_session_has_no_ending(history: History, mini: Scenario) -> None:
    record = history.get(history.save(played(mini, [3])))
    assert record is not None
    assert record.finished is False
    assert (record.ending_outcome, record.ending_title) == (None, None)
    assert record.turns == 1
    assert record.scores["overall"] == 33


def test_saving_again_updates_the_same_record(history: History, mini: Scenario) -> None:
    session = Session(mini)
    record_id = history.save(session)
    first = history.get(record_id)
    session.choose(1)
    assert history.save(session, record_id) == record_id
    session.choose(1)
    history.save(session, record_id)

    records = history.sessions()
    assert [r.id for r in records] == [record_id]
    assert records[0].turns == 2 and records[0].finished
    assert first is not None and records[0].started_at == first.started_at


def test_get_unknown_id_is_none(history: History) -> None:
    assert history.get("no-such-session") is None


def test_sessions_are_listed_most_recently_played_first(history: History,
                                                        mini: Scenario) -> None:
    first = played(mini, [3])
    first_id = history.save(first)
    second_id = history.save(played(mini, [1, 1]))
    third_id = history.save(played(mini, [2]))
    assert [r.id for r in history.sessions()] == [third_id, second_id, first_id]

    first.choose(1)  # the learner goes back to the first session
    history.save(first, first_id)
    assert [r.id for r in history.sessions()] == [first_id, third_id, second_id]


def test_sessions_filter_by_scenario_and_finished(history: History, mini: Scenario,
                                                  tmp_path: Path) -> None:
    other = scenario_copy(tmp_path, "other")
    mini_done = history.save(played(mini, [1, 1]))
    mini_open = history.save(played(mini, [1]))
    other_done = history.save(played(other, [2]))

    assert [r.id for r in history.sessions("mini")] == [mini_open, mini_done]
    assert [r.id for r in history.sessions("other")] == [other_done]
    assert [r.id for r in history.sessions(finished=True)] == [other_done, mini_done]
    assert [r.id for r in history.sessions("mini", finished=False)] == [mini_open]
    assert history.sessions("unknown") == []


def test_unfinished_lists_only_sessions_to_resume(history: History, mini: Scenario) -> None:
    history.save(played(mini, [1, 1]))
    open_one = history.save(played(mini, [3]))
    open_two = history.save(played(mini, [1]))
    history.save(played(mini, [2]))
    assert [r.id for r in history.unfinished()] == [open_two, open_one]
    assert all(not r.finished for r in history.unfinished())


def test_best_score_counts_finished_sessions_only(history: History, mini: Scenario,
                                                  tmp_path: Path) -> None:
    assert history.best_score("mini") is None
    history.save(played(mini, [1]))  # 100 so far, but not finished
    assert history.best_score("mini") is None
    history.save(played(mini, [3, 2]))
    history.save(played(mini, [3, 1]))
    history.save(played(mini, [2]))
    assert history.best_score("mini") == 67
    history.save(played(mini, [1, 1], mode="assessment"))
    assert history.best_score("mini") == 100
    assert history.best_score("mini", mode="practice") == 67
    assert history.best_score("mini", mode="assessment") == 100
    history.save(played(scenario_copy(tmp_path, "other"), [3, 2]))
    assert history.best_score("other") == 17


def test_progress_is_finished_sessions_oldest_first(history: History, mini: Scenario) -> None:
    late_finisher = played(mini, [1])
    late_id = history.save(late_finisher)
    a = history.save(played(mini, [2]))
    b = history.save(played(mini, [3, 1]))
    history.save(played(mini, [3]))
    late_finisher.choose(1)
    history.save(late_finisher, late_id)

    progress = history.progress()
    assert [r.id for r in progress] == [a, b, late_id]
    assert [r.scores["overall"] for r in progress] == [0, 67, 100]


def test_delete_removes_the_session(history: History, mini: Scenario) -> None:
    keep = history.save(played(mini, [1, 1]))
    gone = history.save(played(mini, [3]))
    history.delete(gone)
    history.delete("never-existed")
    assert history.get(gone) is None
    assert [r.id for r in history.sessions()] == [keep]


def test_resume_after_reopening(mini: Scenario) -> None:
    with History() as first:
        session = played(mini, [3])
        record_id = first.save(session)

    with History() as reopened:
        record = reopened.get(record_id)
        assert record is not None and [r.id for r in reopened.unfinished()] == [record_id]
        resumed = Session.restore(mini, record.saved)
        assert [t.option_number for t in resumed.turns] == [3]
        assert resumed.values == session.values == {"trust": 3.0, "arousal": 9.0}
        assert resumed.position == "middle"

        resumed.choose(1)
        reopened.save(resumed, record_id)
        finished = reopened.get(record_id)
        assert finished is not None and finished.finished and finished.turns == 2
        assert finished.ending_outcome == "partial"
        assert reopened.unfinished() == []


def _cut_off_report(history: History, record_id: str) -> None:
    """Damage a record's report the way a tool outside Rapport might."""
    with sqlite3.connect(history.path) as raw:
        raw.execute("UPDATE sessions SET report = '{\"cut off' WHERE id = ?", (record_id,))
    raw.close()


def test_a_damaged_record_does_not_hide_the_others(history: History, mini: Scenario) -> None:
    good = history.save(played(mini, [1, 1]))
    bad = history.save(played(mini, [3]))
    _cut_off_report(history, bad)
    assert [r.id for r in history.sessions()] == [good]
    assert history.get(bad) is None
    assert history.get(good) is not None


def test_lists_show_the_same_sessions_as_the_full_records(history: History,
                                                          mini: Scenario) -> None:
    done = history.save(played(mini, [2]))
    open_one = history.save(played(mini, [3]))
    full = {r.id: r for r in history.sessions()}
    listed = history.summaries()
    assert [s.id for s in listed] == [open_one, done]
    for summary in listed:
        record = full[summary.id]
        assert (summary.scenario_title, summary.finished, summary.turns, summary.scores,
                summary.ending_title) == (record.scenario_title, record.finished,
                                          record.turns, record.scores, record.ending_title)
        assert not hasattr(summary, "report")  # the transcript is not decoded for a list
    assert [s.id for s in history.summaries(finished=True)] == [done]


def test_a_session_with_a_damaged_report_is_listed_but_not_opened(history: History,
                                                                 mini: Scenario) -> None:
    bad = history.save(played(mini, [3]))
    _cut_off_report(history, bad)
    assert [s.id for s in history.summaries()] == [bad]
    assert history.get(bad) is None


def test_using_a_closed_history_is_a_plain_error(mini: Scenario) -> None:
    history = History()
    history.close()
    history.close()  # closing twice is harmless
    with pytest.raises(HistoryError, match="closed"):
        history.save(played(mini, [1]))


def test_save_from_a_worker_thread(history: History, mini: Scenario) -> None:
    ids: list[str] = []
    worker = threading.Thread(target=lambda: ids.append(history.save(played(mini, [1]))))
    worker.start()
    worker.join()
    assert [r.id for r in history.sessions()] == ids


def test_data_folder_that_is_a_file_is_a_plain_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(blocker))
    with pytest.raises(HistoryError, match="RAPPORT_DATA_DIR") as caught:
        History()
    assert isinstance(caught.value, RapportError)
    assert blocker.read_text() == "a file where the data folder should be"


def test_history_under_a_file_is_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(HistoryError, match="cannot create the folder"):
        History(blocker / "history.sqlite3")


def test_history_from_a_newer_rapport_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History(path):
        pass
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {history_module.SCHEMA_VERSION + 1}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer version of Rapport"):
        History(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_upgrade_keeps_sessions_and_a_copy_of_the_old_file(
        tmp_path: Path, mini: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "history.sqlite3"
    with History(path) as old:
        record_id = old.save(played(mini, [1, 1]))

    def add_note(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(history_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(history_module.MIGRATIONS, 1, add_note)
    with History(path) as upgraded:
        assert upgraded.recovered_from is None
        record = upgraded.get(record_id)
        assert record is not None and record.scores["overall"] == 100
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
        assert raw.execute("SELECT note FROM sessions").fetchall() == [("",)]
    raw.close()
    backup = tmp_path / "history.before-v2.sqlite3"
    with sqlite3.connect(backup) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        assert raw.execute("SELECT id FROM sessions").fetchall() == [(record_id,)]
    raw.close()
