"""A session turned into its report: the stable JSON that the CLI prints and the
app's exports reuse.

Everything a report says comes from the session's turns and the framework data,
so a report can be rebuilt at any time from a saved session.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from .frameworks import Framework, Ratio
from .model import GRADES, Line, Scenario, grade_score
from .session import Session, Turn
from .verdict import ending_note, safety_failures, safety_note

REPORT_FORMAT = 1


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _lines(scenario: Scenario, lines: tuple[Line, ...]) -> list[dict[str, str]]:
    return [{"speaker": line.speaker, "name": scenario.speaker_name(line.speaker),
             "says": line.text, "cue": line.cue} for line in lines]


def format_threshold(value: float, fmt: str) -> str:
    """A MITI threshold as the manual writes it: '50%' or '2:1'."""
    return f"{100 * value:.0f}%" if fmt == "percent" else f"{value:g}:1"


def ratio_verdict(ratio: Ratio, numerator: float, denominator: float) -> tuple[float | None, str]:
    """The value of a summary ratio and how it compares with MITI's thresholds."""
    if denominator == 0:
        # R:Q with reflections and no questions is as high as a ratio gets.
        return None, "good" if numerator > 0 else "not enough data"
    value = numerator / denominator
    if value >= ratio.good:
        return value, "good"
    if value >= ratio.fair:
        return value, "fair"
    return value, "below fair"


def code_summary(framework: Framework, turns: list[Turn]) -> dict[str, Any]:
    """Counts per code and the summary ratios (for MI: MITI 4.2.1's R:Q and %CR)."""
    labels = [t.score.get(framework.id) for t in turns]
    # Every code counts, the second of a double-coded turn included (as MITI counts it).
    used = [code for s in labels if s is not None for code in s.labels]
    counts = Counter(used)
    groups = Counter(framework.elements[c].counts_as for c in used)
    result: dict[str, Any] = {
        "counts": {code: counts.get(code, 0) for code in framework.elements},
        "groups": dict(sorted(groups.items())),
        "adherent": sum(1 for c in used if framework.elements[c].adherence == "adherent"),
        "non_adherent": sum(1 for c in used
                            if framework.elements[c].adherence == "non_adherent"),
        "verdicts": {},
        "thresholds": {},
    }
    for ratio in framework.summary:
        numerator = sum(groups.get(g, 0) for g in ratio.numerator)
        denominator = sum(groups.get(g, 0) for g in ratio.denominator)
        value, verdict = ratio_verdict(ratio, numerator, denominator)
        result[ratio.id] = _round(value)
        result["verdicts"][ratio.id] = verdict
        result["thresholds"][ratio.id] = {"label": ratio.label, "tooltip": ratio.tooltip,
                                          "format": ratio.format, "fair": ratio.fair,
                                          "good": ratio.good}
    scored = [s.normalized for s in labels if s is not None and s.normalized is not None]
    result["score"] = round(100 * sum(scored) / len(scored)) if scored else None
    return result


def tags_summary(framework: Framework, turns: list[Turn]) -> dict[str, Any]:
    """Which elements the learner showed, how often, and the opposites used."""
    counts: Counter[str] = Counter()
    for turn in turns:
        score = turn.score.get(framework.id)
        if score is not None:
            counts.update(score.labels)
    positive = [e for e in framework.elements.values() if e.points > 0]
    negative = [e for e in framework.elements.values() if e.points < 0]
    covered = [e.id for e in positive if counts[e.id]]
    against = sum(counts[e.id] for e in negative)
    score = max(0, min(100, round(100 * len(covered) / len(positive)) - 15 * against)
                ) if positive else None
    return {
        "counts": {e.id: counts[e.id] for e in framework.elements.values()},
        "covered": covered,
        "missing": [e.id for e in positive if not counts[e.id]],
        "opposites": {e.id: counts[e.id] for e in negative if counts[e.id]},
        "score": score,
    }


def timing_summary(framework: Framework, turns: list[Turn]) -> dict[str, Any]:
    """How often each step came at the right moment for the client's state."""
    timed = [(t, t.score.get(framework.id)) for t in turns]
    timed = [(t, s) for t, s in timed if s is not None and s.timing is not None]
    counts = Counter(s.timing for _, s in timed)
    steps = Counter(s.labels[0] for _, s in timed)
    normalized = [s.normalized for _, s in timed if s.normalized is not None]
    return {
        "counts": {tid: counts.get(tid, 0) for tid in (framework.timing or {})},
        "steps": {eid: steps.get(eid, 0) for eid in framework.elements},
        "mistimed_turns": [t.number for t, s in timed if s.timing == "mistimed"],
        "score": round(100 * sum(normalized) / len(normalized)) if normalized else None,
    }


def collusion_summary(scenario: Scenario, turns: list[Turn],
                      ending: Any) -> dict[str, Any]:
    """Responses the writer marked as colluding. MITI would still count a colluding
    reflection as a reflection, so good-looking ratios need this beside them."""
    colluding = [t.number for t in turns if t.option(scenario).colludes]
    note = ""
    if colluding:
        note = (f"{len(colluding)} of your responses sided with {scenario.client.name}'s "
                "account against the truth or the person at risk (collusion). MITI's "
                "figures still count them as the reflections or questions they were, so "
                "read the MI scores with that in mind.")
        if ending is not None and ending.outcome == "colluded":
            note += " That is why the conversation ended comfortably but with nothing changed."
    return {"count": len(colluding), "turns": colluding, "note": note}


