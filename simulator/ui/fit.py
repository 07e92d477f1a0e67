"""How big the conversation's client panel may be: a pure rule, so it is tested
without a window.

At the Projector text size (24 pt) the panel wanted 456 px of width and a
320 px face on a 1366x768 screen: the name and meters were drawn over the
face and the responses were squeezed. The panel now takes at most 30% of the
page's width, and the face only the height left after the name, role, mood and
meters (never more than it asked for, never less than a thumbnail).
"""

from __future__ import annotations

MIN_PANEL = 250
MAX_PANEL_SHARE = 0.30
MIN_FACE, MAX_FACE = 72, 320


def panel_width(point_size: int, page_width: int) -> int:
    wanted = max(MIN_PANEL, point_size * 19)
    return max(MIN_PANEL, min(wanted, int(page_width * MAX_PANEL_SHARE)))


def face_size(point_size: int, width: int, height_left: int) -> int:
    """`height_left`: the panel's height less everything in it but the face."""
    wanted = max(160, min(MAX_FACE, point_size * 14))
    return max(MIN_FACE, min(wanted, width - 32, height_left))
