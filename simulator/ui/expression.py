"""Which face the client shows: a small pure rule, kept apart from Qt so it is
tested on its own and writers can predict it.

A node or ending may name an expression; otherwise the client's state decides.
State is read on a 0-10 scale (scaled from each variable's own range), the
scale the writers' guide uses: 7 or more arousal counts as dysregulated.
"""

from __future__ import annotations

from collections.abc import Mapping

from simulator.core.model import EXPRESSIONS

DEFAULT = "calm"


def _scaled(values: Mapping[str, float], ranges: Mapping[str, tuple[float, float]],
            key: str, default: float) -> float:
    if key not in values:
        return default
    low, high = ranges.get(key, (0.0, 10.0))
    if high <= low:
        return default
    return 10.0 * (values[key] - low) / (high - low)


def expression_for(explicit: str | None, values: Mapping[str, float],
                   ranges: Mapping[str, tuple[float, float]] | None = None) -> str:
    """The expression to draw.

    Order matters: a stirred-up client looks angry even when trust is high,
    because that is what the learner has to respond to first.
    """
    if explicit in EXPRESSIONS:
        return explicit
    ranges = ranges or {}
    arousal = _scaled(values, ranges, "arousal", 3.0)
    trust = _scaled(values, ranges, "trust", 5.0)
    if arousal >= 7:
        return "angry"
    if trust >= 7 and arousal <= 4:
        return "relieved"
    if arousal >= 5:
        return "upset"
    if trust <= 3:
        return "guarded"
    return DEFAULT

