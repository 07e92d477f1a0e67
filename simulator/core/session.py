"""A conversation in progress: a `transitions` machine over one scenario.

Design, following transitions' own advice:
- The machine (the conductor) is built once per scenario and shared; each
  session is a *model* added to it and removed again by `close()`, so playing
  a thousand sessions builds one machine and leaves nothing behind.
- Models are created with ``model_override=True`` and declare only `trigger`,
  so transitions never turns a scenario's node ids into Python attribute
  names (a node called "trigger" or "__init__" is harmless).
- Triggers are our own names (``option_1``...) fired with `model.trigger()`.
  Each option's branches become transitions in file order with the branch's
  condition attached; transitions takes the first whose condition holds, which
  is exactly the "first matching branch" rule writers are told.
- Effects are applied *before* the transition fires, so conditions see the
  state the response produced ("if arousal >= 7" after a harmful remark).
"""

from __future__ import annotations

import logging
import random
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from transitions import Machine, MachineError

from .errors import SavedSessionError, SessionError
from .frameworks import Framework, builtin_frameworks
from .gcpause import gc_paused
from .model import GRADE_POINTS, Ending, Node, Option, Scenario
from .scoring import TurnScore, score_option

if TYPE_CHECKING:
    from .freetext import FreeTextAnswer

# With model_override, transitions logs a warning for every convenience method it
# (rightly) does not bind; that is our design, not a problem, and it is costly noise.
logging.getLogger("transitions.core").setLevel(logging.ERROR)

MODES = ("practice", "assessment")
SAVE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Turn:
    """One response and everything it changed."""

    number: int
    node_id: str
    option_number: int
    target: str  # where it led: a node id or an ending id
    state_before: Mapping[str, float]
    state_after: Mapping[str, float]
    rupture_before: bool
    score: TurnScore
    shown: tuple[int, ...] = ()  # the option numbers in the order shown; () for file order
    said: FreeTextAnswer | None = None  # the learner's own words (free-text mode)

    @property
    def shown_position(self) -> int:
        """Where the chosen response was on screen (1 = top); its number in file order
        when the options were not shuffled."""
        return self.shown.index(self.option_number) + 1 if self.option_number in self.shown \
            else self.option_number

    def option(self, scenario: Scenario) -> Option:
        return scenario.nodes[self.node_id].options[self.option_number - 1]


class _SessionModel:
    """The object transitions moves between states; holds nothing but the position."""

    node: str = ""

    def __init__(self, values: dict[str, float]) -> None:
        self.values = values

    def trigger(self, name: str, *args: Any, **kwargs: Any) -> bool:  # replaced by transitions
        raise NotImplementedError


def new_seed() -> int:
    """A fresh seed for one attempt's shuffle (stored with the session, so it replays)."""
    return random.SystemRandom().randrange(2**31)


def shuffled_order(node: Node, seed: int, index: int) -> tuple[int, ...]:
    """The order a learner sees a node's options in, at their `index`-th response.

    The same seed, response index and node always give the same order (a string seed
    is hashed by `random` itself, not by Python's per-run hash), so an attempt can be
    rebuilt exactly. Options marked `keep_place` stay where the writer put them; the
    rest are shuffled among the remaining places.
    """
    free = [o.number for o in node.options if not o.keep_place]
    random.Random(f"rapport:{seed}:{index}:{node.id}").shuffle(free)
    rest = iter(free)
    return tuple(o.number if o.keep_place else next(rest) for o in node.options)


def _condition_check(condition: Any) -> Any:
    def check(event: Any) -> bool:
        model = event.model
        return bool(condition.evaluate({**model.values, "turn": float(model.turns)}))
    return check


class _ScenarioMachine(Machine):
    """A Machine that binds nothing per state or per trigger to a model.

    Our models declare only `trigger` (model_override), so transitions would skip
    every `is_node_<id>` and `option_<n>` binding anyway, but only after looping
    over every state: that loop made starting a session grow with the scenario
    (0.2 s at 50,000 nodes). Skipping it makes adding a model constant-time.
    """

    def _add_model_to_state(self, state: Any, model: Any) -> None:
        return None

    def _add_trigger_to_model(self, trigger: str, model: Any) -> None:
        return None


