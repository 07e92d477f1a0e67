"""Where sessions meet the queue: what the app calls after each save, what the CLI
exports, and what a class report reads back from the LRS.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .actor import Learner, build_actor
from .statements import Statement, session_statements, statement_id, voiding
from .vocab import VERBS, extension, scenario_iri

if TYPE_CHECKING:
    from simulator.storage.history import History

    from .client import LrsClient
    from .outbox import Outbox


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _duration(started_at: str, now: str) -> str | None:
    from .statements import iso_duration

    try:
        seconds = (datetime.fromisoformat(now) - datetime.fromisoformat(started_at))
    except ValueError:
        return None
    return iso_duration(seconds.total_seconds())


def queue_session(outbox: Outbox, report: Mapping[str, Any], session_id: str,
                  learner: Learner, now: str | None = None) -> int:
    """Queue what a session has earned so far (call after every save); returns how many
    statements are new. Cheap to repeat: ids are stable and the queue ignores repeats."""
    now = now or _now()
    actor = build_actor(learner)
    started_at = now
    duration = None
    if report["finished"]:  # the time from the first statement to the ending
        started_at = outbox.timestamp_of(statement_id(session_id, "initialized")) or now
        duration = _duration(started_at, now)
    statements = session_statements(report, session_id, actor, started_at=started_at,
                                    now=now, duration=duration)
    # What was taken back is withdrawn before what replaced it is queued.
    voids = withdrawn(outbox.session_statements(session_id), statements, session_id, now)
    return outbox.enqueue(session_id, voids + statements)


_ROUTE_VERBS = (VERBS["answered"], VERBS["completed"], VERBS["terminated"])


def _turn(statement: Statement) -> int:
    """The turn an answer was given at, or the last turn of an ending's route."""
    where = statement["result" if statement["verb"]["id"] == VERBS["answered"] else "context"]
    return int(where["extensions"][extension("turn")])


def _answers(statements: Iterable[Statement]) -> list[tuple[int, str, Statement]]:
    return [(_turn(s), s["id"], s) for s in statements if s["verb"]["id"] == VERBS["answered"]]


def withdrawn(queued: list[Statement], current: list[Statement], session_id: str,
              now: str) -> list[Statement]:
    """Voiding statements for answers the learner has taken back and replaced.

    An answer is withdrawn once the route has gone another way at or before its turn
    (a different response at some turn); taking a response back and giving the same one
    again withdraws nothing, and neither does taking one back and leaving.
    """
    now_at = {turn: ident for turn, ident, _ in _answers(current)}
    split = min((turn for turn, ident, _ in _answers(queued)
                 if turn in now_at and now_at[turn] != ident), default=None)
    if split is None:
        return []
    keep = {s["id"] for s in current}
    done = {s["object"]["id"] for s in queued if s["verb"]["id"] == VERBS["voided"]}
    return [voiding(s, session_id, now) for s in queued
            if s["verb"]["id"] in _ROUTE_VERBS and _turn(s) >= split
            and s["id"] not in keep and s["id"] not in done]


def catch_up(outbox: Outbox, history: History, learner: Learner) -> int:
    """Queue what a crash between a save and its queueing left out; returns how many.

    The history is saved first and the queue written just after, so a crash in between
    leaves a turn (or an ending) saved but not queued. Every session the queue knows whose
    last statement is not `terminated` is queued again from its saved report; ids make
    repeats harmless.
    """
    added = 0
    for session_id in outbox.session_ids():
        if outbox.last_verb(session_id) == VERBS["terminated"]:
            continue
        record = history.get(session_id)
        if record is not None:
            added += queue_session(outbox, record.report, session_id, learner,
                                   now=record.updated_at)
    return added


def export_session(report: Mapping[str, Any], session_id: str, learner: Learner, *,
                   started_at: str, updated_at: str,
                   queued: Iterable[Statement] = ()) -> list[Statement]:
    """A session's statements for a file: those already queued as they were queued (same
    ids and times as the LRS got), the rest built from the saved report."""
    built = session_statements(report, session_id, build_actor(learner),
                               started_at=started_at, now=updated_at,
                               duration=(_duration(started_at, updated_at)
                                         if report["finished"] else None))
    already = {s["id"]: s for s in queued}
    return [already.get(s["id"], s) for s in built]


def _about(statement: Mapping[str, Any], activity: str) -> bool:
    """Is the statement about `activity` or one of its parts (a decision in it)?"""
    object_id = str(statement.get("object", {}).get("id", ""))
    if object_id == activity or object_id.startswith(activity + "/"):
        return True
    parents = statement.get("context", {}).get("contextActivities", {}).get("parent", [])
    return any(isinstance(p, Mapping) and p.get("id") == activity for p in parents)


def class_statements(client: LrsClient, learners: Iterable[Learner],
                     scenario_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Each learner's statements in the LRS (optionally for one scenario), by account name.

    For the class report: the same records the hand-in files carry, read back from the
    LRS instead. The LRS is asked by agent only and the scenario is picked out here:
    the ``activity`` filter is not dependable across LRSs (Ralph 5.1's file backend
    matches nothing with it, as with ``verb``), while ``agent`` works everywhere.
    """
    activity = scenario_iri(scenario_id) if scenario_id else None
    found: dict[str, list[dict[str, Any]]] = {}
    for learner in learners:
        agent = {k: v for k, v in build_actor(learner).items() if k != "name"}
        statements = effective(client.statements(agent=agent))
        found[learner.account_name or learner.email] = [
            s for s in statements if activity is None or _about(s, activity)]
    return found


def effective(statements: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Statements as they stand: without the voided ones and the statements voiding them.

    An LRS should leave voided statements out of queries itself; not every one does
    (Ralph 5.1 returns them), so the reader makes sure.
    """
    listed = list(statements)
    voided = {s["object"].get("id") for s in listed if s["verb"]["id"] == VERBS["voided"]}
    return [s for s in listed if s["verb"]["id"] != VERBS["voided"] and s["id"] not in voided]
