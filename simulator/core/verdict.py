"""What a report must say beyond the average: safety failures, and an ending the score
does not explain.

The overall score is the mean grade of the responses; two things can make that
number mislead (issue 10). A route that waved through a risk to a child could still
average 89/100, so a safety failure caps the score and is named on its own. A route
can average well and still lose the client; the score stays a measure of the
responses (it is not lowered for the ending, which the report shows beside it), but
the report then says why the two disagree and which responses turned it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .model import SAFETY_CAP, Scenario
from .session import Turn

BAD_OUTCOMES = ("disengaged", "escalated")
SOUND_SCORE = 50  # at or above this the responses were "mostly sound"
_POOR = ("unhelpful", "harmful")
_ENDED = {"disengaged": "stopped engaging", "escalated": "became too stirred up to go on"}


def safety_failures(scenario: Scenario, turns: Sequence[Turn]) -> list[dict[str, Any]]:
    """Each response the writer marked as a safety failure, with their reason."""
    found = []
    for turn in turns:
        option = turn.option(scenario)
        if option.safety:
            found.append({"turn": turn.number, "node": turn.node_id, "option": option.number,
                          "text": option.text, "reason": option.safety})
    return found


def _numbers(numbers: Sequence[int]) -> str:
    """'response 4', 'responses 4 and 7', 'responses 2, 4 and 7'."""
    text = [str(n) for n in numbers]
    joined = text[0] if len(text) == 1 else f"{', '.join(text[:-1])} and {text[-1]}"
    return f"response{'s' if len(text) > 1 else ''} {joined}"


def safety_note(failures: Sequence[Mapping[str, Any]], average: int | None) -> str | None:
    if not failures:
        return None
    if len(failures) == 1:
        what = f"response {failures[0]['turn']} was a safety failure ({failures[0]['reason']})"
    else:
        reasons = "; ".join(f"response {f['turn']}: {f['reason']}" for f in failures)
        what = f"{_numbers([f['turn'] for f in failures])} were safety failures ({reasons})"
    return (f"Your score is capped at {SAFETY_CAP}/100 (your responses averaged "
            f"{average}/100) because {what}. Keeping people safe comes first: a good "
            "conversation does not make up for missing a risk.")


RATIO_NAMES = {"r_q": "reflections-to-questions", "pct_cr": "complex reflections"}


def ending_note(scenario: Scenario, outcome: str | None, title: str, turns: Sequence[Turn],
                score: int | None, verdicts: Mapping[str, str]) -> str | None:
    """Why a poor ending sits beside a sound score or good MI summaries, if it does."""
    if outcome not in BAD_OUTCOMES or score is None:
        return None
    good_mi = [rid for rid, v in verdicts.items() if v == "good"]
    if score < SOUND_SCORE and not good_mi:
        return None  # the score already tells the same story as the ending
    if score >= SOUND_SCORE:
        opening = f"Your responses were mostly sound ({score}/100)"
    elif len(good_mi) == len(verdicts):
        opening = "Your MI summary scores look good"
    else:  # say which one, so a 'fair' beside it is not called good
        opening = ("Your " + " and ".join(RATIO_NAMES.get(r, r) for r in good_mi)
                   + " score looks good")
    name = scenario.client.name
    text = (f"{opening}, but the conversation ended in '{title}': {name} "
            f"{_ENDED[outcome]}. ")
    poor = [t for t in turns if t.score.grade in _POOR]
    if poor:
        text += (f"The turning point{'s were' if len(poor) > 1 else ' was'} "
                 f"{_numbers([t.number for t in poor])}. The score averages every response, "
                 "but a few responses at the wrong moment can cost the whole conversation: "
                 "look at those below, and the stronger response offered for each.")
    else:
        trust = turns[-1].state_after.get("trust") if turns else None
        ended_at = f" (it ended at {trust:g})" if trust is not None else ""
        text += ("None of your responses was poor, but together they did not build enough "
                 f"trust{ended_at} for {name} to stay with you. Look for the moments where "
                 "a stronger response was offered.")
    return text
