"""Learning records against a real LRS (Ralph, started by the tests on 127.0.0.1)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from simulator.storage.history import History
from simulator.xapi.actor import build_actor
from simulator.xapi.client import LrsClient, LrsConfig, Outcome
from simulator.xapi.outbox import Outbox
from simulator.xapi.records import class_statements
from simulator.xapi.sender import Sender, SendLoop, SendStatus
from simulator.xapi.vocab import scenario_iri

from .helpers import GUIDE, LEARNER, MINI, play_and_queue
from .lrs import PASSWORD, USER, Lrs, free_port, lrs_environment

ROOT = Path(__file__).resolve().parents[2]


def client_for(lrs: Lrs, secret: str = PASSWORD) -> LrsClient:
    return LrsClient(LrsConfig(lrs.endpoint, USER, secret, timeout=10))


def test_a_played_session_is_stored_and_reads_back(lrs: Lrs, tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        record_id = play_and_queue(history, outbox, [1, 1])  # the best route: 2 turns, ends
        queued = outbox.session_statements(record_id)
        result = Sender(outbox, client_for(lrs)).drain()
        assert (result.sent, result.rejected, result.failure) == (5, 0, None)
        assert outbox.backlog().waiting == 0
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in queued]
    assert verbs == ["initialized", "answered", "answered", "completed", "terminated"]

    client = client_for(lrs)
    agent = {k: v for k, v in build_actor(LEARNER).items() if k != "name"}
    stored = list(client.statements(agent=agent))
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in queued)
    paged = list(client.statements(agent=agent, limit=2))  # follows the LRS's "more" links
    assert sorted(s["id"] for s in paged) == sorted(s["id"] for s in queued)
    first_answer = next(client.statements(statement_id=queued[1]["id"]))
    assert first_answer["result"]["response"] == "option-1"
    extensions = first_answer["result"]["extensions"]
    assert extensions["https://rapport.invalid/xapi/extensions/grade"] == "best"
    assert extensions["https://rapport.invalid/xapi/extensions/state-before"] == {
        "trust": 3.0, "arousal": 8.0}
    completed = next(client.statements(statement_id=queued[3]["id"]))
    assert completed["result"]["score"]["scaled"] == 1.0
    assert completed["object"]["id"] == scenario_iri("mini")


def test_offline_then_online_sends_everything_exactly_once(lrs: Lrs, tmp_path: Path) -> None:
    """Played while the LRS is down, the app killed mid-way, then the LRS comes back."""
    lrs.stop()
    history_file = tmp_path / "h.sqlite3"
    # A separate process plays two turns, queues them, and dies without closing anything.
    program = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from simulator.storage.history import History
        from simulator.xapi.outbox import Outbox
        from tests.xapi.helpers import play_and_queue
        history = History({str(history_file)!r})
        outbox = Outbox(history.path)
        print(play_and_queue(history, outbox, [1, 1]))
        sys.stdout.flush()
        os._exit(9)
        """)
    died = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert died.returncode == 9, died.stderr
    record_id = died.stdout.strip()

    statuses: list[SendStatus] = []
    with History(history_file) as history, Outbox(history.path) as outbox:
        assert outbox.backlog().waiting == 5
        loop = SendLoop(outbox, lambda: client_for(lrs), statuses.append,
                        base_delay=0.05, max_delay=0.2).start()
        try:
            _wait_for(lambda: any(s.error for s in statuses))
            down = next(s for s in statuses if s.error)
            assert "could not be reached" in down.error and down.backlog.waiting == 5
            lrs.start()
            _wait_for(lambda: outbox.backlog().waiting == 0)
        finally:
            loop.stop()
        ids = [s["id"] for s in outbox.session_statements(record_id)]
        # The app died after the LRS stored them but before it noted it: they go again.
        outbox._require().execute("UPDATE xapi_outbox SET sent_at = NULL")
        again = Sender(outbox, client_for(lrs)).drain()
        assert again.failure is None and again.sent == 5
    stored = lrs.stored_ids()
    assert sorted(stored) == sorted(ids)  # everything, and nothing twice


