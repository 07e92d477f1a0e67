"""The scenario map as a standalone SVG 1.1 file, drawn with no Qt and no network.

`graph --svg` gives writers the studio's picture of a scenario where the
studio cannot run (a server, CI, a machine without a screen) and a map they can
open in a browser, Inkscape or LibreOffice instead of a Mermaid website. It
draws the core's layered layout with the studio's look: boxes with the node id
and the first words said, endings coloured by outcome, arrows coloured by grade
and dashed under a condition, a key at the top. Every piece of scenario text is
cleaned and escaped, because a scenario file is data that may be hostile; boxes
hold a few wrapped lines and the full text is in a tooltip (`<title>`).
Colours and words are kept here rather than read from the studio's palette,
since the core imports no Qt; `tests/ui` checks the two tables agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import text_fit
from .errors import RapportError
from .layout import Edge, Layout, layout
from .model import OUTCOMES, Scenario

BOX_W = 210.0  # the studio's box, so a map reads the same in both
BOX_H = 88.0
GAP_X = 160.0  # wider than the studio's 120: conditions are written on the arrows here
GAP_Y = 44.0
BADGE_R = 8.0
ARROW = 9.0
MARGIN = 40.0
TIP_LIMIT = 600  # characters of a tooltip; a hostile line cannot swell the file
FONTS = "'DejaVu Sans', Arial, Helvetica, 'Liberation Sans', sans-serif"  # widest first

GRADE_COLOURS = {"best": "#2e7d32", "acceptable": "#1565c0", "unhelpful": "#a15c00",
                 "harmful": "#c62828"}
UNKNOWN_GRADE = "#555555"
OUTCOME_COLOURS = {  # (border, fill)
    "engaged": ("#2e7d32", "#e2f2e3"),
    "partial": ("#a15c00", "#fcefd6"),
    "disengaged": ("#616161", "#ececec"),
    "escalated": ("#c62828", "#fbe2e2"),
    "colluded": ("#6d4c41", "#efe5df"),
}
UNKNOWN_OUTCOME = ("#616161", "#ececec")
OUTCOME_WORDS = {"engaged": "engaged", "partial": "partly engaged", "disengaged": "disengaged",
                 "escalated": "escalated", "colluded": "colluded"}
NODE_BORDER = "#7d838c"
NODE_FILL = "#ffffff"
START_BORDER = "#263238"
BACKGROUND = "#f4f5f7"
TEXT = "#1f2328"
MUTED_TEXT = "#57606a"

Point = tuple[float, float]


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _tip(text: str) -> str:
    cut = text if len(text) <= TIP_LIMIT else text[:TIP_LIMIT] + text_fit.ELLIPSIS
    return f"<title>{escape(text_fit.clean(cut, TIP_LIMIT + 1))}</title>"


def _text(x: float, y: float, size: float, content: str, fill: str, bold: bool = False,
          anchor: str = "") -> str:
    """One line of text with its baseline at `y`; `content` is escaped here."""
    weight = ' font-weight="bold"' if bold else ""
    align = f' text-anchor="{anchor}"' if anchor else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}"{weight}{align} '
            f'fill="{fill}">{escape(text_fit.clean(content))}</text>')


@dataclass(frozen=True, slots=True)
class Curve:
    """A cubic Bézier arrow, as the studio draws it."""

    start: Point
    c1: Point
    c2: Point
    end: Point

    def at(self, t: float) -> Point:
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        return (a * self.start[0] + b * self.c1[0] + c * self.c2[0] + d * self.end[0],
                a * self.start[1] + b * self.c1[1] + c * self.c2[1] + d * self.end[1])

    def data(self) -> str:
        return "M{} {}C{} {} {} {} {} {}".format(*map(_f, (*self.start, *self.c1, *self.c2,
                                                            *self.end)))


def _curve(start: Point, end: Point, source: Point, target: Point, columns: int) -> Curve:
    """The arrow from `start` to `end` between boxes whose top-left corners are `source`
    and `target`; `columns` is how many columns it moves right (<= 0: back)."""
    (sx, sy), (ex, ey) = start, end
    if source == target:  # a loop back to the same node: over its top
        top = (source[0] + BOX_W - 30, source[1])
        return Curve(start, (sx + 70, sy), (top[0] + 40, top[1] - 70), top)
    if columns > 0:
        pull = max(50.0, (ex - sx) * 0.45)
        return Curve(start, (sx + pull, sy), (ex - pull, ey), end)
    if columns == 0:  # same column: a short hook into the target's nearer edge
        below = target[1] > source[1]
        edge = (target[0] + BOX_W / 2 + 40, target[1] if below else target[1] + BOX_H)
        return Curve(start, (sx + 70, sy), (edge[0], edge[1] + (-50 if below else 50)), edge)
    drop = BOX_H + GAP_Y * 0.9  # back to an earlier column: loop under the rows
    return Curve(start, (sx + 140, sy + drop), (ex - 140, ey + drop), end)


def _ports(scenario: Scenario, placed: Layout) -> tuple[dict[tuple[str, int], Point],
                                                        dict[int, Point]]:
    """Where each arrow leaves (one port per option) and arrives (spread along the left):
    the studio's rule, so arrows meet the boxes in the same places."""
    out: dict[tuple[str, int], Point] = {}
    for nid, node in scenario.nodes.items():
        box = placed.nodes[nid]
        for index, option in enumerate(node.options):
            out[nid, option.number] = (box.x + BOX_W,
                                       box.y + BOX_H * (index + 1) / (len(node.options) + 1))
    incoming: dict[str, list[tuple[int, Edge]]] = defaultdict(list)
    for index, edge in enumerate(placed.edges):
        if edge.target in placed.nodes and edge.target != edge.source:
            incoming[edge.target].append((index, edge))
    into: dict[int, Point] = {}  # keyed by the edge's index in placed.edges
    for target, edges in incoming.items():
        box = placed.nodes[target]
        edges.sort(key=lambda pair: (placed.nodes[pair[1].source].y, pair[1].option))
        step = BOX_H * 0.8 / (len(edges) + 1)
        for index, (key, _edge) in enumerate(edges):
            into[key] = (box.x, box.y + BOX_H * 0.1 + step * (index + 1))
    return out, into


