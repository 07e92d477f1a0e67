"""Pedagogy checks: warnings about a scenario that loads and plays but may teach badly.

These run the real engine (the best route, the reachable endings), so they only
run on a scenario without errors. Each warning names what to change.
"""

from __future__ import annotations

from .coder_lint import code_disagreements
from .errors import Problem, RapportError, Severity
from .frameworks import Framework
from .loader_constants import REQUIRED_STATE
from .model import Node, Scenario
from .report import build_report, format_threshold
from .routes import reachable_in_play, strategy, walk
from .session import Session
from .surface_cues import MAX_LONGEST_SHARE, MIN_SHORTEST_SHARE, measure, percent
from .validation import reachable
from .yaml_reader import YNode

# Under 18 a client is a child in law (Children Act 1989), and PACE was built for
# children and young people: a 14-year-old refusing school needs it as much as a 9-year-old.
ADULT_AGE = 18
CHILD_AVATARS = ("child", "girl", "boy", "teen", "teen_girl", "teen_boy")
STATE_LIMIT = 5_000  # states explored for unreachable endings: keeps validate under ~1 s
RATIO_HINTS = {
    "r_q": "reflect more often than you ask: make more of the best options reflections",
    "pct_cr": "make more of the best route's reflections complex: add the feeling, the "
              "meaning or both sides of their mixed feelings",
}


def _warn(scenario: Scenario, line: int, col: int, message: str, hint: str) -> Problem:
    return Problem(scenario.source, line, col, Severity.WARNING, message, hint)


def _where(root: YNode, key: str, sub: str | None = None) -> tuple[int, int]:
    """Line and column of a top-level key (or of `sub` inside it), else the file's start."""
    node = root.key_nodes.get(key)
    value = root.get(key)
    if sub is not None and value is not None and sub in value.key_nodes:
        node = value.key_nodes[sub]
    return (node.line, node.col) if node is not None else (1, 1)


def unread_variables(scenario: Scenario, root: YNode) -> list[Problem]:
    """A variable no condition reads cannot change where the conversation goes."""
    conditions = [branch.condition for node in scenario.nodes.values()
                  for option in node.options for branch in option.branches]
    conditions += [part.condition for ending in scenario.endings.values()
                   for part in ending.debriefs]
    read = {name for condition in conditions if condition is not None
            for name, _ in condition.names()}
    return [_warn(scenario, *_where(root, "state", vid),
                  f"the variable '{vid}' is never read by any branch condition",
                  "use it in an 'if', or remove it")
            for vid in scenario.state if vid not in read and vid not in REQUIRED_STATE]


def child_without_pace(scenario: Scenario, root: YNode) -> list[Problem]:
    client = scenario.client
    is_child = client.age < ADULT_AGE if client.age is not None else \
        client.avatar in CHILD_AVATARS
    if is_child and "pace" not in scenario.frameworks:
        return [_warn(scenario, *_where(root, "frameworks"),
                      f"{client.name} is a child or young person, but the scenario is not "
                      "scored on PACE",
                      "add 'pace', and usually 'r4', to frameworks")]
    return []


def best_route_problems(scenario: Scenario, frameworks: dict[str, Framework],
                        root: YNode) -> list[Problem]:
    """The route a learner gets by always choosing 'best' should model good practice."""
    with Session(scenario, frameworks=frameworks) as session:
        try:
            walk(session, picker=strategy("best"))
        except RapportError as error:  # a loop on the best route: tell the writer
            return [_warn(scenario, *_where(root, "start"),
                          f"always choosing the best option never ends: {error}",
                          "check the branches along the best route")]
        report = build_report(session)
    found: list[Problem] = []
    mi = report["report"].get("mi")
    if mi is not None:
        for ratio, verdict in mi["verdicts"].items():
            if verdict not in ("good", "not enough data"):
                limits = mi["thresholds"][ratio]
                good = format_threshold(limits["good"], limits["format"])
                found.append(_warn(
                    scenario, *_where(root, "start"),
                    f"the best route's {limits['label'].lower()} score is {verdict}; "
                    f"MITI calls {good} good",
                    RATIO_HINTS.get(ratio, "see the MITI thresholds in the writers' guide")))
    ending = report["ending"]
    if ending is not None and ending["outcome"] != "engaged":
        found.append(_warn(scenario, *_where(root, "start"),
                           f"the best route ends in '{ending['id']}' "
                           f"({ending['outcome']}), not an engaged ending",
                           "the best choices should lead to the best ending"))
    return found


def _collude_when_you_can(node: Node) -> int:
    colluding = [o for o in node.options if o.colludes]
    return colluding[0].number if colluding else strategy("best")(node)


