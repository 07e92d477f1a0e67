"""Which parts of a scenario real sessions have visited, so a writer sees what
nobody has tried yet. Saved sessions are replayed through the engine, so the
count is exact; a session saved against an older version of the file that no
longer replays is counted as skipped, not guessed at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import SavedSessionError
from .model import Scenario
from .session import Session


@dataclass
class Coverage:
    scenario: Scenario
    sessions: int = 0
    skipped: int = 0
    nodes: Counter[str] = field(default_factory=Counter)
    options: Counter[tuple[str, int]] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)

    @property
    def unvisited_nodes(self) -> list[str]:
        return [nid for nid in self.scenario.nodes if not self.nodes[nid]]

    @property
    def unchosen_options(self) -> list[tuple[str, int]]:
        return [(node.id, option.number) for node in self.scenario.nodes.values()
                for option in node.options if not self.options[(node.id, option.number)]]

    @property
    def unreached_endings(self) -> list[str]:
        return [eid for eid in self.scenario.endings if not self.endings[eid]]

    def percent(self) -> tuple[int, int]:
        """Percent of nodes visited and of options chosen at least once."""
        total_options = sum(len(n.options) for n in self.scenario.nodes.values())
        nodes = 100 * (len(self.scenario.nodes) - len(self.unvisited_nodes)) // max(
            1, len(self.scenario.nodes))
        options = 100 * (total_options - len(self.unchosen_options)) // max(1, total_options)
        return nodes, options

    def to_dict(self) -> dict[str, Any]:
        nodes, options = self.percent()
        return {
            "scenario": self.scenario.id,
            "sessions": self.sessions,
            "skipped": self.skipped,
            "percent_nodes": nodes,
            "percent_options": options,
            "nodes": {nid: self.nodes[nid] for nid in self.scenario.nodes},
            "unvisited_nodes": self.unvisited_nodes,
            "unchosen_options": [{"node": n, "option": o} for n, o in self.unchosen_options],
            "endings": {eid: self.endings[eid] for eid in self.scenario.endings},
            "unreached_endings": self.unreached_endings,
        }


def measure(scenario: Scenario, saved_sessions: Iterable[Mapping[str, Any]]) -> Coverage:
    result = Coverage(scenario)
    for saved in saved_sessions:
        if saved.get("digest") and saved["digest"] != scenario.digest:
            # The file changed since: its option numbers may now mean other options
            # (a reordering replays without error), so these visits cannot be trusted.
            result.skipped += 1
            continue
        try:
            session = Session.restore(scenario, saved)
        except SavedSessionError:
            result.skipped += 1
            continue
        with session:
            result.sessions += 1
            result.nodes[session.start or scenario.start] += 1
            for turn in session.turns:
                result.options[(turn.node_id, turn.option_number)] += 1
                if turn.target in scenario.endings:
                    result.endings[turn.target] += 1
                else:
                    result.nodes[turn.target] += 1
    return result