_MACHINES: weakref.WeakKeyDictionary[Scenario, Machine] = weakref.WeakKeyDictionary()


def machine_for(scenario: Scenario) -> Machine:
    """The shared state machine of a scenario (built on first use, freed with it)."""
    machine = _MACHINES.get(scenario)
    if machine is None:
        with gc_paused():
            machine = _build_machine(scenario)
        _MACHINES[scenario] = machine
    return machine


def _build_machine(scenario: Scenario) -> Machine:
    """One state per node and ending; one transition per branch, in file order."""
    machine = _ScenarioMachine(
        model=None,
        states=[*scenario.nodes, *scenario.endings],
        initial=None,
        auto_transitions=False,
        send_event=True,
        model_attribute="node",
        model_override=True,
        ignore_invalid_triggers=False,
    )
    for node in scenario.nodes.values():
        for option in node.options:
            trigger = f"option_{option.number}"
            for branch in option.branches:
                conditions = ([_condition_check(branch.condition)]
                              if branch.condition is not None else [])
                machine.add_transition(trigger, node.id, branch.target,
                                       conditions=conditions)
    return machine


@dataclass
class Session:
    """One learner's run through a scenario.

    `start` and `state` let a writer begin anywhere with the state set by hand,
    and `turns_before` as if that many responses had already been given (the
    built-in `turn` of conditions counts them too); a learner starts at the
    scenario's start with its initial state and no responses.

    `seed` shuffles the options shown at each response (None: file order, as writers,
    `walk` and sessions saved before shuffling see them). Choices are always option
    numbers in file order, so a route means the same whatever the learner was shown.
    """

    scenario: Scenario
    mode: str = "practice"
    start: str | None = None
    state: Mapping[str, float] | None = None
    frameworks: Mapping[str, Framework] = field(default_factory=builtin_frameworks)
    turns_before: int = field(default=0, kw_only=True)
    seed: int | None = field(default=None, kw_only=True)
    # Responses taken back with undo, as (node id, option number), oldest first: a tutor
    # sees how many tries a learner needed (exports and hand-ins carry it).
    undone: list[tuple[str, int]] = field(default_factory=list, kw_only=True)
    # Data other parts attach to a session and want saved with it (e.g. the class's votes
    # in presenter mode); plain JSON values, replayed untouched.
    extra: dict[str, Any] = field(default_factory=dict, kw_only=True)
    _turns: list[Turn] = field(default_factory=list, init=False)
    _shown: dict[int, tuple[int, ...]] = field(default_factory=dict, init=False)
    _model: _SessionModel | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise SessionError(f"unknown mode '{self.mode}'; use practice or assessment")
        self.start = self.start or self.scenario.start
        if self.start not in self.scenario.nodes:
            raise SessionError(f"'{self.start}' is not a node of {self.scenario.title}")
        values = self.scenario.initial_state()
        for key, value in (self.state or {}).items():
            var = self.scenario.state.get(key)
            if var is None:
                raise SessionError(f"'{key}' is not a state variable of {self.scenario.title}")
            values[key] = var.clamp(float(value))
        turns_before = self.turns_before
        if isinstance(turns_before, bool) or not isinstance(turns_before, int) \
                or turns_before < 0:
            raise SessionError(f"the responses already given must be a whole number, 0 or "
                               f"more (not {turns_before!r})")
        if self.seed is not None and (isinstance(self.seed, bool)
                                      or not isinstance(self.seed, int)):
            raise SessionError(f"the shuffle seed must be a whole number (not {self.seed!r})")
        self.state = dict(values)
        self._model = _SessionModel(values)
        self._model.turns = turns_before  # type: ignore[attr-defined]
        machine_for(self.scenario).add_model(self._model, initial=self.start)

    # -- where we are ------------------------------------------------------------------
    @property
    def position(self) -> str:
        if self._model is None:
            raise SessionError("this session has been closed")
        return self._model.node

    @property
    def node(self) -> Node | None:
        return self.scenario.nodes.get(self.position)

    @property
    def ending(self) -> Ending | None:
        return self.scenario.endings.get(self.position)

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def debrief(self) -> str:
        """The ending's debrief for how the conversation went ('' before the end)."""
        ending = self.ending
        if ending is None:
            return ""
        return ending.debrief_for({**self.values, "turn": float(len(self._turns))})

    @property
    def values(self) -> dict[str, float]:
        """The client's state now (a copy)."""
        return dict(self._model.values) if self._model else {}

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    @property
    def rupture(self) -> bool:
        """Is the client reacting to a break in the relationship right now?"""
        node = self.node
        if node is not None and node.rupture:
            return True
        if not self._turns:
            return False
        last = self._turns[-1]
        trust_fell = last.state_after.get("trust", 0) < last.state_before.get("trust", 0)
        return last.score.grade in ("unhelpful", "harmful") or trust_fell

    def shown_order(self) -> tuple[int, ...]:
        """The option numbers at the current node in the order the learner sees them."""
        node = self.node
        if node is None:
            return ()
        if self.seed is None:
            return tuple(o.number for o in node.options)
        index = len(self._turns)
        order = self._shown.get(index)
        if order is None or sorted(order) != [o.number for o in node.options]:
            order = shuffled_order(node, self.seed, index)
            self._shown[index] = order
        return order

    @property
    def can_undo(self) -> bool:
        return self.mode == "practice" and bool(self._turns) and self._model is not None

    # -- acting ------------------------------------------------------------------------
    def preview(self, number: int) -> TurnScore:
        """The score a response would get now, without choosing it (for reports)."""
        return score_option(self._option(number), self.scenario, self.values, self.rupture,
                            self.frameworks)

    def _option(self, number: int) -> Option:
        node = self.node
        if node is None:
            raise SessionError("the conversation has ended; there is nothing to choose")
        if not 1 <= number <= len(node.options):
            raise SessionError(f"there is no response {number} here "
                               f"(choose 1 to {len(node.options)})")
        return node.options[number - 1]

    def choose(self, number: int, *, scored: bool = True,
               said: FreeTextAnswer | None = None) -> Turn:
        """Give response `number` (1-based) at the current node.

        `scored=False` skips the framework scores (the grade is kept): route searches
        only need where a response leads, and scoring is half the cost of a step.
        `said` is the learner's own words when they wrote them (free-text mode): the
        conversation moves on response `number`, the transcript keeps their words.
        """
        option = self._option(number)
        model = self._model
        assert model is not None
        shown = self.shown_order() if self.seed is not None else ()  # () is file order
        before = dict(model.values)
        rupture = self.rupture
        score = (score_option(option, self.scenario, before, rupture, self.frameworks)
                 if scored else TurnScore(option.grade, GRADE_POINTS.get(option.grade, 0), "",
                                          ()))
        after = dict(before)
        for effect in option.effects:
            var = self.scenario.state[effect.variable]
            after[effect.variable] = var.clamp(effect.apply(after[effect.variable]))
        node_id = model.node
        model.values = after
        model.turns = self.turns_before + len(self._turns) + 1  # type: ignore[attr-defined]
        try:
            moved = model.trigger(f"option_{number}")
        except MachineError as error:
            moved = False
            detail = str(error)
        else:
            detail = "no branch condition held"
        if not moved:
            model.values = before
            model.turns = self.turns_before + len(self._turns)  # type: ignore[attr-defined]
            raise SessionError(f"response {number} at '{node_id}' leads nowhere ({detail}); "
                               "run 'validate' on the scenario")
        turn = Turn(len(self._turns) + 1, node_id, number, model.node, before, dict(after),
                    rupture, score, shown, said)
        self._turns.append(turn)
        return turn

    def undo(self) -> Turn:
        """Take back the last response (practice mode only)."""
        if self.mode != "practice":
            raise SessionError("undo is only available in practice mode")
        if not self._turns or self._model is None:
            raise SessionError("there is nothing to undo")
        turn = self._turns.pop()
        # The order shown where we are back to stays; those after it may not come again.
        for index in [i for i in self._shown if i > len(self._turns)]:
            del self._shown[index]
        self.undone.append((turn.node_id, turn.option_number))
        self._model.values = dict(turn.state_before)
        self._model.turns = self.turns_before + len(self._turns)  # type: ignore[attr-defined]
        machine_for(self.scenario).set_state(turn.node_id, model=self._model)
        return turn

    def close(self) -> None:
        """Release this session's place in the shared machine."""
        if self._model is not None:
            machine = _MACHINES.get(self.scenario)
            if machine is not None:
                machine.remove_model(self._model)
            self._model = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- saving ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """What is needed to rebuild this session exactly: replaying the choices.

        `turns_before` is written only when set (a writer's test from a late node),
        so a learner's saved session is exactly as before.
        """
        saved: dict[str, Any] = {
            "format": SAVE_FORMAT,
            "scenario": self.scenario.id,
            "digest": self.scenario.digest,
            "mode": self.mode,
            "start": self.start,
            "state": dict(self.state or {}),
            "choices": [t.option_number for t in self._turns],
            "finished": self.finished,
        }
        if self.turns_before:
            saved["turns_before"] = self.turns_before
        if self.seed is not None:  # written only when shuffled: older saves stay as they were
            saved["seed"] = self.seed
            saved["shown"] = [list(t.shown) for t in self._turns] + (
                [list(self.shown_order())] if not self.finished else [])
        if self.undone:
            saved["undone"] = [[node, number] for node, number in self.undone]
        if self.extra:
            saved["extra"] = dict(self.extra)
        said = {str(t.number): t.said.to_dict() for t in self._turns if t.said is not None}
        if said:  # written only in free-text mode, so other saves are exactly as before
            saved["said"] = said
        return saved

    @classmethod
    def restore(cls, scenario: Scenario, data: Mapping[str, Any],
                frameworks: Mapping[str, Framework] | None = None) -> Session:
        """Rebuild a saved session; raise SavedSessionError if it no longer fits."""
        try:
            if data.get("format") != SAVE_FORMAT:
                raise SavedSessionError("this saved session comes from another version "
                                        "of Rapport")
            if data.get("scenario") != scenario.id:
                raise SavedSessionError(f"this saved session is for '{data.get('scenario')}', "
                                        f"not '{scenario.id}'")
            state = data.get("state")
            if state is not None and not isinstance(state, Mapping):
                raise TypeError("its state is not a set of values")
            session = cls(scenario, mode=str(data["mode"]), start=data.get("start"),
                          state=state, frameworks=frameworks or builtin_frameworks(),
                          turns_before=data.get("turns_before", 0), seed=data.get("seed"))
            session._shown = _saved_orders(data.get("shown"))
            said = data.get("said") or {}
            if not isinstance(said, Mapping):
                raise TypeError("its free-text answers are not a set of turns")
            try:
                for number, choice in enumerate(data["choices"], start=1):
                    words = said.get(str(number))
                    session.choose(int(choice), said=None if words is None
                                   else _free_text(words))
                session.undone = [(str(node), int(number))
                                  for node, number in data.get("undone") or []]
                extra = data.get("extra") or {}
                if not isinstance(extra, Mapping):
                    raise TypeError("its extra data is not a set of values")
                session.extra = dict(extra)
            except BaseException:
                session.close()  # a half-replayed session must not stay in the shared machine
                raise
        except SavedSessionError:
            raise
        except (SessionError, KeyError, TypeError, ValueError, OverflowError) as error:
            changed = (" The scenario file has changed since it was saved."
                       if data.get("digest") and data.get("digest") != scenario.digest else "")
            raise SavedSessionError(f"this saved session cannot be replayed: {error}.{changed}"
                                    ) from error
        return session


def _saved_orders(raw: Any) -> dict[int, tuple[int, ...]]:
    """The orders a saved session was shown, by response index; a damaged list is ignored
    (each order is checked against its node when used, and recomputed from the seed)."""
    if not isinstance(raw, list):
        return {}
    return {index: tuple(order) for index, order in enumerate(raw)
            if isinstance(order, list)
            and all(isinstance(n, int) and not isinstance(n, bool) for n in order)}


def _free_text(data: Any) -> FreeTextAnswer:
    """A saved free-text answer (its coding is kept, not redone: the coder may change)."""
    from .freetext import FreeTextAnswer

    if not isinstance(data, Mapping):
        raise TypeError("a free-text answer is not a record")
    return FreeTextAnswer.from_dict(data)
