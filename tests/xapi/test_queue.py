"""The statements a session earns and the queue that keeps them (no LRS needed)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.storage.history import History
from simulator.xapi.client import LrsClient, LrsConfig, Outcome
from simulator.xapi.outbox import Outbox
from simulator.xapi.records import queue_session
from simulator.xapi.sender import Sender, backoff
from simulator.xapi.validate import InvalidStatement, statement_problems

from .helpers import LEARNER, MINI, play_and_queue
from .lrs import free_port


def verbs(statements: list[dict]) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def test_each_turn_queues_only_what_is_new(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        scenario = load_scenario(MINI)
        with Session(scenario) as session:
            session.choose(1)
            record_id = history.save(session)
            assert queue_session(outbox, build_report(session), record_id, LEARNER) == 2
            assert queue_session(outbox, build_report(session), record_id, LEARNER) == 0
            session.choose(1)
            history.save(session, record_id)
            assert queue_session(outbox, build_report(session), record_id, LEARNER) == 3
        queued = outbox.session_statements(record_id)
    assert verbs(queued) == ["initialized", "answered", "answered", "completed", "terminated"]
    assert len({s["id"] for s in queued}) == 5
    completed = queued[3]
    assert completed["result"]["duration"].startswith("PT")
    assert queued[0]["context"]["registration"] == queued[4]["context"]["registration"]


def test_the_same_session_gives_the_same_ids_everywhere(tmp_path: Path) -> None:
    with History(tmp_path / "a.sqlite3") as first, Outbox(first.path) as one:
        play_and_queue(first, one, [1, 1])
        ids = [s["id"] for s in one.session_statements(first.sessions()[0].id)]
        record_id = first.sessions()[0].id
    with History(tmp_path / "b.sqlite3") as second, Outbox(second.path) as two:
        scenario = load_scenario(MINI)
        with Session(scenario) as session:
            session.choose(1)
            session.choose(1)
            queue_session(two, build_report(session), record_id, LEARNER)
        assert [s["id"] for s in two.session_statements(record_id)] == ids


def play_with_undo(outbox: Outbox, history: History, steps: list[int | str]) -> str:
    """Play `steps` (option numbers, or "undo"), saving and queueing after each."""
    with Session(load_scenario(MINI)) as session:
        record_id = None
        for step in steps:
            if step == "undo":
                session.undo()
            else:
                session.choose(int(step))
            record_id = history.save(session, record_id)
            queue_session(outbox, build_report(session), record_id, LEARNER)
    assert record_id is not None
    return record_id


def test_a_response_taken_back_and_replaced_is_voided(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        record_id = play_with_undo(outbox, history, [3, "undo", 1])
        queued = outbox.session_statements(record_id)
    assert verbs(queued) == ["initialized", "answered", "voided", "answered"]
    taken_back, void, kept = queued[1], queued[2], queued[3]
    assert (taken_back["result"]["response"], kept["result"]["response"]) == \
        ("option-3", "option-1")
    assert void["object"] == {"objectType": "StatementRef", "id": taken_back["id"]}
    assert statement_problems(void) == []


def test_taking_back_and_giving_the_same_response_withdraws_nothing(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        record_id = play_with_undo(outbox, history, [1, "undo", 1, 1, "undo", 1])
        assert verbs(outbox.session_statements(record_id)) == \
            ["initialized", "answered", "answered", "completed", "terminated"]


def test_an_ending_taken_back_is_voided_and_the_new_one_recorded(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        record_id = play_with_undo(outbox, history, [1, 2, "undo", 1])
        queued = outbox.session_statements(record_id)
    assert verbs(queued) == ["initialized", "answered", "answered", "completed", "terminated",
                             "voided", "voided", "voided", "answered", "completed",
                             "terminated"]
    assert {v["object"]["id"] for v in queued[5:8]} == {s["id"] for s in queued[2:5]}
    endings = [s["result"]["extensions"]["https://rapport.invalid/xapi/extensions/ending"]
               ["id"] for s in queued if s["verb"]["display"]["en"] == "completed"]
    assert endings == ["partial", "engaged"]
    assert all(statement_problems(s) == [] for s in queued)


def test_going_another_way_earlier_voids_everything_after_once(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        record_id = play_with_undo(outbox, history, [3, 2, "undo", "undo", 1, 1])
        queued = outbox.session_statements(record_id)
    first_route = ["answered", "answered", "completed", "terminated"]
    assert verbs(queued) == ["initialized", *first_route, *["voided"] * 4, *first_route]
    assert [v["object"]["id"] for v in queued[5:9]] == [s["id"] for s in queued[1:5]]


def test_a_crash_between_saving_and_queueing_is_caught_up(tmp_path: Path) -> None:
    from simulator.xapi.records import catch_up

    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        with Session(load_scenario(MINI)) as session:
            session.choose(1)
            record_id = history.save(session)
            queue_session(outbox, build_report(session), record_id, LEARNER)
            session.choose(1)  # the ending is saved, then the app dies before queueing
            history.save(session, record_id)
        assert verbs(outbox.session_statements(record_id)) == ["initialized", "answered"]
        assert catch_up(outbox, history, LEARNER) == 3
        assert verbs(outbox.session_statements(record_id))[2:] == \
            ["answered", "completed", "terminated"]
        assert catch_up(outbox, history, LEARNER) == 0


def test_the_queue_survives_closing_and_the_history_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history, Outbox(path) as outbox:
        record_id = play_and_queue(history, outbox, [1])
    with History(path) as history, Outbox(path) as outbox:
        assert history.get(record_id) is not None
        assert outbox.backlog().waiting == 2
        assert [row.id for row in outbox.waiting(10)] == \
            [s["id"] for s in outbox.session_statements(record_id)]


def test_nothing_invalid_is_ever_queued(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        with pytest.raises(InvalidStatement, match="statement: needs 'actor'"):
            outbox.enqueue("s", [{"id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
                                  "verb": {"id": "http://x.example/v"},
                                  "object": {"id": "http://x.example/o"}}])
        assert outbox.backlog().waiting == 0


def test_a_statement_damaged_in_the_queue_is_set_aside_not_sent(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history, Outbox(path) as outbox:
        record_id = play_and_queue(history, outbox, [1])
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE xapi_outbox SET statement = '{\"id\": 1}' WHERE seq = 1")
    nobody = LrsClient(LrsConfig(f"http://127.0.0.1:{free_port()}/xAPI/", "k", "s", timeout=2))
    with Outbox(path) as outbox:
        result = Sender(outbox, nobody).drain()
        assert result.rejected == 1
        assert result.failure is not None and result.failure.outcome is Outcome.RETRY
        backlog = outbox.backlog()
        assert (backlog.waiting, backlog.rejected) == (1, 1)
        assert len(outbox.session_statements(record_id)) == 2


def test_an_unreachable_lrs_is_a_retry_with_a_plain_reason(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        play_and_queue(history, outbox, [1])
        endpoint = f"http://127.0.0.1:{free_port()}/xAPI/"
        result = Sender(outbox, LrsClient(LrsConfig(endpoint, "k", "s", timeout=2))).drain()
        assert result.failure is not None and result.failure.outcome is Outcome.RETRY
        assert f"the learning record store at {endpoint} could not be reached" in \
            result.failure.message
        assert outbox.backlog().waiting == 2
        rows = outbox._require().execute("SELECT attempts FROM xapi_outbox").fetchall()
        assert rows == [(1,), (1,)]


def test_backoff_doubles_then_stays_at_ten_minutes() -> None:
    assert [backoff(n) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 16.0]
    assert backoff(9) == 512.0 and backoff(10) == 600.0 and backoff(10_000) == 600.0


def test_the_queue_never_claims_a_file_the_history_has_not_set_up(tmp_path: Path) -> None:
    from simulator.xapi.outbox import OutboxError

    path = tmp_path / "h.sqlite3"
    with pytest.raises(OutboxError, match="is not a Rapport history yet"):
        Outbox(path)
    with History(path) as history:  # so the history still takes the file as its own
        assert history.recovered_from is None


def test_the_queue_is_a_table_of_the_history_file(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history, Outbox(path) as outbox:
        play_and_queue(history, outbox, [1])
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        stored = [json.loads(row[0]) for row in conn.execute("SELECT statement FROM xapi_outbox")]
    assert {"sessions", "xapi_outbox"} <= tables
    assert verbs(stored) == ["initialized", "answered"]
