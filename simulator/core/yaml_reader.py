"""Read a YAML file into a tree of located nodes, safely.

Scenario files are data written by people who are not programmers, and may be
hostile. So this module:
- uses only the safe loader (the C one when present), never builds objects
  from tags, and refuses anchors/aliases (the root of "billion laughs" bombs);
- checks size, encoding and nesting depth *before* parsing, so a 50 MB file,
  binary junk or 10,000 levels of brackets fail in milliseconds with one
  located message instead of a traceback or a blown C stack;
- keeps the line and column of every key and value, so later checks can say
  exactly where a problem is.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, Severity, shorten
from .gcpause import gc_paused
from .safe_read import Unreadable, read_regular_file

try:  # the C loader is ~10x faster; fall back when libyaml is absent
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40

_NESTING_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_FOUND_LATE = ("found unexpected end of stream", "could not find expected ':'")
_NESTING_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)

# Plain-language hints for the YAML mistakes writers make most.
_SYNTAX_HINTS = (
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed",
     "text with ': ' in it must be in quotes; otherwise check this line's indentation"),
    ("could not find expected ':'", "a key is missing its ':' or a quote is not closed"),
    ("did not find expected key", "check the indentation of this line against the one above"),
    ("found undefined alias", "'*' starts an alias; put text that begins with '*' in quotes"),
    ("expected alphabetic or numeric character",
     "text that begins with '*' or '&' must be in quotes"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("expected a single document", "remove the '---' line: one scenario per file"),
    ("found duplicate anchor", "'&' starts an anchor; put text that begins with '&' in quotes"),
    ("exceeded maximum nesting depth",
     "a scenario needs only a few levels; check for runaway brackets or indentation"),
)


@dataclass(slots=True)
class YNode:
    """A YAML value with its position (1-based line and column)."""

    kind: str  # "map", "seq" or "scalar"
    value: Any  # dict[str, YNode] | list[YNode] | a plain scalar
    line: int
    col: int
    key_nodes: dict[str, YNode] = field(default_factory=dict)  # for maps: where each key is
    quoted: bool = False  # a quoted scalar: its text starts one column after `col`

    def get(self, key: str) -> YNode | None:
        return self.value.get(key) if self.kind == "map" else None

    def plain(self) -> Any:
        """The value as plain Python data (for data files we trust to be small)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._alias_reported = False
        self._constructor = yaml.SafeLoader("")  # only used to turn scalars into values

    def problem(self, line: int, col: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, line, col, Severity.ERROR, message, hint))

    def convert(self, node: yaml.Node) -> YNode | None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in self._seen:
            if not self._alias_reported:  # one message is enough; a bomb has thousands
                self._alias_reported = True
                self.problem(
                    line, col,
                    "anchors and aliases ('&' and '*') are not allowed in scenario files",
                    "write the text out in full where it is needed",
                )
            return None
        self._seen.add(id(node))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            self.problem(line, col, f"the tag '{node.tag}' is not allowed in scenario files",
                         "remove the '!' tag; scenario files hold plain text, numbers and lists")
            return None
        if isinstance(node, yaml.MappingNode):
            result = YNode("map", {}, line, col)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(
                        key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                        "merge keys ('<<') are not allowed in scenario files",
                        "write the keys out in full",
                    )
                    continue
                key = self.convert(key_node)
                value = self.convert(value_node)
                if key is None or value is None:
                    continue
                if key.kind != "scalar" or key.value is None:
                    self.problem(key.line, key.col, "a key must be a plain word")
                    continue
                name = str(key.value)
                if name in result.value:
                    first = result.key_nodes[name]
                    self.problem(
                        key.line, key.col,
                        f"'{shorten(name)}' appears twice here; the first is on line "
                        f"{first.line}",
                        "remove or rename one of them",
                    )
                    continue
                result.value[name] = value
                result.key_nodes[name] = key
            return result
        if isinstance(node, yaml.SequenceNode):
            items = [self.convert(item) for item in node.value]
            return YNode("seq", [i for i in items if i is not None], line, col)
        try:
            value = self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            self.problem(
                line, col,
                f"the tag '{node.tag}' is not allowed in scenario files",
                "remove the '!' tag; scenario files hold plain text, numbers and lists",
            )
            return None
        except ValueError as error:
            # Python refuses to turn 4,300+ digits into an int (CVE-2020-10735); a date
            # such as 2024-02-30 fails the same way.
            if "digits" in str(error):
                self.problem(line, col, "this number has thousands of digits",
                             "write a number a person would use, such as 3 or 7.5")
            else:
                self.problem(line, col, f"this value cannot be read ({error})",
                             "put it in quotes if it is meant as text")
            return None
        return YNode("scalar", value, line, col, quoted=node.style in ("'", '"'))


