"""A class votes, then sees: the rules of presenter mode, with no Qt.

At each decision the trainer reads the client's words, the class discusses,
and the trainer enters how many voted for each response; then every response
is revealed with its grade and reason, and the class's choice is played. Any
other response's consequence can be looked at ("what would have happened")
without changing the route. The keyboard (or a presentation clicker, which
sends Page Up / Page Down) drives all of it; `ClassVote` holds the state so the
window only draws it and forwards keys.

Rules where a trainer needs one:
- the class's choice is the response with the most votes; on a tie, the
  highlighted response if it is one of the tied, else the lowest number; with
  no votes at all, the highlighted response;
- the votes of every decision are saved with the session (``extra["votes"]``),
  which is saved like any other (practice mode, so the report explains every
  response).
- responses are numbered as the class sees them: a session with a shuffle seed
  shows them in its shuffled order, so a vote, a highlight or a "what if" is by
  place on the screen, and the saved votes are by option number (file order,
  like every saved choice) with the order that was shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import SessionError
from .model import Line
from .session import Session, Turn

VOTE = "vote"  # the class discusses; the trainer enters the votes
REVEALED = "revealed"  # every response shows its grade and reason
ENDED = "ended"
MAX_VOTES = 999


@dataclass(frozen=True)
class WhatIf:
    """Where another response would have led: the client's next words, or an ending."""

    option: int  # its place on the screen
    lines: tuple[Line, ...]
    ending_title: str = ""
    ending_outcome: str = ""
    debrief: str = ""
    state_after: dict[str, float] = field(default_factory=dict)


@dataclass
class ClassVote:
    """`highlighted`, `counts` and every number a method takes are places on the screen."""

    session: Session
    phase: str = VOTE
    highlighted: int = 1
    counts: dict[int, int] = field(default_factory=dict)
    _typing: bool = False  # digits typed since the highlight moved replace, then append

    def __post_init__(self) -> None:
        self.session.extra.setdefault("presenter", True)
        self.session.extra.setdefault("votes", [])
        if self.session.finished:
            self.phase = ENDED

    # -- where we are ------------------------------------------------------------------
    @property
    def options(self) -> int:
        node = self.session.node
        return len(node.options) if node is not None else 0

    @property
    def order(self) -> tuple[int, ...]:
        """The option numbers in the order shown (place 1 first)."""
        return self.session.shown_order()

    def option_at(self, place: int) -> int:
        """The option number shown at `place` (1-based)."""
        return self.order[place - 1]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, option: int) -> int:
        return self.counts.get(option, 0)

    # -- entering votes ------------------------------------------------------------------
    def move(self, step: int) -> None:
        """Highlight the next (or previous) response, wrapping round."""
        if self.options:
            self.highlighted = (self.highlighted - 1 + step) % self.options + 1
            self._typing = False

    def select(self, option: int) -> None:
        if 1 <= option <= self.options:
            self.highlighted = option
            self._typing = False

    def set_count(self, option: int, count: int) -> None:
        if self.phase == VOTE and 1 <= option <= self.options:
            self.counts[option] = max(0, min(MAX_VOTES, count))

    def adjust(self, step: int) -> None:
        """One vote more (or fewer) for the highlighted response."""
        self.set_count(self.highlighted, self.count(self.highlighted) + step)
        self._typing = True

    def type_digit(self, digit: int) -> None:
        """Digits build the highlighted response's count: 1 then 2 is twelve."""
        current = self.count(self.highlighted) if self._typing else 0
        self.set_count(self.highlighted, current * 10 + digit)
        self._typing = True

    def erase_digit(self) -> None:
        self.set_count(self.highlighted, self.count(self.highlighted) // 10)
        self._typing = True

    # -- reveal and play ---------------------------------------------------------------
    def class_choice(self) -> int:
        if not self.total:
            return self.highlighted
        top = max(self.counts.values())
        tied = sorted(n for n, c in self.counts.items() if c == top)
        return self.highlighted if self.highlighted in tied else tied[0]

    def tied(self) -> list[int]:
        if not self.total:
            return []
        top = max(self.counts.values())
        tied = sorted(n for n, c in self.counts.items() if c == top)
        return tied if len(tied) > 1 else []

    def reveal(self) -> None:
        if self.phase == VOTE and self.options:
            self.phase = REVEALED
            self.highlighted = self.class_choice()
            self._typing = False

    def hide(self) -> None:
        """Back to voting (the trainer revealed too early)."""
        if self.phase == REVEALED:
            self.phase = VOTE

    def play(self, place: int | None = None) -> Turn:
        """Give the class's choice (or the response at `place`), keep the votes, and move
        to the next decision."""
        if self.phase != REVEALED:
            raise SessionError("reveal the responses before playing the class's choice")
        order = self.order
        number = order[(place or self.class_choice()) - 1]
        node = self.session.position
        turn = self.session.choose(number)
        self.session.extra["votes"].append({
            "turn": turn.number, "node": node,
            "counts": {str(order[p - 1]): c for p, c in sorted(self.counts.items()) if c},
            "shown": list(order), "played": number})
        self.counts = {}
        self.highlighted = 1
        self._typing = False
        self.phase = ENDED if self.session.finished else VOTE
        return turn

    def what_if(self, place: int) -> WhatIf:
        """Where the response at `place` would have led; the session itself does not move."""
        number = self.option_at(place)
        saved = self.session.to_dict()
        with Session.restore(self.session.scenario, saved, self.session.frameworks) as copy:
            turn = copy.choose(number)
            ending = copy.ending
            if ending is not None:
                return WhatIf(place, ending.lines, ending.title, ending.outcome,
                              ending.debrief, dict(turn.state_after))
            node = copy.node
            assert node is not None
            return WhatIf(place, node.lines, state_after=dict(turn.state_after))

    def votes(self) -> list[dict[str, Any]]:
        return list(self.session.extra.get("votes", []))
