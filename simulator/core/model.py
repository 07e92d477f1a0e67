"""The scenario as frozen data: what the loader builds and the engine plays.

Positions (line, col) are kept on the parts a later check or an editor may
need to point at. Framework codes are kept generic (framework id -> labels),
so a framework added as a YAML file needs no change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .conditions import Condition, Effect

# The faces live in a module of their own: the library draws them before the core loads.
from .looks import AVATARS as AVATARS
from .looks import EXPRESSIONS as EXPRESSIONS

GRADES = ("best", "acceptable", "unhelpful", "harmful")
GRADE_POINTS = {"best": 3, "acceptable": 2, "unhelpful": 1, "harmful": 0}


# A route with a safety failure scores at most this, whatever its average: below half
# marks, so it can never read as a pass, and a missed risk to a child is not something
# good responses elsewhere can make up for.
SAFETY_CAP = 40


def grade_score(points: Iterable[int], safety_failures: int = 0) -> int | None:
    """Mean grade points as 0-100 (None with no responses), capped at SAFETY_CAP when a
    safety failure was chosen: one rule, so the score a route list promises is the score
    the report then gives."""
    given = list(points)
    if not given:
        return None
    score = round(100 * sum(given) / (max(GRADE_POINTS.values()) * len(given)))
    return min(score, SAFETY_CAP) if safety_failures else score


# "colluded": the client stayed comfortable because the worker took their side against
# the truth or the person at risk; it looks calm and is not engagement.
OUTCOMES = ("engaged", "partial", "disengaged", "escalated", "colluded")
SETTINGS = (
    "criminal_justice",
    "child_protection",
    "mental_health",
    "adult_social_care",
    "education",
    "substance_use",
    "youth_justice",
    "other",
)
RESISTANCE_TYPES = (
    "ambivalence",
    "avoidance",
    "confrontation",
    "violence",
    "disguised_compliance",
    "reluctance",
)
DIFFICULTIES = ("introductory", "intermediate", "advanced")
CLIENT = "client"  # the speaker id that means the scenario's main client


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: str = ""
    age: int | None = None
    avatar: str = "adult"
    background: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    speaker: str  # CLIENT or an id from Scenario.people
    text: str
    cue: str = ""  # what the learner sees: "folds his arms, looks at the clock"


@dataclass(frozen=True, slots=True)
class StateVar:
    id: str
    label: str
    minimum: float
    maximum: float
    start: float
    description: str = ""
    hidden: bool = False  # never on a meter: a visible one would give the answer away

    def clamp(self, value: float) -> float:
        return min(self.maximum, max(self.minimum, value))


@dataclass(frozen=True, slots=True)
class Branch:
    target: str
    condition: Condition | None = None
    line: int = 0
    col: int = 0


@dataclass(frozen=True, slots=True)
class Option:
    number: int  # 1-based, as the learner sees it
    text: str
    grade: str
    codes: Mapping[str, tuple[str, ...]]
    effects: tuple[Effect, ...]
    explain: str
    branches: tuple[Branch, ...]
    line: int = 0
    col: int = 0
    # Sides with the client's account against the truth or the person at risk. MITI would
    # still code it (often as a reflection), so the report counts it apart.
    colludes: bool = False
    keep_place: bool = False  # shown where it is in the file, never shuffled
    safety: str = ""  # why choosing it is a safety failure ("" when it is not one)

    def code(self, framework: str) -> str | None:
        labels = self.codes.get(framework, ())
        return labels[0] if labels else None


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    lines: tuple[Line, ...]
    options: tuple[Option, ...]
    expression: str | None = None  # None: derived from the client's state
    rupture: bool = False  # the client is reacting to a break in the relationship
    line: int = 0
    col: int = 0


@dataclass(frozen=True, slots=True)
class DebriefPart:
    """One version of an ending's debrief, for when its condition holds at the end."""

    text: str
    condition: Condition | None = None
    line: int = 0
    col: int = 0


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    outcome: str
    debrief: str  # the debrief when no condition picks another ('otherwise')
    lines: tuple[Line, ...] = ()
    expression: str | None = None
    line: int = 0
    col: int = 0
    # Versions of the debrief tried top to bottom, so it can name what the learner did.
    debriefs: tuple[DebriefPart, ...] = ()

    def debrief_for(self, values: Mapping[str, float]) -> str:
        """The debrief for the state at the end (values may include 'turn')."""
        for part in self.debriefs:
            if part.condition is None or part.condition.evaluate(values):
                return part.text
        return self.debrief


@dataclass(frozen=True, slots=True, weakref_slot=True, eq=False)
class Scenario:
    """A whole scenario. Compared by identity: two loads of one file are two scenarios."""

    id: str
    title: str
    setting: str
    difficulty: str
    frameworks: tuple[str, ...]
    resistance: tuple[str, ...]
    client: Person
    briefing: str
    objectives: tuple[str, ...]
    state: Mapping[str, StateVar]
    start: str
    nodes: Mapping[str, Node]
    endings: Mapping[str, Ending]
    people: Mapping[str, Person] = field(default_factory=lambda: MappingProxyType({}))
    content_notes: tuple[str, ...] = ()
    minutes: int = 10
    summary: str = ""
    source: str = ""  # the file it came from
    digest: str = ""  # sha256 of the file's text: a saved session checks it still matches

    def initial_state(self) -> dict[str, float]:
        return {var.id: var.start for var in self.state.values()}

    def speaker_name(self, speaker: str) -> str:
        if speaker == CLIENT:
            return self.client.name
        person = self.people.get(speaker)
        return person.name if person else speaker
