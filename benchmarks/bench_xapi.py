"""Learning records: what queueing costs per turn, and how fast a backlog drains.

Run: .venv/bin/python benchmarks/bench_xapi.py [--statements 10000]

1. Queue write per turn: after each save the app builds the session's report and
   statements, checks them, and commits the new ones to the outbox (one SQLite
   transaction, synchronous=FULL). Measured over whole sessions of a real scenario.
2. Drain: a backlog of N statements (default 10,000: a class of 30 after a term
   offline) sent to a real LRS (Ralph, fs backend, started here on 127.0.0.1) in
   batches of 100; reports statements per second, then checks every one arrived once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.routes import strategy, walk
from simulator.core.session import Session
from simulator.storage.history import History
from simulator.xapi.actor import Learner, build_actor
from simulator.xapi.client import LrsClient, LrsConfig
from simulator.xapi.outbox import Outbox
from simulator.xapi.records import queue_session
from simulator.xapi.sender import BATCH_SIZE, Sender
from simulator.xapi.statements import session_statements

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "dui-group.yaml"
LEARNER = Learner("Ann Example", "s1234567", "https://www.example.edu")
SESSIONS = 30


def per_turn(folder: Path) -> None:
    scenario = load_scenario(SCENARIO)
    queue_ms: list[float] = []
    save_ms: list[float] = []
    with History(folder / "turns.sqlite3") as history, Outbox(history.path) as outbox:
        for n in range(SESSIONS):
            picker = strategy("random", n)
            with Session(scenario) as session:
                record_id = None
                while not session.finished and len(session.turns) < 40:
                    node = session.node
                    assert node is not None
                    session.choose(picker(node))
                    start = time.perf_counter()
                    record_id = history.save(session, record_id)
                    middle = time.perf_counter()
                    queue_session(outbox, build_report(session), record_id, LEARNER)
                    end = time.perf_counter()
                    save_ms.append(1000 * (middle - start))
                    queue_ms.append(1000 * (end - middle))
    queue_ms.sort()
    print(f"per turn ({len(queue_ms)} turns of {scenario.id}):")
    print(f"  queue statements: median {statistics.median(queue_ms):.2f} ms, "
          f"p95 {queue_ms[int(0.95 * len(queue_ms))]:.2f} ms, max {queue_ms[-1]:.2f} ms")
    print(f"  (history save, for scale: median {statistics.median(save_ms):.2f} ms)")


def backlog(outbox: Outbox, count: int) -> float:
    """Queue `count` statements (copies of one session under new ids); seconds taken."""
    scenario = load_scenario(SCENARIO)
    with Session(scenario) as session:
        walk(session, [], strategy("best", 0))
        report = build_report(session)
    actor = build_actor(LEARNER)
    start = time.perf_counter()
    queued = 0
    while queued < count:
        session_id = uuid.uuid4().hex
        statements = session_statements(report, session_id, actor,
                                        started_at="2026-12-03T09:00:00+00:00",
                                        now="2026-12-03T09:10:00+00:00")[: count - queued]
        queued += outbox.enqueue(session_id, statements)
    return time.perf_counter() - start


class _AcceptAll(BaseHTTPRequestHandler):
    """An LRS stand-in that stores nothing: measures Rapport's own side of sending."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


def sender_ceiling(folder: Path, count: int, batch: int) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AcceptAll)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with History(folder / "ceiling.sqlite3") as history, Outbox(history.path) as outbox:
            backlog(outbox, count)
            endpoint = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
            start = time.perf_counter()
            result = Sender(outbox, LrsClient(LrsConfig(endpoint, "k", "s")), batch).drain()
            seconds = time.perf_counter() - start
        print(f"Rapport's side alone (a local endpoint that stores nothing): "
              f"{result.sent / seconds:,.0f} statements/s")
    finally:
        server.shutdown()
        server.server_close()


def drain(folder: Path, count: int, batch: int) -> None:
    from tests.xapi.lrs import PASSWORD, USER, Lrs, free_port, lrs_environment, make_auth_file

    env = lrs_environment(folder / "lrs")
    make_auth_file(folder / "lrs", env)
    lrs = Lrs(free_port(), folder / "lrs", env)
    started = time.perf_counter()
    lrs.start()
    print(f"LRS (Ralph 5.1.0, fs backend) up in {time.perf_counter() - started:.1f} s")
    try:
        with History(folder / "drain.sqlite3") as history, Outbox(history.path) as outbox:
            queued_s = backlog(outbox, count)
            print(f"queued {count} statements in {queued_s:.2f} s "
                  f"({count / queued_s:,.0f}/s, checked and committed)")
            client = LrsClient(LrsConfig(lrs.endpoint, USER, PASSWORD, timeout=120))
            start = time.perf_counter()
            result = Sender(outbox, client, batch).drain()
            seconds = time.perf_counter() - start
            assert result.failure is None, result.failure
            assert outbox.backlog().waiting == 0
        stored = lrs.stored_ids()
        assert len(stored) == count and len(set(stored)) == count, "lost or doubled"
        print(f"drained {result.sent} statements in {seconds:.1f} s: "
              f"{result.sent / seconds:,.0f} statements/s (every one stored exactly once)")
    finally:
        lrs.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=BATCH_SIZE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        per_turn(Path(folder))
        sender_ceiling(Path(folder), args.statements, args.batch)
        drain(Path(folder), args.statements, args.batch)


if __name__ == "__main__":
    main()