def _syntax_problem(file: str, error: yaml.YAMLError, source: str) -> Problem:
    # For an unclosed quote or a key without its ':', the scanner gives up far from the
    # mistake (at the end of the file, or lines later); what it was scanning starts at
    # the mistake. Elsewhere the problem mark is the closer one.
    problem_text = getattr(error, "problem", None) or ""
    from_context = problem_text in _FOUND_LATE and getattr(error, "context_mark", None)
    mark = (error.context_mark if from_context  # type: ignore[attr-defined]
            else getattr(error, "problem_mark", None) or getattr(error, "context_mark", None))
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    text = f"{getattr(error, 'context', '') or ''} {problem}"
    lines = source.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][: max(col, 1)]:
        text += " found character '\\t'"
    if "could not find expected ':'" in text:
        squeezed = _colon_without_space(lines, line)
        if squeezed is not None:
            return Problem(
                file, squeezed[0], squeezed[1], Severity.ERROR,
                f"YAML syntax: '{squeezed[2]}' needs a space after the ':'",
                f"write '{squeezed[2].replace(':', ': ', 1)}'")
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in text), "")
    return Problem(file, line, col, Severity.ERROR, f"YAML syntax: {problem}", hint)


_SQUEEZED_KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*:[^\s:/][^\s]*)")


def _colon_without_space(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """`grade:best` is one word to YAML, so the parser stumbles a line later; find the
    squeezed key on that line or the one above and point there instead."""
    for number in (line, line - 1):
        if 0 < number <= len(lines):
            match = _SQUEEZED_KEY.match(lines[number - 1])
            if match:
                return number, len(match.group(1)) + 1, match.group(2)
    return None


# Brackets, quoted strings and comments in raw YAML text, for counting flow depth
# without the scanner. A quote only opens a string where YAML would start a token.
_FLOW_TOKENS = re.compile(
    r"""(?:(?<=[\s\[{,:])|^)(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')|(?:(?<=\s)|^)#[^\n]*|[\[\]{}]""",
    re.MULTILINE,
)


def _too_deep(file: str, line: int, col: int) -> Problem:
    return Problem(
        file, line, col, Severity.ERROR,
        f"the file is nested more than {MAX_DEPTH} levels deep",
        "a scenario needs only a few levels; check for runaway brackets or indentation",
    )


def _flow_too_deep(file: str, text: str) -> Problem | None:
    """Count [ and { on the raw text. Newer PyYAML scanners (6.0.4 on) stop a deep
    flow collection with their own terse error before yielding a single token, so
    our token count never sees it; this finds the bracket that went past our limit."""
    depth = 0
    for match in _FLOW_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                return _too_deep(file, line, start - text.rfind("\n", 0, start))
        elif token in "]}":
            depth = max(depth - 1, 0)
    return None


def _check_depth(file: str, text: str) -> Problem | None:
    try:
        return _count_token_depth(file, text)
    except yaml.YAMLError:
        # The scanner may refuse deep nesting itself (PyYAML >= 6.0.4); say it our way.
        # Any other syntax error is reported by the parse that follows.
        return _flow_too_deep(file, text)


def _count_token_depth(file: str, text: str) -> Problem | None:
    depth = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, _NESTING_OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                mark = token.start_mark
                return _too_deep(file, mark.line + 1, mark.column + 1)
        elif isinstance(token, _NESTING_CLOSE):
            depth -= 1
    return None


def read_text(file: str, text: str) -> tuple[YNode | None, list[Problem]]:
    """Parse YAML text; return the located tree, or None and the problems."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(file, 1, 1, Severity.ERROR, "the file is empty",
                              "start from a copy of scenarios/_template.yaml")]
    try:
        deep = _check_depth(file, text)
        if deep:
            return None, [deep]
        with gc_paused():
            node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(file, error, text)]
    except RecursionError:  # pragma: no cover - the depth check should stop this first
        return None, [Problem(file, 1, 1, Severity.ERROR, "the file is nested too deeply")]
    if node is None:
        return None, [Problem(file, 1, 1, Severity.ERROR, "the file is empty")]
    reader = _Reader(file)
    with gc_paused():
        tree = reader.convert(node)
    return (None if reader.problems else tree), reader.problems


@dataclass(slots=True)
class ParsedFile:
    tree: YNode | None
    problems: list[Problem]
    digest: str = ""  # sha256 of the bytes read, to notice later edits


def read_file(path: str | Path, display_name: str | None = None) -> ParsedFile:
    """Read and parse a YAML file, refusing what is too big or not text."""
    name = display_name or str(path)
    try:
        data = read_regular_file(path, MAX_BYTES)
    except Unreadable as refused:
        return ParsedFile(None, [Problem(name, 0, 0, Severity.ERROR, refused.message,
                                         refused.hint)])
    if b"\x00" in data:
        return ParsedFile(None, [Problem(name, 1, 1, Severity.ERROR,
                                         "this is not a text file (it contains binary data)",
                                         "scenario files are plain text saved as UTF-8")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return ParsedFile(None, [Problem(name, line, col, Severity.ERROR,
                                         "this file is not UTF-8 text",
                                         "save it as UTF-8 in your editor")])
    tree, problems = read_text(name, text)
    return ParsedFile(tree, problems, hashlib.sha256(data).hexdigest())