def _said(scenario: Scenario, node_id: str) -> str:
    node = scenario.nodes[node_id]
    if not node.lines:
        return ""
    first = node.lines[0]
    who = "" if first.speaker == "client" else f"{scenario.speaker_name(first.speaker)}: "
    return who + first.text


def _box(scenario: Scenario, node_id: str, x: float, y: float) -> list[str]:
    """A node or ending: a rounded box with its id and what is said (or the title)."""
    room = BOX_W - 20
    ending = scenario.endings.get(node_id)
    lines: list[tuple[str, float, bool, str]]  # text, size, bold, colour
    if ending is not None:
        border, fill = OUTCOME_COLOURS.get(ending.outcome, UNKNOWN_OUTCOME)
        word = OUTCOME_WORDS.get(ending.outcome, ending.outcome)
        kind, radius, stroke, left = "ending", 20, "2.5", 14.0
        tip = f"Ending '{node_id}': {ending.title} ({word})"
        lines = [(text_fit.elide_right(f"ENDING · {word.upper()}", 10, True, room - 8), 10,
                  True, border)]
        lines += [(line, 13, True, TEXT)
                  for line in text_fit.wrap(ending.title, 13, True, room - 8, 2)]
        lines.append((text_fit.elide_right(text_fit.clean(node_id), 11, False, room - 8), 11,
                      False, MUTED_TEXT))
    else:
        start = node_id == scenario.start
        kind = "node start" if start else "node"
        border, fill = (START_BORDER if start else NODE_BORDER), NODE_FILL
        radius, stroke, left = 8, ("2.2" if start else "1.2"), 10.0
        said = _said(scenario, node_id)
        tip = f"{node_id}: {said}"
        lines = [(text_fit.elide_middle(text_fit.clean(node_id), 13, True, room), 13, True,
                  TEXT)]
        lines += [(line, 12, False, MUTED_TEXT) for line in text_fit.wrap(said, 12, False,
                                                                          room, 3)]
    parts = [f'<g class="{kind}" transform="translate({_f(x)},{_f(y)})">', _tip(tip),
             f'<rect width="{_f(BOX_W)}" height="{_f(BOX_H)}" rx="{radius}" fill="{fill}" '
             f'stroke="{border}" stroke-width="{stroke}"/>']
    if kind == "node start":
        parts.append(f'<rect y="-20" width="50" height="16" rx="4" fill="{START_BORDER}"/>')
        parts.append(_text(25, -8.3, 10, "START", "#ffffff", bold=True, anchor="middle"))
    top = 8.0
    for content, size, bold, colour in lines:
        parts.append(_text(left, top + size * text_fit.ASCENT, size, content, colour, bold))
        top += size * text_fit.LINE_HEIGHT + (3 if bold and size >= 13 else 0)
    parts.append("</g>")
    return parts


