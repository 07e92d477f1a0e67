"""Plain view data built from the core's objects: what each screen shows.

Widgets receive these frozen records (through signals) and never reach into a
Session, so the rules stay in the core and the widgets stay simple.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.core.coder import CODE_NAMES

from . import words
from .chip import Chip
from .expression import expression_for

if TYPE_CHECKING:
    from simulator.core.frameworks import Framework
    from simulator.core.model import Line, Scenario
    from simulator.core.scoring import FrameworkScore
    from simulator.core.session import Session, Turn

YOU = "you"
METERS = ("trust", "arousal")


@dataclass(frozen=True, slots=True)
class LineView:
    speaker: str  # "client", a person id, or YOU
    name: str
    text: str
    cue: str = ""


@dataclass(frozen=True, slots=True)
class OptionView:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Meter:
    id: str
    label: str
    value: float
    minimum: float
    maximum: float
    tip: str


@dataclass(frozen=True, slots=True)
class EndingView:
    title: str
    outcome: str
    debrief: str


@dataclass(frozen=True, slots=True)
class Moment:
    """The conversation as it stands: what was just said and what can be said next."""

    lines: tuple[LineView, ...]
    options: tuple[OptionView, ...]
    expression: str
    meters: tuple[Meter, ...]
    turns: int
    ending: EndingView | None = None




@dataclass(frozen=True, slots=True)
class FreeTextView:
    """What the feedback shows about the learner's own words (plain data)."""

    said: str
    code_words: str  # "a complex reflection"
    confidence: int  # percent
    reasons: tuple[str, ...]
    extras: tuple[str, ...]  # "PACE: empathy", "4 R's: relate"
    matched: str  # the written response the conversation went on with
    match_why: str
    best: str  # the strongest written response ("" when the match was it)


@dataclass(frozen=True, slots=True)
class Feedback:
    turn: int
    grade: str
    headline: str
    chips: tuple[Chip, ...]
    explanation: str
    is_best: bool
    can_undo: bool
    safety: str = ""  # why this response was a safety failure ("" when it was not)
    free_text: FreeTextView | None = None  # free-text mode: how the learner's words read


def line_views(scenario: Scenario, lines: tuple[Line, ...]) -> tuple[LineView, ...]:
    return tuple(LineView(line.speaker, scenario.speaker_name(line.speaker), line.text, line.cue)
                 for line in lines)


def you_said(text: str) -> LineView:
    return LineView(YOU, "You", text)


def meters(scenario: Scenario, values: Mapping[str, float]) -> tuple[Meter, ...]:
    return tuple(
        Meter(vid, var.label, values.get(vid, var.start), var.minimum, var.maximum,
              var.description or words.METER_TIPS.get(vid, ""))
        for vid, var in scenario.state.items() if vid in METERS and not var.hidden)


def _face(scenario: Scenario, explicit: str | None, lines: tuple[Line, ...],
          values: Mapping[str, float], ranges: Mapping[str, tuple[float, float]]) -> str:
    """The client's face for what they say and do now, and how they feel."""
    said = [line for line in lines if line.speaker == "client"]
    others = tuple(person.name for person in scenario.people.values())
    return expression_for(explicit, values, ranges, " ; ".join(line.cue for line in said),
                          " ".join(line.text for line in said), others)


def moment(session: Session) -> Moment:
    """What the screen shows at the session's current position."""
    scenario = session.scenario
    values = session.values
    ranges = {vid: (var.minimum, var.maximum) for vid, var in scenario.state.items()}
    ending = session.ending
    if ending is not None:
        return Moment(line_views(scenario, ending.lines), (),
                      _face(scenario, ending.expression, ending.lines, values, ranges),
                      meters(scenario, values), len(session.turns),
                      EndingView(ending.title, ending.outcome, session.debrief))
    node = session.node
    assert node is not None
    # In the order this attempt shows them (shuffled per attempt); keys 1-9 follow it.
    return Moment(line_views(scenario, node.lines),
                  tuple(OptionView(n, node.options[n - 1].text)
                        for n in session.shown_order()),
                  _face(scenario, node.expression, node.lines, values, ranges),
                  meters(scenario, values), len(session.turns))


