"""Can a learner find the best response without reading it? The surface-cue check.

A score must measure skill, not a habit: if the best option is nearly always the
longest, or a player who always picks the first option (or the question, or the
one that says "you") reaches the scenario's best ending, the scenario teaches a
trick. This module measures those cues on a scenario, with the real engine, so
`validate`, `paths` and the library tests all report the same figures.

Naive players choose in file order (the order a writer sees), never the order a
learner is shown: the check is about the writing, and the shuffle is a second,
independent defence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import RapportError
from .frameworks import Framework
from .model import Node, Option, Scenario
from .routes import walk
from .session import Session

MAX_LONGEST_SHARE = 0.35  # the best option may be the longest at no more than this share
MIN_SHORTEST_SHARE = 0.10  # ... and must be the shortest at least this often
# Shares of two or three decisions swing by a third with one option, and a file that
# small is a sketch, a template or a test fixture: the check starts at five decisions.
MIN_DECISIONS = 5
TOP_OUTCOME = "engaged"
_YOU = re.compile(r"\byou\b", re.IGNORECASE)

Picker = Callable[[Node], int]


@dataclass(frozen=True, slots=True)
class DecisionCue:
    """One decision (a node with a best option) and whether length gives the best away."""

    node: str
    line: int
    col: int
    options: int
    best_is_longest: bool
    best_is_shortest: bool


@dataclass(frozen=True, slots=True)
class NaiveRun:
    """Where one naive player ends up: `top` is True when that is an engaged ending."""

    player: str
    description: str
    ending: str | None  # None when the player went round a loop and never ended
    outcome: str | None
    top: bool


@dataclass(frozen=True, slots=True)
class SurfaceCues:
    decisions: tuple[DecisionCue, ...]
    runs: tuple[NaiveRun, ...]

    @property
    def counted(self) -> int:
        return len(self.decisions)

    @property
    def longest(self) -> int:
        return sum(1 for d in self.decisions if d.best_is_longest)

    @property
    def shortest(self) -> int:
        return sum(1 for d in self.decisions if d.best_is_shortest)

    @property
    def longest_share(self) -> float | None:
        return self.longest / self.counted if self.counted else None

    @property
    def shortest_share(self) -> float | None:
        return self.shortest / self.counted if self.counted else None

    @property
    def too_often_longest(self) -> bool:
        share = self.longest_share
        return share is not None and share > MAX_LONGEST_SHARE

    @property
    def too_rarely_shortest(self) -> bool:
        share = self.shortest_share
        return share is not None and share < MIN_SHORTEST_SHARE

    @property
    def winning_players(self) -> tuple[NaiveRun, ...]:
        return tuple(run for run in self.runs if run.top)

    @property
    def applies(self) -> bool:
        return self.counted >= MIN_DECISIONS

    @property
    def passes(self) -> bool:
        """True when nothing on the surface gives the best route away (or too small to say)."""
        return not self.applies or not (self.too_often_longest or self.too_rarely_shortest
                                        or self.winning_players)

    def summary_lines(self) -> list[str]:
        """A few lines a writer reads under `paths`: the figures and what fails."""
        if not self.counted:
            return ["Surface cues: no decision has a best option, nothing to measure"]
        lines = [
            f"Surface cues: the best option is the longest at {self.longest} of "
            f"{self.counted} decisions ({percent(self.longest_share)}; at most "
            f"{percent(MAX_LONGEST_SHARE)}) and the shortest at {self.shortest} "
            f"({percent(self.shortest_share)}; at least {percent(MIN_SHORTEST_SHARE)})"]
        for run in self.runs:
            where = "never ends (a loop)" if run.ending is None else \
                f"ends in '{run.ending}' ({run.outcome})"
            flag = "  <- reaches the top ending" if run.top else ""
            lines.append(f"  always {run.description}: {where}{flag}")
        if not self.applies:
            lines.append(f"Surface cues: not checked, fewer than {MIN_DECISIONS} decisions")
        elif self.passes:
            lines.append("Surface cues: pass")
        else:
            lines.append("Surface cues: FAIL: the best route can be found without reading "
                         "the responses")
        return lines

    def to_dict(self) -> dict[str, object]:
        return {
            "decisions": self.counted,
            "best_is_longest": self.longest,
            "best_is_shortest": self.shortest,
            "longest_share": None if self.longest_share is None else round(
                self.longest_share, 3),
            "shortest_share": None if self.shortest_share is None else round(
                self.shortest_share, 3),
            "naive_players": {run.player: {"ending": run.ending, "outcome": run.outcome,
                                           "top": run.top} for run in self.runs},
            "checked": self.applies,
            "passes": self.passes,
        }


def percent(share: float | None) -> str:
    return "n/a" if share is None else f"{100 * share:.0f}%"


def _length(option: Option) -> int:
    return len(option.text)


def decision_cue(node: Node) -> DecisionCue | None:
    """Length facts about one decision; None when it has no best option or one option."""
    best = [o for o in node.options if o.grade == "best"]
    if not best or len(node.options) < 2:
        return None
    lengths = [_length(o) for o in node.options]
    longest, shortest = max(lengths), min(lengths)
    # A tie counts against the writer: a best option as long as the longest still rewards
    # a learner who picks by length.
    return DecisionCue(node.id, node.line, node.col, len(node.options),
                       any(_length(o) == longest for o in best),
                       any(_length(o) == shortest for o in best))


def _first_where(node: Node, test: Callable[[Option], bool]) -> int:
    return next((o.number for o in node.options if test(o)), node.options[0].number)


def players(frameworks: Mapping[str, Framework]) -> dict[str, tuple[str, Picker]]:
    """The naive players, each a rule that never reads what a response means.

    Ties go to the option earlier in the file, so each player is deterministic.
    """
    mi = frameworks.get("mi")
    questions = {eid for eid, e in mi.elements.items() if e.counts_as == "Q"} if mi else set()
    return {
        "longest": ("the longest option", lambda node: max(
            node.options, key=lambda o: (_length(o), -o.number)).number),
        "shortest": ("the shortest option", lambda node: min(
            node.options, key=lambda o: (_length(o), o.number)).number),
        "first": ("the first option", lambda node: node.options[0].number),
        "last": ("the last option", lambda node: node.options[-1].number),
        "question": ("a question", lambda node: _first_where(
            node, lambda o: any(label in questions for label in o.codes.get("mi", ())))),
        "you": ("the option with 'you'", lambda node: _first_where(
            node, lambda o: _YOU.search(o.text) is not None)),
    }


def _run(scenario: Scenario, frameworks: Mapping[str, Framework], player: str,
         description: str, picker: Picker) -> NaiveRun:
    with Session(scenario, frameworks=frameworks) as session:
        try:
            walk(session, picker=picker, scored=False)
        except RapportError:  # a loop: this player never reaches any ending
            return NaiveRun(player, description, None, None, False)
        ending = session.ending
        assert ending is not None
        return NaiveRun(player, description, ending.id, ending.outcome,
                        ending.outcome == TOP_OUTCOME)


def measure(scenario: Scenario, frameworks: Mapping[str, Framework]) -> SurfaceCues:
    """Length facts for every decision, and where each naive player ends up."""
    decisions = tuple(cue for node in scenario.nodes.values()
                      if (cue := decision_cue(node)) is not None)
    runs = tuple(_run(scenario, frameworks, name, description, picker)
                 for name, (description, picker) in players(frameworks).items())
    return SurfaceCues(decisions, runs)