def _arrow(scenario: Scenario, edge: Edge, curve: Curve, long: bool) -> list[str]:
    """One branch of one option: coloured by grade, dashed under a condition, with the
    option's number in a badge where it leaves the box."""
    colour = GRADE_COLOURS.get(edge.grade, UNKNOWN_GRADE)
    faint = ' stroke-opacity="0.45"' if long else ""
    dash = ' stroke-dasharray="7 4"' if edge.condition else ""
    target = scenario.endings.get(edge.target)
    where = f"ending '{edge.target}' ({target.title})" if target else f"'{edge.target}'"
    tip = f"Response {edge.option} ({edge.grade}) leads to {where}"
    if edge.condition:
        tip += f", only if {edge.condition}"
    (bx, by), (tx, ty) = curve.c2, curve.end
    length = max(((tx - bx) ** 2 + (ty - by) ** 2) ** 0.5, 1e-6)
    ux, uy = (tx - bx) / length, (ty - by) / length
    base = (tx - ux * ARROW, ty - uy * ARROW)
    side = (-uy * ARROW * 0.5, ux * ARROW * 0.5)
    head = " ".join(f"{_f(px)},{_f(py)}" for px, py in (
        (tx, ty), (base[0] + side[0], base[1] + side[1]), (base[0] - side[0], base[1] - side[1])))
    stagger = 12.0 if (edge.option - 1) % 2 else 0.0  # neighbouring badges never touch
    cx, cy = curve.start[0] + BADGE_R + 6 + stagger, curve.start[1]
    fill_faint = ' fill-opacity="0.45"' if long else ""
    return ['<g class="arrow">', _tip(tip),
            f'<path d="{curve.data()}" fill="none" stroke="{colour}" stroke-width="1.7"'
            f'{faint}{dash}/>',
            f'<polygon points="{head}" fill="{colour}"{fill_faint}/>',
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(BADGE_R)}" fill="{colour}"/>',
            _text(cx, cy + 4, 11, str(edge.option), "#ffffff", bold=True, anchor="middle"),
            "</g>"]