def _tip(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    return f"<p><b>{html.escape(title)}</b></p>{body}"


TIMING_TONES = {"well_timed": "good", "acceptable": "neutral", "mistimed": "bad"}


def chips(score: FrameworkScore, framework: Framework | None) -> list[Chip]:
    """The chips for one framework's score on one response."""
    if not score.labels:
        return []
    about = words.FRAMEWORK_TIPS.get(score.framework, framework.about if framework else "")
    if framework is not None and framework.kind == "tags":
        found = []
        for label, name in zip(score.labels, score.label_names, strict=True):
            element = framework.elements.get(label)
            points = element.points if element else 0
            explain = element.explain if element else score.explanation
            found.append(Chip(score.framework, f"{score.short}: {name}",
                              _tip(name, explain, about), words.points_tone(points)))
        return found
    name = score.label_names[0]
    if score.timing is not None:
        return [Chip(score.framework, f"{score.short}: {name}, {score.verdict}",
                     _tip(f"{name}: {score.verdict}", score.explanation, about),
                     TIMING_TONES.get(score.timing, "neutral"))]
    shown = " + ".join(score.label_names)  # a double-coded turn shows both codes
    return [Chip(score.framework, f"{score.short}: {shown}",
                 _tip(f"{shown} ({score.verdict})", score.explanation, about),
                 words.points_tone(score.points))]


def feedback(session: Session, turn: Turn) -> Feedback:
    """The practice-mode feedback on one response."""
    option = turn.option(session.scenario)
    found: list[Chip] = []
    for score in turn.score.frameworks:
        found += chips(score, session.frameworks.get(score.framework))
    return Feedback(turn.number, turn.score.grade, words.GRADES.get(turn.score.grade,
                    turn.score.headline), tuple(found), option.explain,
                    option.grade == "best", session.can_undo, option.safety,
                    free_text=free_text_view(session, turn))


def free_text_line(free_text: Mapping[str, object]) -> str:
    """One line for a report: how the learner's own words were coded and taken."""
    coding = free_text.get("coding")
    code = coding.get("code", "") if isinstance(coding, Mapping) else ""
    sure = coding.get("confidence", 0) if isinstance(coding, Mapping) else 0
    return (f"In your own words: coded by Rapport as {CODE_NAMES.get(str(code), str(code))} "
            f"({round(100 * float(sure))}% sure); the conversation went on as the written "
            f"response “{free_text.get('matched_text', '')}”")


def free_text_view(session: Session, turn: Turn) -> FreeTextView | None:
    """How the learner's own words were coded, beside the written responses."""
    said = turn.said
    if said is None:
        return None
    node = session.scenario.nodes[turn.node_id]
    option = turn.option(session.scenario)
    best = next((o for o in node.options if o.grade == "best"), None)
    coding = said.coding
    extras = []
    frameworks = session.scenario.frameworks  # only what this scenario scores on
    if coding.pace and "pace" in frameworks:
        extras.append("PACE: " + ", ".join(coding.pace) + ".")
    if coding.r4 and "r4" in frameworks:
        extras.append(f"4 R's: {coding.r4}.")
    return FreeTextView(said.text, CODE_NAMES.get(coding.code, coding.code),
                        round(100 * coding.confidence), coding.reasons, tuple(extras),
                        option.text, said.match.explanation,
                        "" if best is None or best.number == option.number else best.text)


def transcript(session: Session) -> list[LineView]:
    """Everything said so far, for redrawing a resumed or undone conversation."""
    scenario = session.scenario
    found: list[LineView] = []
    for turn in session.turns:
        node = scenario.nodes[turn.node_id]
        found += line_views(scenario, node.lines)
        found.append(you_said(turn.said.text if turn.said else turn.option(scenario).text))
    return found

