"""The builder's shared ground, and the parts that decide where a conversation goes.

Split from `loader` so each file keeps one job: here the located-problem plumbing
every part of the build uses, the tolerant readers of a YAML tree, and the rules for
branches, branch sets, conditions and debrief versions (which share the ordering
rule "tried top to bottom, the last one is the otherwise"). `loader._Builder`
builds the rest of the model on top of `FlowBuilder`.
"""

from __future__ import annotations

from .conditions import (
    Compare,
    Condition,
    ConditionSyntaxError,
    Operand,
    finite_number,
    never_holds,
    parse_condition,
)
from .errors import Problem, Severity
from .loader_constants import BUILTIN_NAMES
from .model import Branch, DebriefPart, StateVar
from .schema import suggest
from .yaml_reader import YNode


def _compare_text(compare: Compare) -> str:
    def side(operand: Operand) -> str:
        return operand.name if operand.name is not None else f"{operand.number:g}"

    return f"{side(compare.left)} {compare.op} {side(compare.right)}"


def _text(node: YNode | None, default: str = "") -> str:
    if node is None or node.kind != "scalar" or node.value is None:
        return default
    return " ".join(str(node.value).split()) if "\n" not in str(node.value) else str(
        node.value).strip()


def _get(node: YNode | None, key: str) -> YNode | None:
    return node.get(key) if node is not None else None


def _items(node: YNode | None) -> list[YNode]:
    if node is None:
        return []
    if node.kind == "seq":
        return list(node.value)
    return [node] if node.kind == "scalar" else []


def _entries(node: YNode | None) -> list[tuple[str, YNode]]:
    return list(node.value.items()) if node is not None and node.kind == "map" else []


def _number(node: YNode | None, default: float) -> float:
    if node is None or isinstance(node.value, bool) or not isinstance(node.value, int | float):
        return default
    number = finite_number(node.value)  # a 400-digit number is reported by the schema check
    return default if number is None else number


def _flag(node: YNode | None) -> bool:
    return node is not None and node.value is True


class FlowBuilder:
    """Problems collected with their place, and where each response leads."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.state: dict[str, StateVar] = {}  # read by conditions; filled by the builder
        self.branch_sets: dict[str, YNode] = {}
        self.used_sets: set[str] = set()

    def error(self, at: YNode, message: str, hint: str = "", col_offset: int = 0) -> None:
        self.problems.append(
            Problem(self.file, at.line, at.col + col_offset, Severity.ERROR, message, hint))

    def warning(self, at: YNode, message: str, hint: str = "", col_offset: int = 0) -> None:
        self.problems.append(
            Problem(self.file, at.line, at.col + col_offset, Severity.WARNING, message, hint))

    def branches(self, node: YNode | None, where: str) -> tuple[Branch, ...]:
        if node is None:
            return ()
        if node.kind == "scalar":
            return (Branch(_text(node), None, node.line, node.col),)
        # A 'use' item stands for its set's branches, so the ordering rules below apply
        # to the list the conversation really tries.
        items: list[tuple[YNode, str]] = []
        for index, item in enumerate(_items(node), 1):
            items += self.expand(item, f"branch {index} of {where}")
        result: list[Branch] = []
        for index, (item, name) in enumerate(items, 1):
            goto, cond_node = _get(item, "goto"), _get(item, "if")
            if goto is None:
                continue
            condition = None
            if cond_node is not None:
                condition = self.condition(cond_node, name)
            elif index < len(items):
                self.error(item, f"{name} has no 'if', so the branches after it can never "
                           "be taken", "put the branch without 'if' last")
            result.append(Branch(_text(goto), condition, goto.line, goto.col))
        if items and _get(items[-1][0], "if") is not None:
            self.error(items[-1][0], f"the last branch of {where} has an 'if'; when no "
                       "condition holds the conversation would have nowhere to go",
                       "add a last branch with only 'goto', for 'otherwise'")
        return tuple(result)

    def expand(self, item: YNode, name: str) -> list[tuple[YNode, str]]:
        """One branch as written, or the branches of the set it uses."""
        use = _get(item, "use")
        if use is None:
            if _get(item, "goto") is None and item.kind == "map":
                self.error(item, f"{name} has no 'goto'",
                           "add 'goto: NAME', or 'use: SET' for a branch set")
            return [(item, name)]
        if _get(item, "goto") is not None or _get(item, "if") is not None:
            self.error(item, f"{name} has 'use' with 'goto' or 'if'",
                       "a branch either uses a set or has its own 'goto', not both")
        set_name = _text(use)
        found = self.branch_sets.get(set_name)
        if found is None:
            self.error(use, f"{name} uses the branch set '{set_name}', which does not exist",
                       suggest(set_name, list(self.branch_sets))
                       or "add it under 'branch_sets' at the top level of the file")
            return []
        self.used_sets.add(set_name)
        # Named after the set, not the option: a mistake in a set used four times is
        # one problem, reported once.
        return [(branch, f"branch {i} of the branch set '{set_name}'")
                for i, branch in enumerate(_items(found), 1)]

    def unused_sets(self, root: YNode) -> None:
        sets = _get(root, "branch_sets")
        for name in self.branch_sets:
            if name not in self.used_sets and sets is not None:
                self.warning(sets.key_nodes[name], f"the branch set '{name}' is never used",
                             f"use it in an option's next: '- use: {name}', or remove it")

    def condition(self, node: YNode, where: str) -> Condition | None:
        text = _text(node)
        try:
            condition = parse_condition(text)
        except ConditionSyntaxError as error:
            self.error(node, f"the condition of {where} is not understood: {error}",
                       "e.g. 'arousal >= 7 and trust < 3'",
                       col_offset=error.offset + node.quoted)
            return None
        for name, offset in condition.names():
            if name not in self.state and name not in BUILTIN_NAMES:
                self.error(node, f"the condition of {where} uses '{name}', which is not a "
                           "state variable",
                           suggest(name, [*self.state, *BUILTIN_NAMES])
                           or "known: " + ", ".join([*self.state, *BUILTIN_NAMES]),
                           col_offset=offset + node.quoted)
        for compare in condition.comparisons():
            var = self.state.get(compare.left.name or compare.right.name or "")
            if var is not None and never_holds(compare, var.minimum, var.maximum):
                side = compare.left if compare.left.name else compare.right
                self.warning(node, f"the condition of {where} can never hold: {var.id} runs "
                             f"{var.minimum:g}..{var.maximum:g}, so "
                             f"'{_compare_text(compare)}' is never true",
                             "check the number, or the variable's min and max",
                             col_offset=side.offset + node.quoted)
        return condition

    def debriefs(self, node: YNode | None, eid: str) -> tuple[DebriefPart, ...]:
        """The versions of a debrief, with the same ordering rules as branches."""
        if node is None or node.kind != "seq":
            return ()
        items = _items(node)
        parts: list[DebriefPart] = []
        for index, item in enumerate(items, 1):
            name = f"version {index} of the debrief of ending '{eid}'"
            cond_node = _get(item, "if")
            condition = None
            if cond_node is not None:
                condition = self.condition(cond_node, name)
            elif index < len(items):
                self.error(item, f"{name} has no 'if', so the versions after it can never be "
                           "shown", "put the version without 'if' last")
            parts.append(DebriefPart(_text(_get(item, "text")), condition, item.line, item.col))
        if items and _get(items[-1], "if") is not None:
            self.error(items[-1], f"the last version of the debrief of ending '{eid}' has an "
                       "'if'; when no condition holds the learner would get no debrief",
                       "add a last version with only 'text', for 'otherwise'")
        return tuple(parts)