_SUMMARIES = {"code": code_summary, "tags": tags_summary, "timing": timing_summary}


def _best_alternative(session_scenario: Scenario, turn: Turn) -> dict[str, Any] | None:
    options = session_scenario.nodes[turn.node_id].options
    best = next((o for o in options if o.grade == "best"), None)
    if best is None:
        return None
    return {"option": best.number, "text": best.text, "why": best.explain}


def turn_record(scenario: Scenario, turn: Turn) -> dict[str, Any]:
    option = turn.option(scenario)
    node = scenario.nodes[turn.node_id]
    return {
        "number": turn.number,
        "node": turn.node_id,
        "lines": _lines(scenario, node.lines),
        "option": turn.option_number,
        "text": option.text,
        "codes": {fid: list(labels) for fid, labels in option.codes.items()},
        "grade": option.grade,
        "state_before": dict(turn.state_before),
        "state_after": dict(turn.state_after),
        "rupture_before": turn.rupture_before,
        "scores": {s.framework: s.to_dict() for s in turn.score.frameworks},
        "explanation": option.explain,
        "colludes": option.colludes,
        "was_best": option.grade == "best",
        "best": None if option.grade == "best" else _best_alternative(scenario, turn),
        "led_to": turn.target,
        **({"shown": list(turn.shown), "shown_position": turn.shown_position}
           if turn.shown else {}),
        **({"safety_failure": option.safety} if option.safety else {}),
        **_free_text(scenario, turn),
    }


def _free_text(scenario: Scenario, turn: Turn) -> dict[str, Any]:
    """In free-text mode: the learner's own words replace the option's, and the record
    keeps how they were coded and which written response they stood for."""
    if turn.said is None:
        return {}
    option = turn.option(scenario)
    return {"text": turn.said.text,
            "free_text": {**turn.said.to_dict(), "matched_text": option.text}}


def build_report(session: Session) -> dict[str, Any]:
    """The whole transcript and report of a session, as plain JSON-ready data."""
    scenario = session.scenario
    turns = list(session.turns)
    frameworks: Mapping[str, Framework] = session.frameworks
    ending = session.ending
    grades = Counter(t.score.grade for t in turns)
    failures = safety_failures(scenario, turns)
    average = grade_score(t.score.grade_points for t in turns)
    overall = grade_score((t.score.grade_points for t in turns), len(failures))
    trajectory = [{"turn": 0, **dict(session.state or scenario.initial_state())}]
    trajectory += [{"turn": t.number, **dict(t.state_after)} for t in turns]
    summary: dict[str, Any] = {
        "overall": {"score": overall, "grades": {g: grades.get(g, 0) for g in GRADES},
                    "turns": len(turns), "average": average,
                    "capped": overall != average},
    }
    for fid in scenario.frameworks:
        framework = frameworks[fid]
        summary[fid] = _SUMMARIES[framework.kind](framework, turns)
    summary["collusion"] = collusion_summary(scenario, turns, ending)
    summary["trajectory"] = trajectory
    summary["safety"] = failures
    # What the average alone would hide, in the words the report shows (safety first).
    verdicts = summary.get("mi", {}).get("verdicts", {}) if "mi" in summary else {}
    notes = [("safety", safety_note(failures, average)),
             ("ending", None if ending is None else ending_note(
                 scenario, ending.outcome, ending.title, turns, overall, verdicts))]
    summary["notes"] = [{"kind": kind, "text": text} for kind, text in notes if text]
    result: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "scenario": {"id": scenario.id, "title": scenario.title, "digest": scenario.digest,
                     "frameworks": list(scenario.frameworks),
                     "client": scenario.client.name,
                     # The scenario's own name for each measure ("Heat") and what it
                     # means, so an export says what "arousal" was called and measured.
                     "measures": {vid: {"label": var.label, "about": var.description}
                                  for vid, var in scenario.state.items()}},
        "mode": session.mode,
        **({"seed": session.seed} if session.seed is not None else {}),
        "start": session.start,
        "finished": ending is not None,
        "ending": None if ending is None else {
            "id": ending.id, "title": ending.title, "outcome": ending.outcome,
            "debrief": session.debrief, "lines": _lines(scenario, ending.lines)},
        "turns": [turn_record(scenario, t) for t in turns],
        "report": summary,
    }
    # Written only when there is something to say, so reports of sessions without undo
    # or extras (every CLI walk) are exactly as before.
    if session.undone:
        result["undone"] = [_undone_record(scenario, node, number)
                            for node, number in session.undone]
    if session.extra:
        result["extra"] = dict(session.extra)
    return result


def _undone_record(scenario: Scenario, node_id: str, number: int) -> dict[str, Any]:
    node = scenario.nodes.get(node_id)
    option = node.options[number - 1] if node and 0 < number <= len(node.options) else None
    return {"node": node_id, "option": number, "text": option.text if option else "",
            "grade": option.grade if option else ""}
