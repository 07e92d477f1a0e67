"""Mutations of the bundled scenarios, for the fuzz test (`test_fuzz.py`).

Each mutator takes the file's bytes and a seeded `random.Random` and returns new
bytes, so a failure is reproduced from the seed and the mutation number alone.
The mutations are the ones an attacker (or a tired writer) produces: flipped
bytes, lost and doubled lines, runaway nesting, numbers too big for a float or
for PyYAML's int conversion, stray YAML syntax, and conditions built to blow the
parser's stack.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random], bytes]

_NUMBER = re.compile(rb"(?<=: )-?\d+(?:\.\d+)?(?=\s*$)", re.MULTILINE)
_CONDITION = re.compile(rb"(?P<key>\bif: )(?P<quote>[\"']?)(?P<cond>[^\n\"']+)(?P=quote)")
_VALUE = re.compile(rb"(?<=: )\S[^\n]*$", re.MULTILINE)
_TOKENS = (
    b"&a ", b"*a", b"!!python/object:os.system ", b"!tag ", b"<<: ", b"---\n", b"...\n",
    b"? ", b"- ", b": ", b"{", b"}", b"[", b"]", b"\"", b"'", b"|", b">", b"%YAML 1.1\n",
    b"\t", b"#", b",", b"!!binary ", b"!!int ", b"!!float ", b"~", b"null", b".inf", b".nan",
    b"1e400", b"0x" + b"f" * 40, b"0o777", b"2001-12-14", b"yes", b"\xed\xa0\x80", b"\r",
    b"\xef\xbb\xbf", b"\x1b[31m", b"<img src='x'>", b"\\u0000", b"=<", b"= 4", b"+1.5",
)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    del lines[start:start + rng.randint(1, 4)]
    return b"\n".join(lines)


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    chunk = lines[start:start + rng.randint(1, 6)]
    at = rng.randrange(len(lines)) if rng.random() < 0.5 else start
    lines[at:at] = chunk
    return b"\n".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def reindent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    shift = rng.choice((-4, -2, -1, 1, 2, 4))
    lines[at] = lines[at][-shift:] if shift < 0 else b" " * shift + lines[at]
    return b"\n".join(lines)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    """A value replaced by brackets or indented keys nested far too deep."""
    depth = rng.choice((30, 45, 100, 300, 2000))
    kind = rng.randrange(3)
    if kind == 0:
        nested = b"[" * depth + b"1" + b"]" * depth
    elif kind == 1:
        nested = b"{a: " * depth + b"1" + b"}" * depth
    else:
        nested = b"[" * depth  # never closed
    return _replace_value(data, rng, nested)


def huge_number(data: bytes, rng: random.Random) -> bytes:
    """A number with hundreds or thousands of digits where a number goes."""
    digits = rng.choice((20, 310, 400, 4301, 5000, 20000))
    sign = rng.choice((b"", b"-", b"+"))
    number = sign + b"9" * digits
    if rng.random() < 0.3:
        number += b"." + b"5" * rng.randint(1, 400)
    if rng.random() < 0.2:
        number = rng.choice((b"1e400", b"-1e400", b".inf", b"-.inf", b".nan", b"0x" + b"f" * 300,
                             b"0b" + b"1" * 5000, b"1_000" * 2000))
    matches = list(_NUMBER.finditer(data))
    if matches and rng.random() < 0.8:
        found = rng.choice(matches)
        return data[:found.start()] + number + data[found.end():]
    if rng.random() < 0.5:  # inside an effect written as text
        number = b'"= ' + number + b'"' if rng.random() < 0.5 else b'"+' + number + b'"'
    return _replace_value(data, rng, number)


def yaml_tokens(data: bytes, rng: random.Random) -> bytes:
    out = data
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(_TOKENS) + out[at:]
    return out


def _replace_condition(data: bytes, rng: random.Random,
                       make: Callable[[bytes], bytes]) -> bytes:
    matches = list(_CONDITION.finditer(data))
    if not matches:
        return yaml_tokens(data, rng)
    found = rng.choice(matches)
    new = b'if: "' + make(found["cond"]).replace(b'"', b"") + b'"'
    return data[:found.start()] + new + data[found.end():]


def repeated_not(data: bytes, rng: random.Random) -> bytes:
    count = rng.choice((2, 50, 300, 1000, 5000))
    return _replace_condition(data, rng, lambda cond: b"not " * count + cond)


def condition_brackets(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((1, 10, 100, 250, 1000, 5000))
    kind = rng.randrange(4)

    def make(cond: bytes) -> bytes:
        if kind == 0:
            return b"(" * depth + cond + b")" * depth
        if kind == 1:
            return b"(" * depth + cond  # unbalanced
        if kind == 2:
            return cond + b")" * depth
        return b"(not " * depth + cond + b")" * depth

    return _replace_condition(data, rng, make)


def condition_junk(data: bytes, rng: random.Random) -> bytes:
    """A condition with odd numbers and operators in it."""
    parts = (b"trust", b"arousal", b"turn", b"and", b"or", b"not", b"(", b")", b"<", b">=",
             b"==", b"=", b"!", b"9" * rng.choice((1, 400, 5000)), b"-1.5", b"1e9", b"__class__",
             b"import", b"os.system", b"'x'", b"\xc3\xa9", b"0.000001")
    return _replace_condition(
        data, rng, lambda cond: b" ".join(rng.choice(parts) for _ in range(rng.randint(1, 12))))


def replace_value(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice((b"~", b"null", b"true", b"false", b"[]", b"{}", b"[1, 2]", b"{a: 1}",
                        b"''", b'""', b"-1", b"0", b"1.5", b"-0.0", b"99", b"1e3", b"x" * 5000,
                        b"|\n  block", b"!!str 5", b"2001-12-14", b"2024-02-30", b"12:30:00",
                        b"0o17"))
    return _replace_value(data, rng, value)


def _replace_value(data: bytes, rng: random.Random, value: bytes) -> bytes:
    matches = list(_VALUE.finditer(data))
    if not matches:
        return data + b"\nx: " + value
    found = rng.choice(matches)
    return data[:found.start()] + value + data[found.end():]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data))]


def long_key(data: bytes, rng: random.Random) -> bytes:
    key = b"k" * rng.choice((10, 200, 5000)) + b": 1\n"
    lines = _lines(data)
    at = rng.randrange(len(lines))
    indent = len(lines[at]) - len(lines[at].lstrip(b" "))
    lines.insert(at, b" " * indent + key.rstrip(b"\n"))
    return b"\n".join(lines)


MUTATORS: tuple[Mutator, ...] = (
    flip_bytes, delete_lines, duplicate_lines, swap_lines, reindent, deep_nesting,
    huge_number, yaml_tokens, repeated_not, condition_brackets, condition_junk,
    replace_value, truncate, long_key,
)


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One to three mutations in a row; returns their names and the new bytes."""
    names: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutator = rng.choice(MUTATORS)
        names.append(mutator.__name__)
        data = mutator(data, rng) if data else data
    return "+".join(names), data
