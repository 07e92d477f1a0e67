"""The shape of a scenario file, declared once as data.

The same declaration checks files (unknown and missing keys, wrong types, all
located) and will generate the JSON Schema that editors use, so the two cannot
drift apart. Checking returns the located YNode tree unchanged; the builder in
`loader.py` reads values from it knowing their types are right.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .conditions import finite_number
from .errors import Problem, Severity, shorten
from .yaml_reader import YNode

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_ID = re.compile(ID_PATTERN)

Report = Callable[[YNode, str, str], None]


def _describe(node: YNode) -> str:
    if node.kind == "map":
        return "a set of keys"
    if node.kind == "seq":
        return "a list"
    value = node.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a yes/no word (YAML reads it as {str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    return f"'{shorten(value)}'"


def _describe_number(value: int | float) -> str:
    """A number too big to show whole: its first digits and how long it is."""
    if isinstance(value, float):
        return "not a finite number" if value != value or abs(value) == float("inf") \
            else "far too big a number"
    digits = len(str(abs(value))) if abs(value) < 10 ** 4000 else None
    return f"a number with {digits} digits" if digits else "a number with thousands of digits"


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A 'did you mean' hint, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


class Spec:
    """Base of the type declarations: check a node, describe it as JSON Schema."""

    doc: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _with_doc(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.doc:
            schema["description"] = self.doc
        return schema


@dataclass
class Text(Spec):
    doc: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "scalar" or not isinstance(node.value, str):
            if node.kind == "scalar" and isinstance(node.value, int | float) and not isinstance(
                node.value, bool
            ):
                node.value = str(node.value)  # "age: 9" style text written as a number is fine
                return True
            report(node, f"{where} should be text, but is {_describe(node)}",
                   "put the text in quotes if it looks like something else")
            return False
        if not node.value.strip():
            report(node, f"{where} is empty", "write something here or remove the key")
            return False
        return True

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "string", "minLength": 1})


@dataclass
class Scalar(Spec):
    """Any single value; the builder gives the precise message (e.g. for effects)."""

    doc: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "scalar" or node.value is None:
            report(node, f"{where} should be a single value, but is {_describe(node)}", self.doc)
            return False
        return True

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": ["number", "string"]})


@dataclass
class Identifier(Spec):
    doc: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "scalar" or not isinstance(node.value, str) or not _ID.match(node.value):
            report(node, f"{where} should be a short name in lower case "
                   "(letters, digits, '-' or '_'), but is "
                   f"{_describe(node) if node.kind != 'scalar' else repr(shorten(node.value))}",
                   "for example: opening-line")
            return False
        return True

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "string", "pattern": ID_PATTERN})


@dataclass
class Number(Spec):
    doc: str = ""
    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None

    def check(self, node: YNode, where: str, report: Report) -> bool:
        value = node.value
        ok = node.kind == "scalar" and isinstance(value, int | float) and not isinstance(
            value, bool)
        if ok and finite_number(value) is None:
            report(node, f"{where} is {_describe_number(value)}; use a number a person "
                   "would write, such as 3 or 7.5", "")
            return False
        if ok and self.integer and not float(value).is_integer():
            ok = False
        if not ok:
            kind = "a whole number" if self.integer else "a number"
            report(node, f"{where} should be {kind}, but is {_describe(node)}", "")
            return False
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            report(node, f"{where} is {value}, outside {self.minimum}..{self.maximum}", "")
            return False
        return True

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._with_doc(schema)


@dataclass
class Flag(Spec):
    doc: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "scalar" or not isinstance(node.value, bool):
            report(node, f"{where} should be true or false, but is {_describe(node)}", "")
            return False
        return True

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "boolean"})


@dataclass
class Choice(Spec):
    values: tuple[str, ...] = ()
    doc: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "scalar" or node.value not in self.values:
            shown = node.value if node.kind == "scalar" else _describe(node)
            hint = suggest(str(shown), self.values) or "use one of: " + ", ".join(self.values)
            report(node, f"{where} is '{shorten(shown)}', which is not one of the allowed "
                   "values", hint)
            return False
        return True

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"enum": list(self.values)})


@dataclass
class ListOf(Spec):
    item: Spec
    doc: str = ""
    min_items: int = 0
    scalar_ok: bool = False  # accept a single item written without a list
    noun: str = ""  # items are named "<noun> 2 of <owner>" rather than "item 2 of <list>"

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "seq":
            if self.scalar_ok and node.kind == "scalar":
                return self.item.check(node, where, report)
            report(node, f"{where} should be a list (lines starting with '- '), "
                   f"but is {_describe(node)}", "")
            return False
        if len(node.value) < self.min_items:
            report(node, f"{where} needs at least {self.min_items} item(s)", "")
            return False
        name = f"{self.noun} {{}} of {where}" if self.noun else f"item {{}} of {where}"
        return all([self.item.check(item, name.format(i), report)
                    for i, item in enumerate(node.value, 1)])

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.scalar_ok:
            return self._with_doc({"anyOf": [self.item.json_schema(), schema]})
        return self._with_doc(schema)


@dataclass
class MapOf(Spec):
    """A mapping from writer-chosen names (node ids, variable names) to values."""

    value: Spec
    doc: str = ""
    noun: str = "entry"
    min_items: int = 0

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "map":
            report(node, f"{where} should be a set of named entries, but is {_describe(node)}", "")
            return False
        if len(node.value) < self.min_items:
            report(node, f"{where} needs at least {self.min_items} {self.noun}(s)", "")
            return False
        ok = True
        for name, value in node.value.items():
            if not _ID.match(name):
                report(node.key_nodes[name], f"the {self.noun} name '{shorten(name)}' should "
                       "be lower case letters, digits, '-' or '_'", "for example: first-visit")
                ok = False
            ok = self.value.check(value, f"{self.noun} '{shorten(name)}'", report) and ok
        return ok

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
                  "additionalProperties": self.value.json_schema()}
        if self.min_items:
            schema["minProperties"] = self.min_items
        return self._with_doc(schema)


@dataclass
class Key:
    spec: Spec
    required: bool = False


@dataclass
class Record(Spec):
    keys: dict[str, Key] = field(default_factory=dict)
    doc: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        if node.kind != "map":
            report(node, f"{where} should be a set of keys, but is {_describe(node)}", "")
            return False
        ok = True
        for name, key_node in node.key_nodes.items():
            if name not in self.keys:
                hint = suggest(name, list(self.keys)) or (
                    "allowed keys: " + ", ".join(self.keys))
                report(key_node, f"{where} has an unknown key '{shorten(name)}'", hint)
                ok = False
        for name, key in self.keys.items():
            value = node.value.get(name)
            if value is None:
                if key.required:
                    report(node, f"{where} is missing '{name}'", key.spec.doc)
                    ok = False
                continue
            named_by_owner = isinstance(key.spec, ListOf) and key.spec.noun
            child = where if named_by_owner else f"'{name}' of {where}"
            ok = key.spec.check(value, child, report) and ok
        return ok

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({
            "type": "object",
            "properties": {name: key.spec.json_schema() for name, key in self.keys.items()},
            "required": [name for name, key in self.keys.items() if key.required],
            "additionalProperties": False,
        })


@dataclass
class AnyOf(Spec):
    """One of several shapes, told apart by the node's kind (scalar / list / map)."""

    by_kind: dict[str, Spec] = field(default_factory=dict)
    doc: str = ""
    expected: str = ""

    def check(self, node: YNode, where: str, report: Report) -> bool:
        spec = self.by_kind.get(node.kind)
        if spec is None:
            report(node, f"{where} should be {self.expected}, but is {_describe(node)}", "")
            return False
        return spec.check(node, where, report)

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"anyOf": [s.json_schema() for s in self.by_kind.values()]})


def check(spec: Spec, node: YNode, where: str, file: str) -> list[Problem]:
    problems: list[Problem] = []

    def report(at: YNode, message: str, hint: str) -> None:
        problems.append(Problem(file, at.line, at.col, Severity.ERROR, message, hint))

    spec.check(node, where, report)
    return problems