class _Labels:
    """Condition labels, each in the gap right of its arrow's box (never over a box),
    just past the badges, and moved down until it clears the labels already there."""

    SIZE = 10.0

    def __init__(self) -> None:
        self.placed: dict[int, list[tuple[float, float, float, float]]] = defaultdict(list)
        self.parts: list[str] = []

    def add(self, column: int, curve: Curve, condition: str, colour: str,
            forward: bool) -> None:
        anchor = curve.start[0] + 36  # clear of the badges, still in the gap
        point = (anchor, curve.start[1])  # an arrow going back or up: on its port's line
        if forward:  # where the arrow passes the anchor (x only grows along it)
            low, high = 0.0, 1.0
            for _ in range(12):  # to a 4096th of the curve, about a pixel
                middle = (low + high) / 2
                low, high = (middle, high) if curve.at(middle)[0] < anchor else (low, middle)
            point = (anchor, curve.at(high)[1])
        text = text_fit.elide_right(f"if {text_fit.clean(condition)}", self.SIZE, False,
                                    GAP_X - 50)
        w = text_fit.width(text, self.SIZE) + 4
        h = self.SIZE * text_fit.LINE_HEIGHT + 2
        x, y = point[0] - 2, point[1] - 4 - self.SIZE * text_fit.ASCENT - 1
        taken = self.placed[column]
        for _ in range(40):  # bounded: a crowded gap overlaps rather than runs away
            if not any(x < ox + ow and ox < x + w and y < oy + oh and oy < y + h
                       for ox, oy, ow, oh in taken):
                break
            y += h
        taken.append((x, y, w, h))
        self.parts += ['<g class="condition">',
                       f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" '
                       f'rx="3" fill="{BACKGROUND}" fill-opacity="0.9"/>',
                       _text(x + 2, y + 1 + self.SIZE * text_fit.ASCENT, self.SIZE, text,
                             colour), "</g>"]


def _key(scenario: Scenario, top: float) -> tuple[list[str], float, float]:
    """The title and the key: what each colour and line style means. Returns the parts,
    the width they need and the height below `top` they take."""
    title = text_fit.elide_right(text_fit.clean(scenario.title), 18, True, 1600)
    hint = "Numbers on arrows are response numbers. Hover over a box or arrow for all its text."
    parts = [_text(MARGIN, top + 18 * text_fit.ASCENT, 18, title, TEXT, bold=True),
             _text(MARGIN, top + 42, 12, hint, MUTED_TEXT)]
    right = MARGIN + max(text_fit.width(title, 18, True), text_fit.width(hint, 12))
    y = top + 68
    x = MARGIN
    parts.append(_text(x, y, 12, "Responses:", TEXT, bold=True))
    x += text_fit.width("Responses:", 12, True) + 10
    samples = [(grade, colour, "") for grade, colour in GRADE_COLOURS.items()]
    samples.append(("only under a condition", MUTED_TEXT, ' stroke-dasharray="7 4"'))
    for label, colour, dash in samples:
        parts.append(f'<path d="M{_f(x)} {_f(y - 4)}h22" stroke="{colour}" stroke-width="1.7"'
                     f'{dash}/>')
        parts.append(f'<polygon points="{_f(x + 30)},{_f(y - 4)} {_f(x + 21)},{_f(y - 8.5)} '
                     f'{_f(x + 21)},{_f(y + 0.5)}" fill="{colour}"/>')
        parts.append(_text(x + 35, y, 12, label, TEXT))
        x += 35 + text_fit.width(label, 12) + 16
    right = max(right, x)
    y += 26
    x = MARGIN
    parts.append(_text(x, y, 12, "Endings:", TEXT, bold=True))
    x += text_fit.width("Endings:", 12, True) + 10
    used = [e.outcome for e in scenario.endings.values() if e.outcome not in OUTCOMES]
    for outcome in dict.fromkeys([*OUTCOMES, *used]):
        border, fill = OUTCOME_COLOURS.get(outcome, UNKNOWN_OUTCOME)
        word = text_fit.elide_right(OUTCOME_WORDS.get(outcome, text_fit.clean(outcome)), 11,
                                    False, 200)
        w = text_fit.width(word, 11) + 16
        parts.append(f'<rect x="{_f(x)}" y="{_f(y - 13)}" width="{_f(w)}" height="18" rx="9" '
                     f'fill="{fill}" stroke="{border}" stroke-width="1.5"/>')
        parts.append(_text(x + 8, y, 11, word, border))
        x += w + 8
    return parts, max(right, x) + MARGIN, y + 24 - top


