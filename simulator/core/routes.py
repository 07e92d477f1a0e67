"""Play a scenario without a person: choose by strategy, list routes, find endings.

Everything here drives the real engine (`Session`), stepping forward with
`choose` and back with `undo`, so what it reports is what a learner would get.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .errors import SessionError
from .model import GRADE_POINTS, Node, Scenario, grade_score
from .session import Session

MAX_WALK_TURNS = 200
STRATEGIES = ("best", "worst", "random")

Picker = Callable[[Node], int]


def strategy(name: str, seed: int = 0) -> Picker:
    """A rule that picks an option number at a node."""
    if name == "best":
        return lambda node: max(node.options, key=lambda o: (GRADE_POINTS[o.grade],
                                                             -o.number)).number
    if name == "worst":
        return lambda node: min(node.options, key=lambda o: (GRADE_POINTS[o.grade],
                                                             o.number)).number
    if name == "random":
        rng = random.Random(seed)
        return lambda node: rng.randint(1, len(node.options))
    raise SessionError(f"unknown strategy '{name}'; use one of {', '.join(STRATEGIES)}")


def walk(session: Session, choices: list[int] | None = None,
         picker: Picker | None = None, *, scored: bool = True) -> Session:
    """Play on from where the session is, by fixed choices and/or a strategy.

    `scored=False` skips the framework scores, for checks that only need the route.
    """
    for number in choices or []:
        if session.finished:
            raise SessionError(f"the conversation ended after {len(session.turns)} "
                               "responses; there are more choices than turns")
        session.choose(number, scored=scored)
    while picker is not None and not session.finished:
        if len(session.turns) >= MAX_WALK_TURNS:
            raise SessionError(f"no ending after {MAX_WALK_TURNS} responses; the "
                               "strategy is going round a loop")
        node = session.node
        assert node is not None
        session.choose(picker(node), scored=scored)
    return session


@dataclass(frozen=True, slots=True)
class Route:
    choices: tuple[int, ...]
    ending: str
    grade_score: int  # 0-100, mean grade of the responses


def _state_key(session: Session, uses_turn: bool) -> tuple[object, ...]:
    """What decides where a session can still go: position, state, and the turn count
    only when some condition reads it."""
    return (session.position, tuple(session.values.values()),
            len(session.turns) if uses_turn else 0)


def _uses_turn(scenario: Scenario) -> bool:
    return any(b.condition is not None and any(n == "turn" for n, _ in b.condition.names())
               for node in scenario.nodes.values() for o in node.options for b in o.branches)


def reachable_endings(scenario: Scenario, limit: int = 200_000) -> tuple[set[str], bool]:
    """Endings some sequence of choices reaches, exploring every distinct state once.

    Returns the endings and whether the answer is certain: True when every ending was
    found or every state explored, False when it stopped at `limit` first.
    """
    found, complete = reachable_in_play(scenario, set(scenario.endings), limit)
    return found & set(scenario.endings), complete


def reachable_in_play(scenario: Scenario, wanted: set[str],
                      limit: int = 200_000) -> tuple[set[str], bool]:
    """Nodes and endings some sequence of choices reaches, following the conditions.

    The search visits every distinct state once and stops early when everything in
    `wanted` has been found; `complete` is False when it stopped at `limit` first.
    """
    found: set[str] = {scenario.start}
    seen: set[tuple[object, ...]] = set()
    uses_turn = _uses_turn(scenario)
    with Session(scenario, mode="practice") as session:
        stack: list[int] = [0]  # next option to try at each depth
        seen.add(_state_key(session, uses_turn))
        while stack:
            node = session.node
            tried = stack[-1]
            if node is None or tried >= len(node.options):
                stack.pop()
                if session.turns:
                    session.undo()
                continue
            stack[-1] += 1
            session.choose(tried + 1, scored=False)
            found.add(session.position)
            if wanted <= found:
                return found, True  # nothing left to find
            key = _state_key(session, uses_turn)
            if session.finished or key in seen:
                session.undo()
            else:
                seen.add(key)
                if len(seen) >= limit:
                    return found, False
                stack.append(0)
    return found, True


def routes(scenario: Scenario, max_routes: int = 1000, max_visits: int = 2,
           max_depth: int = 60) -> Iterator[Route]:
    """Every route to an ending, depth first, visiting no node more than `max_visits`
    times on one route (so loops are bounded); stops after `max_routes`."""
    count = 0
    with Session(scenario, mode="practice") as session:
        visits: dict[str, int] = {session.position: 1}
        stack: list[int] = [0]
        while stack and count < max_routes:
            node = session.node
            tried = stack[-1]
            if node is None or tried >= len(node.options) or len(stack) > max_depth:
                stack.pop()
                if session.turns:
                    left = session.position
                    session.undo()
                    if left in visits:
                        visits[left] -= 1
                continue
            stack[-1] += 1
            session.choose(tried + 1, scored=False)  # a route needs only the grades
            here = session.position
            if session.finished:
                turns = session.turns
                score = grade_score((t.score.grade_points for t in turns),
                                    sum(1 for t in turns if t.option(scenario).safety))
                assert score is not None  # an ending is only reached by responding
                yield Route(tuple(t.option_number for t in turns), here, score)
                count += 1
                session.undo()
            elif visits.get(here, 0) >= max_visits:
                session.undo()
            else:
                visits[here] = visits.get(here, 0) + 1
                stack.append(0)
