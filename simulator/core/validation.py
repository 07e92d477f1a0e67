"""Checks on a built scenario that need the whole picture: the graph and the grading.

Everything here works on the model, so it reports at the positions the loader
kept on nodes, options and branches.
"""

from __future__ import annotations

from collections import deque

from .errors import Problem, Severity
from .frameworks import Framework
from .model import Scenario
from .rubric import rubric_problems
from .schema import suggest
from .yaml_reader import YNode


def successors(scenario: Scenario, node_id: str) -> set[str]:
    """Every node or ending reachable in one response, whatever the state."""
    node = scenario.nodes.get(node_id)
    if node is None:
        return set()
    return {branch.target for option in node.options for branch in option.branches}


def reachable(scenario: Scenario) -> set[str]:
    """Node and ending ids reachable from the start, ignoring conditions."""
    if scenario.start not in scenario.nodes:
        return set()
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        for target in successors(scenario, queue.popleft()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _can_finish(scenario: Scenario) -> set[str]:
    """Node ids from which some route (ignoring conditions) reaches an ending."""
    incoming: dict[str, set[str]] = {}
    for nid in scenario.nodes:
        for target in successors(scenario, nid):
            incoming.setdefault(target, set()).add(nid)
    done = set(scenario.endings)
    queue = deque(done)
    while queue:
        for source in incoming.get(queue.popleft(), ()):
            if source not in done:
                done.add(source)
                queue.append(source)
    return done


def check_scenario(scenario: Scenario, frameworks: dict[str, Framework],
                   root: YNode) -> list[Problem]:
    file = scenario.source
    problems: list[Problem] = []

    def add(severity: Severity, line: int, col: int, message: str, hint: str = "") -> None:
        problems.append(Problem(file, line, col, severity, message, hint))

    targets = [*scenario.nodes, *scenario.endings]
    start_node = root.get("start")
    if start_node is not None and scenario.start not in scenario.nodes:
        add(Severity.ERROR, start_node.line, start_node.col,
            f"the start node '{scenario.start}' does not exist",
            suggest(scenario.start, list(scenario.nodes)) or "name one of the nodes")

    for node in scenario.nodes.values():
        for option in node.options:
            for branch in option.branches:
                if branch.target not in scenario.nodes and branch.target not in scenario.endings:
                    add(Severity.ERROR, branch.line, branch.col,
                        f"option {option.number} of node '{node.id}' leads to "
                        f"'{branch.target}', which does not exist",
                        suggest(branch.target, targets) or "name a node or an ending")
            problems.extend(_grade_problems(file, node.id, option, scenario, frameworks))
        if node.options and not any(o.grade == "best" for o in node.options):
            add(Severity.WARNING, node.line, node.col,
                f"node '{node.id}' has no option graded best",
                "give the learner at least one response to aim for")

    seen = reachable(scenario)
    if seen:
        for kind, places in (("node", scenario.nodes), ("ending", scenario.endings)):
            for place in places.values():
                if place.id not in seen:
                    add(Severity.WARNING, place.line, place.col,
                        f"{kind} '{place.id}' cannot be reached from the start",
                        "lead an option to it, or remove it")
        finishing = _can_finish(scenario)
        for node in scenario.nodes.values():
            if node.id in seen and node.id not in finishing:
                add(Severity.ERROR, node.line, node.col,
                    f"from node '{node.id}' there is no way to any ending",
                    "the learner would be stuck in a loop: lead one option towards an ending")
    problems.extend(_state_use_problems(scenario, root))
    problems.extend(rubric_problems(scenario, frameworks))
    return problems


def _grade_problems(file: str, node_id: str, option, scenario: Scenario,  # type: ignore[no-untyped-def]
                    frameworks: dict[str, Framework]) -> list[Problem]:
    """A grade that contradicts the codes is a writing error (DOMAIN.md section 6)."""
    found: list[Problem] = []
    where = f"option {option.number} of node '{node_id}'"
    for fid, labels in option.codes.items():
        framework = frameworks.get(fid)
        if framework is None:
            continue
        for label in labels:
            element = framework.elements.get(label)
            if element is None:
                continue
            against = element.adherence == "non_adherent" or (element.points < 0 and (
                framework.kind == "tags"))
            if against and option.grade == "best":
                found.append(Problem(
                    file, option.line, option.col, Severity.ERROR,
                    f"{where} is graded best but coded {element.name} "
                    f"({framework.short}), which works against the framework",
                    "grade it unhelpful or harmful, or recode it"))
            elif against and option.grade == "acceptable":
                found.append(Problem(
                    file, option.line, option.col, Severity.WARNING,
                    f"{where} is graded acceptable but coded {element.name} "
                    f"({framework.short})",
                    "check whether it is really unhelpful"))
            elif element.adherence == "adherent" and option.grade == "harmful":
                found.append(Problem(
                    file, option.line, option.col, Severity.WARNING,
                    f"{where} is graded harmful but coded {element.name}, an MI-adherent "
                    "behaviour", "check the grade or the code"))
    if option.colludes and option.grade in ("best", "acceptable"):
        found.append(Problem(
            file, option.line, option.col, Severity.ERROR,
            f"{where} is marked as colluding but graded {option.grade}",
            "collusion is unhelpful or harmful, however warm it sounds: grade it so, or "
            "remove 'colludes'"))
    return found


def _state_use_problems(scenario: Scenario, root: YNode) -> list[Problem]:
    """Variables that are never changed cannot make any difference to the route."""
    changed = {effect.variable for node in scenario.nodes.values()
               for option in node.options for effect in option.effects}
    state_node = root.get("state")
    problems: list[Problem] = []
    for vid in scenario.state:
        if vid not in changed and state_node is not None and vid in state_node.key_nodes:
            key = state_node.key_nodes[vid]
            problems.append(Problem(
                scenario.source, key.line, key.col, Severity.WARNING,
                f"the variable '{vid}' is never changed by any option",
                "add effects that change it, or remove it"))
    return problems
