"""A session's report turned into xAPI 1.0.3 statements.

initialized when the session starts, answered for each response (a cmi.interaction
of type choice whose response is the option's id, with the grade, the codes and the
client's state before and after as result extensions), completed at an ending (the
ending, the framework summaries and the overall score), then terminated.

Built from the report (plain data, see `simulator.core.report`), so the same
statements come from a session being played and from one read back from the history.
Every id is a uuid5 of the session id and what the statement is about: rebuilding
gives the same ids, so a statement queued twice is stored once, and an LRS that
already has one answers 409 instead of recording it again. A response taken back in
practice mode and replaced by another is withdrawn with a voiding statement, and its
replacement has a new id (the option is part of the name).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

from .vocab import (
    INTERACTION,
    LANGUAGE,
    NAMESPACE,
    PLATFORM,
    SIMULATION,
    VERBS,
    XAPI_VERSION,
    extension,
    node_iri,
    option_id,
    scenario_iri,
)

Statement = dict[str, Any]


def statement_id(session_id: str, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{session_id}/{name}"))


def registration(session_id: str) -> str:
    """The session as an xAPI registration (one attempt), a UUID either way."""
    try:
        return str(uuid.UUID(session_id))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, session_id))


def route_key(report: Mapping[str, Any]) -> str:
    """The responses given, as a short stable name: an ending reached by another route
    (after taking a response back) is another statement, not a clash of ids."""
    route = "/".join(f"{t['node']}:{t['option']}" for t in report["turns"])
    return hashlib.sha256(route.encode("utf-8")).hexdigest()[:16]


def _lang(text: str) -> dict[str, str]:
    return {LANGUAGE: text}


def _verb(name: str) -> dict[str, Any]:
    return {"id": VERBS[name], "display": _lang(name)}


def scenario_activity(report: Mapping[str, Any]) -> dict[str, Any]:
    scenario = report["scenario"]
    return {"objectType": "Activity", "id": scenario_iri(scenario["id"]),
            "definition": {"name": _lang(scenario["title"]),
                           "description": _lang(f"A practice conversation with "
                                                f"{scenario['client']}, in Rapport."),
                           "type": SIMULATION}}


def _node_activity(report: Mapping[str, Any], turn: Mapping[str, Any]) -> dict[str, Any]:
    scenario = report["scenario"]
    said = " ".join(line["says"] for line in turn["lines"]) or turn["node"]
    best = (turn["option"] if turn["was_best"]
            else (turn["best"] or {}).get("option"))
    definition: dict[str, Any] = {
        "name": _lang(f"{scenario['title']}: {turn['node']}"),
        "description": _lang(said),
        "type": INTERACTION,
        "interactionType": "choice",
    }
    if best is not None:
        definition["correctResponsesPattern"] = [option_id(best)]
    return {"objectType": "Activity", "id": node_iri(scenario["id"], turn["node"]),
            "definition": definition}


def _context(report: Mapping[str, Any], session_id: str, parent: bool) -> dict[str, Any]:
    context: dict[str, Any] = {
        "registration": registration(session_id),
        "platform": PLATFORM,
        "language": LANGUAGE,
        "extensions": {extension("mode"): report["mode"],
                       extension("scenario-digest"): report["scenario"]["digest"]},
    }
    if parent:
        context["contextActivities"] = {"parent": [scenario_activity(report)]}
    return context


def _statement(sid: str, actor: Mapping[str, Any], verb: str, obj: dict[str, Any],
               context: dict[str, Any], timestamp: str,
               result: dict[str, Any] | None = None) -> Statement:
    statement: Statement = {"id": sid, "actor": dict(actor), "verb": _verb(verb),
                            "object": obj}
    if result is not None:
        statement["result"] = result
    statement["context"] = context
    statement["timestamp"] = timestamp
    statement["version"] = XAPI_VERSION
    return statement


def _turn_scores(turn: Mapping[str, Any]) -> dict[str, Any]:
    return {fid: {key: score[key] for key in ("labels", "verdict", "normalized", "timing",
                                              "client_state")}
            for fid, score in turn["scores"].items()}


def answered(report: Mapping[str, Any], turn: Mapping[str, Any], session_id: str,
             actor: Mapping[str, Any], timestamp: str) -> Statement:
    grade = turn["grade"]
    name = f"answered/{turn['number']}/{turn['node']}/{turn['option']}"
    result = {
        "response": option_id(turn["option"]),
        "success": grade in ("best", "acceptable"),
        "extensions": {
            extension("grade"): grade,
            extension("codes"): turn["codes"],
            extension("scores"): _turn_scores(turn),
            extension("state-before"): turn["state_before"],
            extension("state-after"): turn["state_after"],
            extension("response-text"): turn["text"],
            extension("turn"): turn["number"],
        },
    }
    said = turn.get("free_text")
    if said:  # free-text mode: response-text holds the learner's own words; say how read
        result["extensions"][extension("free-text")] = {
            "coding": said["coding"], "matched-option": said["option"], "how": said["how"],
            "matched-text": said["matched_text"]}
    return _statement(statement_id(session_id, name), actor, "answered",
                      _node_activity(report, turn), _context(report, session_id, True),
                      timestamp, result)


def _summaries(report: Mapping[str, Any]) -> dict[str, Any]:
    summary = report["report"]
    found: dict[str, Any] = {}
    for fid in report["scenario"]["frameworks"]:
        part = summary.get(fid)
        if isinstance(part, dict):
            # The thresholds are the manual's fixed numbers and tooltips, not results.
            found[extension(f"{fid}-summary")] = {k: v for k, v in part.items()
                                                  if k != "thresholds"}
    return found


def completed(report: Mapping[str, Any], session_id: str, actor: Mapping[str, Any],
              timestamp: str, duration: str | None = None) -> Statement:
    ending = report["ending"] or {}
    overall = report["report"]["overall"]
    result: dict[str, Any] = {"completion": True}
    if overall.get("score") is not None:
        result["score"] = {"scaled": round(overall["score"] / 100, 4), "raw": overall["score"],
                           "min": 0, "max": 100}
    if duration:
        result["duration"] = duration
    result["extensions"] = {
        extension("ending"): {k: ending.get(k) for k in ("id", "title", "outcome")},
        extension("grades"): overall["grades"],
        **_summaries(report),
    }
    sid = statement_id(session_id, f"completed/{route_key(report)}")
    return _statement(sid, actor, "completed", scenario_activity(report),
                      _ending_context(report, session_id), timestamp, result)


def _ending_context(report: Mapping[str, Any], session_id: str) -> dict[str, Any]:
    """Context for completed and terminated: also how many responses the route took."""
    context = _context(report, session_id, False)
    context["extensions"][extension("turn")] = len(report["turns"])
    return context


def voiding(target: Mapping[str, Any], session_id: str, timestamp: str) -> Statement:
    """The statement that withdraws `target` (xAPI's only way to take one back)."""
    return {"id": statement_id(session_id, f"voided/{target['id']}"),
            "actor": dict(target["actor"]), "verb": _verb("voided"),
            "object": {"objectType": "StatementRef", "id": target["id"]},
            "context": {"registration": registration(session_id)},
            "timestamp": timestamp, "version": XAPI_VERSION}


def iso_duration(seconds: float) -> str:
    """Seconds as an ISO 8601 duration (PT1H2M3S), the form xAPI requires."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if secs or text == "PT" else "")


def session_statements(report: Mapping[str, Any], session_id: str, actor: Mapping[str, Any],
                       *, started_at: str, now: str,
                       duration: str | None = None) -> list[Statement]:
    """Every statement the session has earned so far, in the order they happened.

    `started_at` stamps initialized; `now` stamps the rest (the queue keeps the stamp a
    statement had when it was first queued, so each keeps the time of its own turn).
    """
    statements = [_statement(statement_id(session_id, "initialized"), actor, "initialized",
                             scenario_activity(report), _context(report, session_id, False),
                             started_at)]
    statements += [answered(report, turn, session_id, actor, now) for turn in report["turns"]]
    if report["finished"]:
        statements.append(completed(report, session_id, actor, now, duration))
        statements.append(_statement(statement_id(session_id,
                                                  f"terminated/{route_key(report)}"),
                                     actor, "terminated", scenario_activity(report),
                                     _ending_context(report, session_id), now))
    return statements
