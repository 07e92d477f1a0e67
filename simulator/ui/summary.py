"""A report (the core's JSON) as sections of labelled rows and chips.

The report screen and the PDF both draw from these, so what a learner sees on
screen and what they hand in say the same thing in the same words.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simulator.core.frameworks import Framework
from simulator.core.report import format_threshold

from . import words
from .chip import Chip

VERDICT_TONES = {"good": "good", "fair": "neutral", "below fair": "bad",
                 "not enough data": "neutral"}
ADHERENT_TIP = ("Affirming, seeking collaboration and emphasising autonomy. MITI counts "
                "these as MI-adherent: they share power and build the relationship.")
NON_ADHERENT_TIP = ("Confronting, and persuading without permission. MITI counts these as "
                    "MI non-adherent: they tend to draw out more reasons not to change.")
# What the scorer's short verdicts mean, in words a newcomer reads without a manual.
ADHERENCE_PLAIN = {
    "neutral": "neutral in MI: neither in its spirit nor against it",
    "MI-adherent": "MI-adherent: in the spirit of MI",
    "MI non-adherent": "MI non-adherent: against the spirit of MI",
}
ELEMENT_NOUNS = {"pace": "attitudes", "trotter": "principles"}
TIMING_ROWS = (("well_timed", "Well timed", "good"), ("acceptable", "Fine at that moment",
               "neutral"), ("mistimed", "Mistimed", "bad"))


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    value: str
    tone: str = "neutral"  # good / neutral / bad
    tooltip: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    tooltip: str
    score: int | None
    rows: tuple[Row, ...] = ()
    chips: tuple[Chip, ...] = ()
    note: str = ""


def _tip(text: str) -> str:
    return f"<p>{html.escape(text)}</p>" if text else ""


def format_value(value: float | None, fmt: str, verdict: str) -> str:
    if value is None:
        if verdict == "good" and fmt == "ratio":
            return "no questions asked"
        return "—"
    if fmt == "percent":
        return f"{100 * value:.0f}%"
    return f"{value:.1f} : 1"


def threshold_note(spec: Mapping[str, Any]) -> str:
    fmt = spec.get("format", "ratio")
    return (f"fair {format_threshold(spec['fair'], fmt)} · "
            f"good {format_threshold(spec['good'], fmt)}")


def _code_section(fw: Framework, part: Mapping[str, Any], note: str = "") -> Section:
    rows = []
    for rid, spec in part.get("thresholds", {}).items():
        verdict = part.get("verdicts", {}).get(rid, "not enough data")
        value = format_value(part.get(rid), spec.get("format", "ratio"), verdict)
        rows.append(Row(spec.get("label", rid), value, VERDICT_TONES.get(verdict, "neutral"),
                        _tip(spec.get("tooltip", "")),
                        f"{words.VERDICTS.get(verdict, verdict)} ({threshold_note(spec)})"))
    adherent, non = part.get("adherent", 0), part.get("non_adherent", 0)
    rows.append(Row("MI-adherent responses", str(adherent), "good" if adherent else "neutral",
                    _tip(ADHERENT_TIP)))
    rows.append(Row("MI non-adherent responses", str(non), "bad" if non else "good",
                    _tip(NON_ADHERENT_TIP)))
    chips = tuple(
        Chip(fw.id, f"{fw.elements[c].name} × {n}" if c in fw.elements else f"{c} × {n}",
             _tip(fw.elements[c].explain) if c in fw.elements else "",
             words.points_tone(fw.elements[c].points) if c in fw.elements else "neutral")
        for c, n in part.get("counts", {}).items() if n)
    return Section(fw.id, f"{fw.name} (MITI)" if fw.id == "mi" else fw.name,
                   _tip(fw.about), part.get("score"), tuple(rows), chips, note)


def _tags_section(fw: Framework, part: Mapping[str, Any]) -> Section:
    chips: list[Chip] = []
    counts = part.get("counts", {})
    for eid in part.get("covered", []):
        element = fw.elements.get(eid)
        name = element.name if element else eid
        chips.append(Chip(fw.id, f"✓ {name} × {counts.get(eid, 1)}",
                          _tip(element.explain if element else ""), "good"))
    for eid in part.get("missing", []):
        element = fw.elements.get(eid)
        name = element.name if element else eid
        chips.append(Chip(fw.id, f"{name}: not shown", _tip(element.explain if element else ""),
                          "neutral"))
    for eid, n in part.get("opposites", {}).items():
        element = fw.elements.get(eid)
        name = element.name if element else eid
        chips.append(Chip(fw.id, f"✕ {name} × {n}", _tip(element.explain if element else ""),
                          "bad"))
    covered = len(part.get("covered", []))
    total = covered + len(part.get("missing", []))
    note = f"You showed {covered} of the {total} {fw.short} {ELEMENT_NOUNS.get(fw.id, 'parts')}."
    return Section(fw.id, fw.name, _tip(fw.about), part.get("score"), (), tuple(chips), note)


def _timing_section(fw: Framework, part: Mapping[str, Any]) -> Section:
    counts = part.get("counts", {})
    rows = []
    for tid, text, tone in TIMING_ROWS:
        n = counts.get(tid, 0)
        label = fw.timing[tid].label if fw.timing and tid in fw.timing else text
        rows.append(Row(text, str(n), tone if n else "neutral",
                        _tip(f"Responses whose step was {label} for the client's state.")))
    mistimed = part.get("mistimed_turns", [])
    note = ("Mistimed at response " + ", ".join(map(str, mistimed)) + "."
            if mistimed else "No step came at the wrong moment.")
    chips = tuple(Chip(fw.id, f"{fw.elements[e].name} × {n}", _tip(fw.elements[e].explain),
                       "info") for e, n in part.get("steps", {}).items()
                  if n and e in fw.elements)
    return Section(fw.id, fw.name, _tip(fw.about), part.get("score"), tuple(rows), chips, note)


_KINDS = {"code": _code_section, "tags": _tags_section, "timing": _timing_section}


def sections(report: Mapping[str, Any], frameworks: Mapping[str, Framework]) -> list[Section]:
    """One section per framework the scenario was scored on, in the scenario's order."""
    found = []
    summary = report.get("report", {})
    for fid in report.get("scenario", {}).get("frameworks", []):
        fw, part = frameworks.get(fid), summary.get(fid)
        if fw is None or not isinstance(part, dict):
            continue
        if fw.kind == "code":  # collusion is read beside the MITI figures it inflates
            found.append(_code_section(fw, part, summary.get("collusion", {}).get("note", "")))
        else:
            found.append(_KINDS[fw.kind](fw, part))
    return found


