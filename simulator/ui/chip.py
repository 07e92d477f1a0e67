"""A labelled code on a response ("MI: Complex reflection"), as plain data.

Its own small module so the widgets that draw chips do not import the core.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Chip:
    framework: str
    text: str
    tooltip: str  # rich text
    tone: str  # good / neutral / bad / info / warn
