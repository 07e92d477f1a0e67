"""The small, fixed grammar for branch conditions and state effects.

Scenario files are data, so a condition such as ``arousal >= 7 and trust < 3``
is parsed here into a tiny syntax tree and evaluated against the client's
state; nothing is ever handed to ``eval``. The grammar, in full:

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | "(" or ")" | comparison
    comparison := operand [("<" | "<=" | ">" | ">=" | "==" | "!=") operand]
    operand    := NAME | NUMBER          (a bare NAME means "is not zero")

An effect changes one state variable: a number (``2``, ``-1``, ``"+1.5"``)
adds to it; ``"= 4"`` sets it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\s*(?:(?P<number>-?\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|<|>)|(?P<paren>[()])|(?P<bad>\S))"
)
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_KEYWORDS = {"and", "or", "not"}
# How many 'not's and brackets may sit inside each other. Real conditions use two or
# three; the limit keeps a hostile file from exhausting Python's stack when the tree is
# parsed, evaluated or walked (each level is a few frames deep in each).
MAX_NESTING = 40
# The largest number a condition or an effect may hold: far beyond any state range, and
# small enough that arithmetic on it stays exact and finite.
MAX_NUMBER = 1e15


class ConditionSyntaxError(ValueError):
    """A condition that does not follow the grammar; `offset` is 0-based in the text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Operand:
    name: str | None
    number: float
    offset: int

    def value(self, state: Mapping[str, float]) -> float:
        return self.number if self.name is None else float(state.get(self.name, 0))


@dataclass(frozen=True, slots=True)
class Compare:
    left: Operand
    op: str
    right: Operand

    def evaluate(self, state: Mapping[str, float]) -> bool:
        return _COMPARE[self.op](self.left.value(state), self.right.value(state))


@dataclass(frozen=True, slots=True)
class Not:
    inner: Expr

    def evaluate(self, state: Mapping[str, float]) -> bool:
        return not self.inner.evaluate(state)


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and" | "or"
    parts: tuple[Expr, ...]

    def evaluate(self, state: Mapping[str, float]) -> bool:
        if self.op == "and":
            return all(p.evaluate(state) for p in self.parts)
        return any(p.evaluate(state) for p in self.parts)