def collusion_problems(scenario: Scenario, frameworks: dict[str, Framework]) -> list[Problem]:
    """Collusion must not be rewarded: a learner who colludes wherever they can should not
    reach an engaged ending, and an ending about collusion needs a colluding option."""
    options = [o for node in scenario.nodes.values() for o in node.options if o.colludes]
    found = [_warn(scenario, ending.line, ending.col,
                   f"the ending '{ending.id}' is about collusion, but no option is marked "
                   "'colludes: true'",
                   "mark the responses that side with the client against the truth or the "
                   "person at risk")
             for ending in scenario.endings.values()
             if ending.outcome == "colluded" and not options]
    if not options:
        return found
    with Session(scenario, frameworks=frameworks) as session:
        try:
            walk(session, picker=_collude_when_you_can)
        except RapportError:
            return found  # a loop: the best-route check already says so
        ending, turns = session.ending, session.turns
        colluded = [t for t in turns if t.option(scenario).colludes]
    if ending is not None and ending.outcome == "engaged" and colluded:
        first = colluded[0].option(scenario)
        found.append(_warn(scenario, first.line, first.col,
                           f"a learner who colludes wherever they can ({len(colluded)} times) "
                           f"still reaches the engaged ending '{ending.id}'",
                           "let collusion cost something: lower trust or raise a hidden "
                           "variable, and branch on it towards a 'colluded' ending"))
    return found


def unreachable_in_play(scenario: Scenario) -> list[Problem]:
    """Nodes and endings an arrow leads to, but whose conditions can never all hold."""
    everything = {*scenario.nodes, *scenario.endings}
    reached, complete = reachable_in_play(scenario, everything, limit=STATE_LIMIT)
    if not complete:
        return []
    led_to = reachable(scenario)  # those no arrow leads to are already warned about
    places = [*scenario.nodes.values(), *scenario.endings.values()]
    return [_warn(scenario, place.line, place.col,
                  f"no sequence of choices reaches {kind} '{place.id}'",
                  "the conditions leading to it can never all hold; run 'paths' to see routes")
            for place in places
            for kind in ["ending" if place.id in scenario.endings else "node"]
            if place.id not in reached and place.id in led_to]


def scale_problems(scenario: Scenario, root: YNode) -> list[Problem]:
    """The 4 R's judge arousal and trust on a 0-10 scale (7 = very stirred up)."""
    if "r4" not in scenario.frameworks:
        return []
    return [_warn(scenario, *_where(root, "state", vid),
                  f"'{vid}' runs {var.minimum:g}..{var.maximum:g}, but the 4 R's read it on "
                  "a 0..10 scale", "use min 0 and max 10 for trust and arousal")
            for vid, var in scenario.state.items()
            if vid in REQUIRED_STATE and (var.minimum, var.maximum) != (0, 10)]


def surface_cue_problems(scenario: Scenario, frameworks: dict[str, Framework],
                         root: YNode) -> list[Problem]:
    """Length or position must not give the best response away (see `surface_cues`)."""
    cues = measure(scenario, frameworks)
    if not cues.applies:
        return []
    start = _where(root, "start")
    found: list[Problem] = []
    if cues.too_often_longest:
        found.append(_warn(
            scenario, *start,
            f"the best option is the longest at {cues.longest} of {cues.counted} decisions "
            f"({percent(cues.longest_share)}), so a learner can find it by length",
            f"keep it to {percent(MAX_LONGEST_SHARE)} or fewer: shorten the best option, or "
            "make a weaker one the longest, such as a careful lecture or a long reassurance"))
        found += [_warn(scenario, d.line, d.col,
                        f"the best option at node '{d.node}' is also the longest",
                        "a strong response can be short, and a poor one long and articulate")
                  for d in cues.decisions if d.best_is_longest]
    if cues.too_rarely_shortest:
        found.append(_warn(
            scenario, *start,
            f"the best option is the shortest at only {cues.shortest} of {cues.counted} "
            f"decisions ({percent(cues.shortest_share)})",
            f"make it the shortest at {percent(MIN_SHORTEST_SHARE)} or more of them: "
            "a short reflection is often the best response"))
    found += [_warn(scenario, *start,
                    f"a learner who always picks {run.description} reaches the engaged "
                    f"ending '{run.ending}'",
                    "make that choice a weaker one at a decision on the way")
              for run in cues.winning_players]
    return found


def lint(scenario: Scenario, frameworks: dict[str, Framework], root: YNode) -> list[Problem]:
    return [*unread_variables(scenario, root), *child_without_pace(scenario, root),
            *best_route_problems(scenario, frameworks, root), *unreachable_in_play(scenario),
            *collusion_problems(scenario, frameworks),
            *scale_problems(scenario, root), *surface_cue_problems(scenario, frameworks, root),
            *code_disagreements(scenario)]
