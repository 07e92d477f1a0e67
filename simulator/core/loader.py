"""Turn a scenario file into a `Scenario`, collecting every problem on the way.

Order of work: read the YAML safely (`yaml_reader`), check its shape against
the declaration (`scenario_spec`), then build the model while checking what
only the content can tell (speakers, codes, effects, conditions), and finally
check the graph and the pedagogy (`validation`). Building is tolerant: a part
with a shape error is skipped rather than stopping the build, so one run
reports everything the writer has to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .conditions import (
    Effect,
    parse_effect,
)
from .errors import Problem, ScenarioError, Severity
from .frameworks import Framework, builtin_frameworks
from .gcpause import gc_paused
from .loader_constants import REQUIRED_STATE
from .loader_flow import FlowBuilder, _entries, _flag, _get, _items, _number, _text
from .model import (
    AVATARS,
    CLIENT,
    Ending,
    Line,
    Node,
    Option,
    Person,
    Scenario,
    StateVar,
)
from .placeholders import placeholder_problems
from .scenario_spec import SCENARIO
from .schema import check, suggest
from .yaml_reader import YNode, read_file


@dataclass
class LoadResult:
    """A validated scenario (None when it has errors) and every problem found."""

    path: str
    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class _Builder(FlowBuilder):
    def __init__(self, file: str, frameworks: dict[str, Framework]) -> None:
        super().__init__(file)
        self.frameworks = frameworks
        self.scored: tuple[str, ...] = ()
        self.people: dict[str, Person] = {}

    # -- parts -------------------------------------------------------------------------
    def person(self, pid: str, node: YNode) -> Person:
        age = _get(node, "age")
        avatar = _text(_get(node, "avatar"), "adult")
        return Person(
            id=pid,
            name=_text(_get(node, "name"), pid),
            role=_text(_get(node, "role")),
            age=int(age.value) if age is not None and isinstance(age.value, int) else None,
            avatar=avatar if avatar in AVATARS else "adult",
            background=_text(_get(node, "background")),
        )

    def state_vars(self, node: YNode | None) -> dict[str, StateVar]:
        found: dict[str, StateVar] = {}
        for vid, spec in _entries(node):
            low = _number(_get(spec, "min"), 0.0)
            high = _number(_get(spec, "max"), 10.0)
            start = _number(_get(spec, "start"), low)
            if low >= high:
                self.error(spec, f"variable '{vid}' has min {low:g} not below max {high:g}")
                continue
            if not low <= start <= high:
                self.error(_get(spec, "start") or spec,
                           f"variable '{vid}' starts at {start:g}, outside {low:g}..{high:g}")
            found[vid] = StateVar(vid, _text(_get(spec, "label"), vid.replace("_", " ").title()),
                                  low, high, min(high, max(low, start)),
                                  _text(_get(spec, "description")),
                                  hidden=_flag(_get(spec, "hidden")))
        if node is not None and node.kind == "map":
            for needed in REQUIRED_STATE:
                if needed not in found and needed not in node.value:
                    self.error(node, f"the state has no '{needed}' variable",
                               f"every scenario tracks trust and arousal, e.g. {needed}: "
                               "{start: 5}")
        return found

    def speaker(self, node: YNode | None) -> str:
        speaker = _text(node, CLIENT)
        if node is not None and speaker != CLIENT and speaker not in self.people:
            hint = suggest(speaker, [CLIENT, *self.people]) or (
                "use 'client' or add this person under 'people'")
            self.error(node, f"the speaker '{speaker}' is not the client or one of 'people'",
                       hint)
        return speaker

    def lines(self, node: YNode, where: str) -> tuple[Line, ...]:
        says, many = _get(node, "says"), _get(node, "lines")
        if says is not None and many is not None:
            self.error(node, f"{where} has both 'says' and 'lines'",
                       "use 'says' for one speaker or 'lines' for several, not both")
        if many is not None:
            return tuple(
                Line(self.speaker(_get(item, "speaker")), _text(_get(item, "says")),
                     _text(_get(item, "cue")))
                for item in _items(many)
            )
        if says is not None:
            return (Line(self.speaker(_get(node, "speaker")), _text(says),
                         _text(_get(node, "cue"))),)
        return ()

    def codes(self, node: YNode | None, where: str, option: YNode) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for fid, labels_node in _entries(node):
            framework = self.frameworks.get(fid)
            key_node = node.key_nodes[fid] if node is not None else option
            if framework is None:
                self.error(key_node, f"{where} uses codes of an unknown framework '{fid}'",
                           suggest(fid, list(self.frameworks))
                           or "known: " + ", ".join(self.frameworks))
                continue
            if fid not in self.scored:
                self.warning(key_node, f"{where} has {framework.short} codes, but the scenario "
                             f"is not scored on {framework.short}",
                             f"add '{fid}' to frameworks, or remove these codes")
            labels: list[str] = []
            for item in _items(labels_node):
                label = _text(item)
                if label not in framework.elements:
                    self.error(item,
                               f"{where}: '{label}' is not one of the {framework.short} codes",
                               suggest(label, list(framework.elements))
                               or "use one of: " + ", ".join(framework.elements))
                    continue
                labels.append(label)
            if framework.kind == "timing" and len(labels) > 1:
                self.error(labels_node, f"{where} has {len(labels)} {framework.short} codes; "
                           "give it exactly one", "pick the step it performs")
            elif framework.kind == "code":
                self.second_code(framework, labels, labels_node, where)
            found[fid] = tuple(labels)
        for fid in self.scored:
            framework = self.frameworks.get(fid)
            if framework is not None and framework.kind == "code" and fid not in found:
                self.error(node or option, f"{where} has no {framework.short} code",
                           f"{framework.short} codes every response: add e.g. "
                           f"'{fid}: {next(iter(framework.elements))}' under codes")
        return found

    def second_code(self, framework: Framework, labels: list[str], at: YNode,
                    where: str) -> None:
        """MITI double-codes a turn that does two different things (a summary that also
        stresses the client's choice): a second code is allowed, a third is not, and the
        two must be of different kinds, or one of them adds nothing."""
        if len(labels) > 2:
            self.error(at, f"{where} has {len(labels)} {framework.short} codes; give it one, "
                       "or two when it does two different things",
                       "put the main code first, e.g. [CR, Emphasize]")
        elif len(labels) == 2:
            first, second = (framework.elements[label] for label in labels)
            if first.counts_as == second.counts_as:
                self.error(at, f"{where} has two {framework.short} codes of the same kind "
                           f"({first.id} and {second.id})",
                           "keep the one that fits best; a second code must be a different "
                           "behaviour, e.g. [CR, Emphasize]")

    def effects(self, node: YNode | None, where: str) -> tuple[Effect, ...]:
        found: list[Effect] = []
        for vid, value in _entries(node):
            key_node = node.key_nodes[vid] if node is not None else value
            var = self.state.get(vid)
            if var is None:
                self.error(key_node, f"{where} changes '{vid}', which is not a state variable",
                           suggest(vid, list(self.state))
                           or "declare it under 'state' first")
                continue
            try:
                effect = parse_effect(vid, value.value)
            except ValueError as error:
                self.error(value, f"{where}: the change to '{vid}' is not understood", str(error))
                continue
            span = var.maximum - var.minimum
            if effect.sets and not var.minimum <= effect.amount <= var.maximum:
                self.error(value, f"{where} sets {vid} to {effect.amount:g}, outside its range "
                           f"{var.minimum:g}..{var.maximum:g}")
            elif not effect.sets and abs(effect.amount) > span:
                self.error(value, f"{where} changes {vid} by {effect.amount:g}, more than its "
                           f"whole range {var.minimum:g}..{var.maximum:g}",
                           "a change of 1 to 3 is usual")
            found.append(effect)
        return tuple(found)

    def option(self, number: int, node: YNode, node_id: str) -> Option:
        where = f"option {number} of node '{node_id}'"
        return Option(
            number=number,
            text=_text(_get(node, "text")),
            grade=_text(_get(node, "grade"), "acceptable"),
            codes=MappingProxyType(self.codes(_get(node, "codes"), where, node)),
            effects=self.effects(_get(node, "effects"), where),
            explain=_text(_get(node, "explain")),
            branches=self.branches(_get(node, "next"), where),
            line=node.line,
            col=node.col,
            colludes=_flag(_get(node, "colludes")),
            keep_place=_flag(_get(node, "keep_place")),
            safety=_text(_get(node, "safety_failure")),
        )

    def node(self, nid: str, node: YNode) -> Node:
        where = f"node '{nid}'"
        lines = self.lines(node, where)
        if not lines:
            self.error(node, f"{where} has nobody speaking",
                       "add 'says: ...', or 'lines' for several speakers")
        expression = _get(node, "expression")
        rupture = _get(node, "rupture")
        return Node(
            id=nid,
            lines=lines,
            options=tuple(self.option(i, opt, nid)
                          for i, opt in enumerate(_items(_get(node, "options")), 1)
                          if opt.kind == "map"),
            expression=_text(expression) or None,
            rupture=_flag(rupture),
            line=node.line,
            col=node.col,
        )

    def ending(self, eid: str, node: YNode) -> Ending:
        says = _get(node, "says")
        lines = (Line(CLIENT, _text(says), _text(_get(node, "cue"))),) if says else ()
        debriefs = self.debriefs(_get(node, "debrief"), eid)
        return Ending(
            id=eid,
            title=_text(_get(node, "title"), eid),
            outcome=_text(_get(node, "outcome"), "partial"),
            debrief=debriefs[-1].text if debriefs else _text(_get(node, "debrief")),
            lines=lines,
            expression=_text(_get(node, "expression")) or None,
            line=node.line,
            col=node.col,
            debriefs=debriefs,
        )

    def scenario(self, root: YNode, digest: str) -> Scenario:
        listed = [_text(item) for item in _items(_get(root, "frameworks"))]
        for item in _items(_get(root, "frameworks")):
            if _text(item) not in self.frameworks:
                self.error(item, f"'{_text(item)}' is not a framework Rapport knows",
                           suggest(_text(item), list(self.frameworks))
                           or "known: " + ", ".join(self.frameworks))
        self.scored = tuple(f for f in listed if f in self.frameworks)
        self.state = self.state_vars(_get(root, "state"))
        self.people = {pid: self.person(pid, spec) for pid, spec in _entries(_get(root, "people"))}
        client_node = _get(root, "client")
        self.branch_sets = dict(_entries(_get(root, "branch_sets")))
        nodes = {nid: self.node(nid, spec) for nid, spec in _entries(_get(root, "nodes"))}
        endings = {eid: self.ending(eid, spec) for eid, spec in _entries(_get(root, "endings"))}
        self.unused_sets(root)
        for eid, spec in _entries(_get(root, "endings")):
            if eid in nodes:
                self.error(spec, f"'{eid}' is both a node and an ending",
                           "give the ending another name")
        minutes = _get(root, "minutes")
        return Scenario(
            id=_text(_get(root, "id"), Path(self.file).stem),
            title=_text(_get(root, "title"), Path(self.file).stem),
            summary=_text(_get(root, "summary")),
            setting=_text(_get(root, "setting"), "other"),
            difficulty=_text(_get(root, "difficulty"), "intermediate"),
            frameworks=self.scored,
            resistance=tuple(_text(i) for i in _items(_get(root, "resistance"))),
            client=self.person(CLIENT, client_node) if client_node else Person(CLIENT, "Client"),
            people=MappingProxyType(self.people),
            briefing=_text(_get(root, "briefing")),
            objectives=tuple(_text(i) for i in _items(_get(root, "objectives"))),
            content_notes=tuple(_text(i) for i in _items(_get(root, "content_notes"))),
            state=MappingProxyType(self.state),
            start=_text(_get(root, "start")),
            nodes=MappingProxyType(nodes),
            endings=MappingProxyType(endings),
            minutes=int(minutes.value) if minutes is not None and isinstance(
                minutes.value, int) else max(5, 2 * len(nodes) // 3),
            source=self.file,
            digest=digest,
        )


def build(root: YNode, file: str, digest: str = "",
          frameworks: dict[str, Framework] | None = None,
          pedagogy: bool = True) -> tuple[Scenario | None, list[Problem]]:
    """Check and build a scenario from a parsed tree; the model is None on errors.

    `pedagogy` adds the lint warnings, which play the scenario (a second or so for
    a large one): wanted when writing and validating, not when loading to play.
    """
    from .validation import check_scenario  # local: validation imports the model only

    if root.kind != "map":
        return None, [Problem(file, root.line, root.col, Severity.ERROR,
                              "a scenario file should be a set of keys (id, title, nodes...)",
                              "start from a copy of scenarios/_template.yaml")]
    # The collector is paused for the whole check, not only for building the model:
    # the schema and graph checks allocate steadily on top of a large live tree, and
    # the collector re-walking that tree tripled the time at 4,000+ nodes.
    with gc_paused():
        problems = check(SCENARIO, root, "the scenario", file)
        problems += placeholder_problems(root, file)
        builder = _Builder(file, frameworks if frameworks is not None else builtin_frameworks())
        scenario = builder.scenario(root, digest)
        problems += dict.fromkeys(builder.problems)  # a shared branch set's mistake, once
        problems += check_scenario(scenario, builder.frameworks, root)
    has_errors = any(p.is_error for p in problems)
    if pedagogy and not has_errors:
        from .lint import lint  # local: lint plays the scenario with the engine

        problems += lint(scenario, builder.frameworks, root)
    problems.sort(key=lambda p: (p.line, p.col, p.severity != Severity.ERROR))
    return (None if has_errors else scenario), problems


def validate_file(path: str | Path, display_name: str | None = None, *,
                  pedagogy: bool = True) -> LoadResult:
    """Load and check one scenario file; never raises for anything in the file."""
    name = display_name or str(path)
    parsed = read_file(path, name)
    if parsed.tree is None:
        return LoadResult(name, None, parsed.problems)
    scenario, problems = build(parsed.tree, name, parsed.digest, pedagogy=pedagogy)
    return LoadResult(name, scenario, problems)


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario for playing; raise ScenarioError listing every error."""
    result = validate_file(path, pedagogy=False)
    if result.scenario is None:
        raise ScenarioError(result.problems)
    return result.scenario


def scenario_files(paths: list[str | Path]) -> list[Path]:
    """Expand folders to the scenario files in them (sorted); files are kept as given."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Files starting with '_' (the template) or '.' are not scenarios to play.
            found += sorted(p for p in path.glob("*") if p.suffix in (".yaml", ".yml")
                            and p.is_file() and not p.name.startswith(("_", ".")))
        else:
            found.append(path)
    return found