def overall_rows(report: Mapping[str, Any]) -> list[Row]:
    grades = report.get("report", {}).get("overall", {}).get("grades", {})
    return [Row(words.GRADES[g], str(grades.get(g, 0)),
                words.GRADE_TONES[g] if grades.get(g) else "neutral")
            for g in words.GRADES]


@dataclass(frozen=True, slots=True)
class Note:
    """Something the average alone would hide: a safety failure, or an ending at odds
    with the score. `tone` is "bad" for safety, "warn" otherwise."""

    kind: str
    title: str
    text: str
    tone: str


NOTE_TITLES = {"safety": ("Safety comes first: your score is capped", "bad"),
               "ending": ("Why the ending and your score differ", "warn")}


def notes(report: Mapping[str, Any]) -> list[Note]:
    found = []
    for note in report.get("report", {}).get("notes", []):
        title, tone = NOTE_TITLES.get(note.get("kind", ""), ("Note", "warn"))
        found.append(Note(str(note.get("kind", "")), title, str(note.get("text", "")), tone))
    return found


def plain_verdict(score: Mapping[str, Any], fw: Framework | None) -> str:
    """A response's verdict on one framework in plain words: "(neutral)" and "1
    element shown" meant nothing to a newcomer."""
    verdict = str(score.get("verdict") or "")
    if fw is None:
        return verdict
    if fw.kind == "code":
        return ADHERENCE_PLAIN.get(verdict, verdict)
    if fw.kind != "tags":
        return verdict  # timing verdicts ("well timed") say what they mean
    labels = [fw.elements[e] for e in score.get("labels", []) if e in fw.elements]
    total = sum(1 for e in fw.elements.values() if e.points > 0)
    shown = sum(1 for e in labels if e.points > 0)
    against = sum(1 for e in labels if e.points < 0)
    noun = ELEMENT_NOUNS.get(fw.id, "parts")
    parts = [f"{shown} of the {total} {fw.short} {noun}"] if shown else []
    if against:
        parts.append(f"{against} working against {fw.short}")
    return ", ".join(parts) or verdict


def score_text(score: int | None) -> str:
    return "—" if score is None else f"{score}/100"
