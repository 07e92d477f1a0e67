"""The library's contents as plain data: scenarios found on disk, files that
failed to load, and the filter the library applies. No Qt, so it is tested
without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import words

if TYPE_CHECKING:  # not imported at start-up: the worker threads load the core
    from simulator.core.errors import Problem
    from simulator.core.model import Scenario


@dataclass(frozen=True)
class Entry:
    """One file in the library: a playable scenario or a broken file."""

    path: str
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()
    source: str = "bundled"  # or "user" (the folder chosen in Settings)

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def search_text(self) -> str:
        s = self.scenario
        if s is None:
            return self.path.lower()
        parts = [s.title, s.summary, s.client.name, s.client.role, words.setting_name(s.setting),
                 *(words.resistance_name(r) for r in s.resistance), s.difficulty, s.id]
        return " ".join(parts).lower()


@dataclass
class Catalogue:
    """Every entry by path, with scenarios also found by id."""

    entries: list[Entry] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        self.entries = [e for e in self.entries if e.path != entry.path] + [entry]

    def scenario(self, scenario_id: str) -> Scenario | None:
        for entry in self.entries:
            if entry.scenario is not None and entry.scenario.id == scenario_id:
                return entry.scenario
        return None

    def sorted_entries(self) -> list[Entry]:
        """Playable scenarios by difficulty then title; broken files last."""
        order = {d: i for i, d in enumerate(words.DIFFICULTY)}
        return sorted(self.entries, key=lambda e: (
            e.scenario is None,
            order.get(e.scenario.difficulty, 9) if e.scenario else 0,
            e.scenario.title.lower() if e.scenario else e.path))


def matches(entry: Entry, setting: str = "", resistance: str = "", text: str = "") -> bool:
    """Does an entry pass the library's filters? Broken files show only when
    nothing is filtered (or the search names them), so writers always see them.
    """
    needle = text.strip().lower()
    if entry.scenario is None:
        return not setting and not resistance and (not needle or needle in entry.path.lower())
    if setting and entry.scenario.setting != setting:
        return False
    if resistance and resistance not in entry.scenario.resistance:
        return False
    return all(word in entry.search_text() for word in needle.split())