def svg_map(scenario: Scenario) -> str:
    """The whole map of `scenario` as the text of an SVG 1.1 file."""
    placed = layout(scenario, dx=BOX_W + GAP_X, dy=BOX_H + GAP_Y)
    out, into = _ports(scenario, placed)
    xs = [0.0, BOX_W]
    ys = [-22.0, BOX_H]  # the START tag sits above the first box
    for box in placed.nodes.values():
        xs += [box.x, box.x + BOX_W]
        ys += [box.y - 22, box.y + BOX_H]
    arrows: list[str] = []
    labels = _Labels()
    for key, edge in enumerate(placed.edges):
        source, target = placed.nodes[edge.source], placed.nodes.get(edge.target)
        if target is None:
            continue
        columns = target.column - source.column
        start = out[edge.source, edge.option]
        end = into.get(key, (target.x, target.y + BOX_H / 2))
        curve = _curve(start, end, (source.x, source.y), (target.x, target.y), columns)
        for px, py in (curve.start, curve.c1, curve.c2, curve.end):
            xs.append(px)
            ys.append(py)
        xs.append(start[0] + 2 * BADGE_R + 18)
        arrows += _arrow(scenario, edge, curve, long=columns > 2 or columns < 0)
        if edge.condition:
            labels.add(source.column, curve, edge.condition,
                       GRADE_COLOURS.get(edge.grade, UNKNOWN_GRADE), forward=columns > 0)
    for lx, ly, lw, lh in (rect for rects in labels.placed.values() for rect in rects):
        xs.append(lx + lw)  # a label pushed down a crowded gap can pass the last row
        ys.append(ly + lh)
    key_parts, key_width, key_height = _key(scenario, MARGIN)
    dx = MARGIN - min(xs)
    dy = MARGIN + key_height - min(ys)
    width = max(max(xs) + dx + MARGIN, key_width)
    height = max(ys) + dy + MARGIN
    boxes = [part for nid, box in placed.nodes.items() for part in _box(scenario, nid, box.x,
                                                                           box.y)]
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_f(width)}" '
        f'height="{_f(height)}" viewBox="0 0 {_f(width)} {_f(height)}" font-family="{FONTS}">',
        f"<title>{escape(text_fit.clean(scenario.title, TIP_LIMIT))}</title>",
        f"<desc>Map of the Rapport scenario {escape(text_fit.clean(scenario.id, TIP_LIMIT))}: "
        "one box per moment and ending, one arrow per response.</desc>",
        f'<rect width="{_f(width)}" height="{_f(height)}" fill="{BACKGROUND}"/>',
        *key_parts,
        f'<g class="map" transform="translate({_f(dx)},{_f(dy)})">',
        *arrows, *boxes, *labels.parts,
        "</g>",
        "</svg>",
        "",
    ])


def write_map(scenario: Scenario, path: str | Path) -> int:
    """Write the map of `scenario` to `path` (a name ending in .svg); returns its size in
    bytes. Raises RapportError with what to do when the file cannot be written."""
    target = Path(path)
    if target.suffix.lower() != ".svg":
        raise RapportError(f"{target}: --svg writes an SVG picture; give the file a name "
                           "ending in .svg")
    data = svg_map(scenario).encode("utf-8")
    try:
        target.write_bytes(data)
    except IsADirectoryError as error:
        raise RapportError(f"{target} is a folder; give a file name ending in .svg") from error
    except FileNotFoundError as error:
        if target.parent.is_dir():  # a place that takes no new files, such as /proc
            raise RapportError(f"cannot write {target}: this folder takes no new files; "
                               "choose another place") from error
        raise RapportError(f"cannot write {target}: the folder {target.parent} does not "
                           "exist; create it first or choose another place") from error
    except PermissionError as error:
        raise RapportError(f"cannot write {target}: permission denied; choose a folder you "
                           "can write to") from error
    except OSError as error:
        raise RapportError(f"cannot write {target}: {error.strerror or error}; choose "
                           "another place") from error
    return len(data)
