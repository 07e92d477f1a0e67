"""Compose a client's face from a head and an expression, in the client's own
colours.

Heads and expressions are separate SVG files, so every head goes with every
expression. A kind may have more than one head ("girl", "girl-2"): the name
picks one. `child` and `teen` leave the hairstyle to chance; `girl` and
`teen_girl` have long or tied-back hair, `boy` and `teen_boy` short hair. The
drawings use fixed placeholder colours; a stable hash of the client's name
picks the skin tone, hair and clothes, so the same client always looks the
same and a class sees a range of people.
"""

from __future__ import annotations

import re
import zlib
from functools import cache

from simulator.core.looks import AVATARS, EXPRESSIONS

from . import resources

# Placeholder colours used in the SVG files (upper case, so they stand out).
SKIN, SKIN_SHADE, HAIR, CLOTHES, BACKDROP = "#E0AC69", "#C68E4F", "#4A3123", "#5B7DB1", "#E8EEF5"
FACE_MARK = "<!--face-->"

SKIN_TONES = ("#8D5524", "#A86B3C", "#C68642", "#E0AC69", "#F1C27D", "#FFDBAC")
HAIR_COLOURS = ("#1F1A17", "#3B2A20", "#5A3A22", "#8A5A2B", "#B5782F", "#2B2B2B")
GREY_HAIR = ("#C9C9C9", "#DADADA", "#B3B3B3")
CLOTHES_COLOURS = ("#5B7DB1", "#6A9C89", "#B5776B", "#8E7CB5", "#C29A4B", "#5E8DA6")
BACKDROPS = ("#E6EEF6", "#EAF2EC", "#F4ECE6", "#EEEAF5")

_INNER = re.compile(r"<svg[^>]*>(.*)</svg>", re.S)


def _pick(seed: str, salt: str, choices: tuple[str, ...]) -> str:
    return choices[zlib.crc32(f"{salt}:{seed}".encode()) % len(choices)]


def _shade(colour: str, factor: float) -> str:
    value = int(colour[1:], 16)
    r, g, b = (value >> 16) & 255, (value >> 8) & 255, value & 255
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, int(c * factor))) for c in (r, g, b)))


def palette(seed: str, kind: str) -> dict[str, str]:
    """The colours of one person; the same seed always gives the same colours."""
    skin = _pick(seed, "skin", SKIN_TONES)
    older = kind.startswith("older")
    return {
        SKIN: skin,
        SKIN_SHADE: _shade(skin, 0.82),
        HAIR: _pick(seed, "grey", GREY_HAIR) if older else _pick(seed, "hair", HAIR_COLOURS),
        CLOTHES: _pick(seed, "clothes", CLOTHES_COLOURS),
        BACKDROP: _pick(seed, "backdrop", BACKDROPS),
    }


@cache
def face_svg(kind: str, expression: str, seed: str) -> bytes:
    """The finished SVG for one person showing one expression."""
    kind = kind if kind in AVATARS else "adult"
    expression = expression if expression in EXPRESSIONS else "calm"
    variants = resources.avatar_heads(kind) or (kind,)
    head = resources.avatar_head(_pick(seed, "head", variants))
    match = _INNER.search(resources.avatar_face(expression))
    features = match.group(1) if match else ""
    svg = head.replace(FACE_MARK, features)
    for placeholder, colour in palette(seed, kind).items():
        svg = svg.replace(placeholder, colour)
    return svg.encode("utf-8")
