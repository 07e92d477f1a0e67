"""The learner's progress as plain data: finished sessions grouped by scenario.

Scores from different scenarios do not make a trend (an advanced scenario
scores lower than an introductory one however well it is played), so the
History chart shows one scenario at a time. No Qt: tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.storage.history import SessionSummary

SCORE_ORDER = ("overall", "mi", "pace", "r4", "trotter")


@dataclass(frozen=True, slots=True)
class ScenarioProgress:
    scenario_id: str
    title: str
    sessions: tuple[SessionSummary, ...]  # finished, oldest first

    def points(self) -> dict[str, list[tuple[int, int]]]:
        """Each measure's score in each session, numbered 1, 2, 3 for this scenario."""
        found: dict[str, list[tuple[int, int]]] = {}
        for index, record in enumerate(self.sessions, start=1):
            for key, value in record.scores.items():
                if value is not None:
                    found.setdefault(key, []).append((index, int(value)))
        order = {key: i for i, key in enumerate(SCORE_ORDER)}
        return dict(sorted(found.items(), key=lambda item: order.get(item[0], 99)))


def by_scenario(finished: Sequence[SessionSummary]) -> list[ScenarioProgress]:
    """One group per scenario, the most recently played first; `finished` is oldest
    first (as the History page has it)."""
    groups: dict[str, list[SessionSummary]] = {}
    latest: dict[str, int] = {}  # position of each scenario's newest session
    for index, record in enumerate(finished):
        groups.setdefault(record.scenario_id, []).append(record)
        latest[record.scenario_id] = index
    found = [ScenarioProgress(sid, records[-1].scenario_title, tuple(records))
             for sid, records in groups.items()]
    found.sort(key=lambda group: latest[group.scenario_id], reverse=True)
    return found


def note(group: ScenarioProgress) -> str:
    """What the chart shows, in a sentence that names the scenario."""
    count = len(group.sessions)
    if count < 2:
        return (f"You have finished {group.title} once. Play it again to see how your "
                "scores change.")
    return (f"{group.title}: your scores out of 100 each time you finished it ({count} "
            "times), oldest on the left. Each line is one way of looking at your responses.")