Expr = Compare | Not | BoolOp


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition, keeping its source text for messages and reports."""

    text: str
    tree: Expr

    def evaluate(self, state: Mapping[str, float]) -> bool:
        return self.tree.evaluate(state)

    def comparisons(self) -> list[Compare]:
        """Every comparison in the condition, in the order written."""
        found: list[Compare] = []

        def walk(expr: Expr) -> None:
            if isinstance(expr, Compare):
                found.append(expr)
            elif isinstance(expr, Not):
                walk(expr.inner)
            else:
                for part in expr.parts:
                    walk(part)

        walk(self.tree)
        return found

    def names(self) -> list[tuple[str, int]]:
        """Every variable name used, with its offset in the text."""
        return [(side.name, side.offset) for compare in self.comparisons()
                for side in (compare.left, compare.right) if side.name is not None]


_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def never_holds(compare: Compare, low: float, high: float) -> bool:
    """A comparison of a variable that runs low..high with a number, that no value of
    the variable can make true (`trust >= 11` when trust runs 0..10)."""
    if compare.left.name is not None and compare.right.name is None:
        op, number = compare.op, compare.right.number
    elif compare.left.name is None and compare.right.name is not None:
        op, number = _FLIPPED[compare.op], compare.left.number
    else:
        return False
    return {
        ">=": number > high, ">": number >= high, "<=": number < low, "<": number <= low,
        "==": not low <= number <= high, "!=": False,
    }[op]


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        start = match.start(kind)
        word = match.group(kind)
        if kind == "bad":
            after = text[start + 1:start + 2]
            if word == "=" and after in ("<", ">"):
                meaning = "at least" if after == ">" else "at most"
                raise ConditionSyntaxError(f"'={after}' is not a comparison; for '{meaning}', "
                                           f"write '{after}='", start)
            advice = "; to compare, write '=='" if word == "=" else ""
            raise ConditionSyntaxError(f"'{word}' cannot be used in a condition{advice}", start)
        if kind == "name" and word in _KEYWORDS:
            kind = "keyword"
        tokens.append((kind, word, start))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise ConditionSyntaxError("the condition ends too early", len(self.text))
        self.pos += 1
        return token

    def parse(self) -> Expr:
        if not self.tokens:
            raise ConditionSyntaxError("the condition is empty", 0)
        expr = self.parse_bool("or", self.parse_and)
        extra = self.peek()
        if extra is not None:
            raise ConditionSyntaxError(
                f"unexpected '{extra[1]}'; join tests with 'and' or 'or'", extra[2]
            )
        return expr

    def parse_bool(self, word: str, inner: Callable[[], Expr]) -> Expr:
        parts = [inner()]
        while (token := self.peek()) is not None and token[:2] == ("keyword", word):
            self.take()
            parts.append(inner())
        return parts[0] if len(parts) == 1 else BoolOp(word, tuple(parts))

    def parse_and(self) -> Expr:
        return self.parse_bool("and", self.parse_not)

    def parse_not(self) -> Expr:
        token = self.peek()
        if token is not None and token[:2] in (("keyword", "not"), ("paren", "(")):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ConditionSyntaxError(
                    f"more than {MAX_NESTING} 'not's and brackets inside each other; "
                    "write the condition more simply", token[2])
            try:
                return self._parse_nested(token)
            finally:
                self.depth -= 1
        left = self.parse_operand()
        token = self.peek()
        if token is None or token[0] != "op":
            if left.name is None:
                raise ConditionSyntaxError("a number alone is not a test; compare it", left.offset)
            return Compare(left, "!=", Operand(None, 0.0, left.offset))
        self.take()
        return Compare(left, token[1], self.parse_operand())

    def _parse_nested(self, token: tuple[str, str, int]) -> Expr:
        self.take()
        if token[1] == "not":
            return Not(self.parse_not())
        inner = self.parse_bool("or", self.parse_and)
        closing = self.take()
        if closing[:2] != ("paren", ")"):
            raise ConditionSyntaxError("a '(' is not closed", closing[2])
        return inner

    def parse_operand(self) -> Operand:
        kind, word, offset = self.take()
        if kind == "number":
            number = float(word)
            if not abs(number) <= MAX_NUMBER:
                raise ConditionSyntaxError(
                    f"the number {_shorten(word)} is too big for a condition", offset)
            return Operand(None, number, offset)
        if kind == "name":
            return Operand(word, 0.0, offset)
        raise ConditionSyntaxError(f"expected a variable or a number, found '{word}'", offset)


def parse_condition(text: str) -> Condition:
    """Parse a condition, raising ConditionSyntaxError with the offset of the mistake."""
    return Condition(text, _Parser(text).parse())


@dataclass(frozen=True, slots=True)
class Effect:
    """A change to one state variable: add `amount`, or set it to `amount`."""

    variable: str
    amount: float
    sets: bool = False

    def apply(self, current: float) -> float:
        return self.amount if self.sets else current + self.amount


_EFFECT = re.compile(r"^\s*(?P<set>=)?\s*(?P<num>[+-]?\d+(?:\.\d+)?)\s*$")
_EFFECT_ADVICE = "use a number such as 2 or -1, or '= 5' to set a value"


def _shorten(word: str, limit: int = 12) -> str:
    """A number as long as a page is quoted by its first digits and its length."""
    return word if len(word) <= limit else f"{word[:limit]}... ({len(word)} digits)"


def finite_number(value: int | float) -> float | None:
    """`value` as a float when it is a sensible scenario number, else None (too big to
    convert, infinite or not a number)."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if abs(number) <= MAX_NUMBER else None


def parse_effect(variable: str, value: object) -> Effect:
    """Turn one `variable: value` pair from a file into an Effect, or raise ValueError."""
    if isinstance(value, bool):
        raise ValueError(_EFFECT_ADVICE)
    sets = False
    if isinstance(value, int | float):
        number = finite_number(value)
    elif isinstance(value, str) and (match := _EFFECT.match(value)):
        number, sets = finite_number(float(match["num"])), bool(match["set"])
    else:
        raise ValueError(_EFFECT_ADVICE)
    if number is None:
        raise ValueError(f"the number is too big; {_EFFECT_ADVICE}")
    return Effect(variable, number, sets=sets)