def test_wrong_credentials_say_what_to_fix_and_lose_nothing(lrs: Lrs, tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        play_and_queue(history, outbox, [1])
        result = Sender(outbox, client_for(lrs, secret="not-the-secret")).drain()
        assert result.sent == 0 and result.failure is not None
        assert result.failure.outcome is Outcome.AUTH
        assert result.failure.status == 401
        assert "refused the key and secret" in result.failure.message
        assert "Settings, Learning records" in result.failure.message
        assert outbox.backlog().waiting == 2
        assert outbox.last_error() == result.failure.message
    assert lrs.stored_ids() == []


def test_a_record_the_lrs_has_in_another_form_does_not_block_the_rest(
        lrs: Lrs, tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        record_id = play_and_queue(history, outbox, [1])
        first = outbox.session_statements(record_id)[0]
        changed = dict(first, timestamp="2020-01-01T00:00:00+00:00")
        assert client_for(lrs).post([json.dumps(changed)]).outcome is Outcome.STORED
        result = Sender(outbox, client_for(lrs)).drain()  # the batch gets 409, then one by one
        assert (result.sent, result.failure) == (2, None)
        assert outbox.backlog().waiting == 0
    assert sorted(lrs.stored_ids()) == sorted(s["id"] for s in
                                              [first, *outbox_statements(tmp_path)[1:]])


def outbox_statements(tmp_path: Path) -> list[dict]:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        return [json.loads(row[0]) for row in outbox._require().execute(
            "SELECT statement FROM xapi_outbox ORDER BY seq")]


def test_a_class_report_reads_each_learners_records_back(lrs: Lrs, tmp_path: Path) -> None:
    from simulator.xapi.actor import Learner

    other = Learner("Bo Example", "s7654321", "https://www.example.edu")
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        play_and_queue(history, outbox, [1, 1])
        play_and_queue(history, outbox, [2], learner=other)  # walks out: 4 statements
        play_and_queue(history, outbox, [1], path=GUIDE)  # another scenario: left out
        assert Sender(outbox, client_for(lrs)).drain().sent == 9 + 2
    found = class_statements(client_for(lrs), [LEARNER, other], scenario_id="mini")
    assert {k: len(v) for k, v in found.items()} == {"s1234567": 5, "s7654321": 4}
    assert {s["actor"]["account"]["name"] for s in found["s7654321"]} == {"s7654321"}


def test_the_lrs_takes_the_voiding_of_a_taken_back_ending(lrs: Lrs, tmp_path: Path) -> None:
    from .test_queue import play_with_undo

    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        record_id = play_with_undo(outbox, history, [1, 2, "undo", 1])
        queued = outbox.session_statements(record_id)
        result = Sender(outbox, client_for(lrs)).drain()
        assert (result.sent, result.rejected, result.failure) == (11, 0, None)
    assert sorted(lrs.stored_ids()) == sorted(s["id"] for s in queued)
    void = next(s for s in queued if s["verb"]["id"].endswith("/voided"))
    stored = next(client_for(lrs).statements(statement_id=void["id"]))
    assert stored["object"] == void["object"]
    # Read back for a class report, the record is the route the learner kept.
    found = class_statements(client_for(lrs), [LEARNER], scenario_id="mini")["s1234567"]
    kept = sorted((s["verb"]["display"]["en"], s.get("result", {}).get("response", ""))
                  for s in found)
    assert kept == [("answered", "option-1"), ("answered", "option-1"), ("completed", ""),
                    ("initialized", ""), ("terminated", "")]


@pytest.mark.slow
def test_a_large_backlog_drains_in_batches_each_statement_once(lrs: Lrs, tmp_path: Path) -> None:
    """A term of a class offline, scaled down: 1,050 statements is ten full batches and a
    part one (the 10,000-statement drain is measured by benchmarks/bench_xapi.py)."""
    from benchmarks.bench_xapi import backlog

    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        backlog(outbox, 1050)
        assert outbox.backlog().waiting == 1050
        result = Sender(outbox, client_for(lrs)).drain()
        assert (result.sent, result.rejected, result.failure) == (1050, 0, None)
        assert outbox.backlog().waiting == 0
    stored = lrs.stored_ids()
    assert len(stored) == 1050 and len(set(stored)) == 1050


def test_xapi_send_from_the_command_line_drains_the_apps_queue(lrs: Lrs) -> None:
    import io

    from simulator.cli import main
    from simulator.storage.history import default_path
    from simulator.xapi.config import XapiConfigStore, XapiSettings

    XapiConfigStore().save(XapiSettings(send=True, endpoint=lrs.endpoint, key=USER,
                                        account_name=LEARNER.account_name,
                                        account_homepage=LEARNER.homepage), PASSWORD)
    with History(default_path()) as history, Outbox(history.path) as outbox:
        play_and_queue(history, outbox, [1, 1])
    out = io.StringIO()
    assert main(["xapi", "send"], out) == 0
    assert "sent 5; 0 still waiting" in out.getvalue()
    out = io.StringIO()
    assert main(["xapi", "status"], out) == 0
    assert "sending is on; 0 waiting, 5 sent, 0 refused" in out.getvalue()
    assert len(lrs.stored_ids()) == 5


def test_the_lrs_fixture_fails_clearly_when_ralph_cannot_start(tmp_path: Path) -> None:
    env = lrs_environment(tmp_path)
    env["RALPH_RUNSERVER_BACKEND"] = "no-such-backend"
    broken = Lrs(free_port(), tmp_path, env)
    with pytest.raises(pytest.fail.Exception, match="the test LRS could not start"):
        broken.start()
    assert broken.process is None or broken.process.poll() is not None
    assert MINI.exists()


def _wait_for(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the sender")
        time.sleep(0.05)
