"""Lay a scenario out as a left-to-right map a writer can read, with no Qt.

A simple layered layout (the Sugiyama idea without its expensive parts):
columns by distance from the start, endings in a last column of their own,
rows ordered by the average row of each node's neighbours (a few sweeps each
way, which untangles most crossings), then spread evenly. Linear in nodes and
edges per sweep, so a 500-node scenario lays out in milliseconds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .model import Scenario

SWEEPS = 4


@dataclass(frozen=True, slots=True)
class Placed:
    id: str
    x: float
    y: float
    column: int
    is_ending: bool


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    option: int
    grade: str
    condition: str  # "" when unconditional


@dataclass(frozen=True, slots=True)
class Layout:
    nodes: dict[str, Placed]
    edges: tuple[Edge, ...]
    width: float
    height: float


def _columns(scenario: Scenario) -> dict[str, int]:
    column = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        nid = queue.popleft()
        node = scenario.nodes.get(nid)
        if node is None:
            continue
        for option in node.options:
            for branch in option.branches:
                if branch.target not in column and branch.target in scenario.nodes:
                    column[branch.target] = column[nid] + 1
                    queue.append(branch.target)
    last = max(column.values(), default=0) + 1
    for nid in scenario.nodes:  # unreachable nodes: a column before the endings
        column.setdefault(nid, last)
    if any(c == last for n, c in column.items() if n in scenario.nodes):
        last += 1
    for eid in scenario.endings:
        column[eid] = last
    return column


def layout(scenario: Scenario, dx: float = 260.0, dy: float = 110.0) -> Layout:
    edges = tuple(
        Edge(node.id, branch.target, option.number, option.grade,
             branch.condition.text if branch.condition else "")
        for node in scenario.nodes.values() for option in node.options
        for branch in option.branches)
    column = _columns(scenario)
    width = max(column.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(width)]
    for nid in [*scenario.nodes, *scenario.endings]:
        rows[column[nid]].append(nid)
    neighbours: dict[str, set[str]] = {nid: set() for nid in column}
    for edge in edges:
        if edge.target in neighbours and edge.source != edge.target:
            neighbours[edge.source].add(edge.target)
            neighbours[edge.target].add(edge.source)
    position = {nid: float(i) for row in rows for i, nid in enumerate(row)}
    for sweep in range(SWEEPS):
        order = range(1, width) if sweep % 2 == 0 else range(width - 2, -1, -1)
        for c in order:
            side = c - 1 if sweep % 2 == 0 else c + 1

            def centre(nid: str, side: int = side) -> float:
                near = [position[n] for n in neighbours[nid] if column[n] == side]
                return sum(near) / len(near) if near else position[nid]

            rows[c].sort(key=centre)
            for i, nid in enumerate(rows[c]):
                position[nid] = float(i)
    tallest = max((len(r) for r in rows), default=1)
    placed: dict[str, Placed] = {}
    for c, row in enumerate(rows):
        offset = (tallest - len(row)) * dy / 2
        for i, nid in enumerate(row):
            placed[nid] = Placed(nid, c * dx, offset + i * dy, c, nid in scenario.endings)
    return Layout(placed, edges, width * dx, tallest * dy)
