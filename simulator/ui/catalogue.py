"""The library's contents as plain data: scenarios found on disk, files that
failed to load, and the filter the library applies. No Qt, so it is tested
without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import words
from .card_cache import CardData

if TYPE_CHECKING:  # not imported at start-up: the worker threads load the core
    from simulator.core.errors import Problem
    from simulator.core.model import Scenario


@dataclass(frozen=True)
class Entry:
    """One file in the library: a playable scenario, a broken file, or (`preview`)
    a card remembered from the last start, shown until the file has been checked."""

    path: str
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()
    source: str = "bundled"  # or "user" (the folder chosen in Settings)
    preview: CardData | None = None

    @property
    def ok(self) -> bool:
        return self.scenario is not None or self.preview is not None

    @property
    def is_preview(self) -> bool:
        return self.scenario is None and self.preview is not None

    @property
    def card(self) -> CardData | None:
        """What the library shows: from the scenario, or remembered from the last start."""
        return CardData.of(self.scenario) if self.scenario is not None else self.preview

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def search_text(self) -> str:
        c = self.card
        if c is None:
            return self.path.lower()
        parts = [c.title, c.summary, c.client_name, c.client_role, words.setting_name(c.setting),
                 *(words.resistance_name(r) for r in c.resistance), c.difficulty, c.id]
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
        cards = {e.path: e.card for e in self.entries}
        return sorted(self.entries, key=lambda e: (
            cards[e.path] is None,
            order.get(cards[e.path].difficulty, 9) if cards[e.path] else 0,
            cards[e.path].title.lower() if cards[e.path] else e.path))

    def drop_previews(self) -> None:
        """Forget remembered cards whose file was not found again (deleted, moved)."""
        self.entries = [e for e in self.entries if not e.is_preview]


def matches(entry: Entry, setting: str = "", resistance: str = "", text: str = "") -> bool:
    """Does an entry pass the library's filters? Broken files show only when
    nothing is filtered (or the search names them), so writers always see them.
    """
    needle = text.strip().lower()
    card = entry.card
    if card is None:
        return not setting and not resistance and (not needle or needle in entry.path.lower())
    if setting and card.setting != setting:
        return False
    if resistance and resistance not in card.resistance:
        return False
    return all(word in entry.search_text() for word in needle.split())
