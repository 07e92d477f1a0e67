"""Colours and words for grades and outcomes, in one place.

The map, its legend, the node panel and the test player must agree on what
green or red means; keeping the table here stops them drifting apart. Colours
are dark enough for white text on the badges (WCAG AA at small bold sizes).
"""

from __future__ import annotations

from .. import words

GRADE_COLOURS = {
    "best": "#2e7d32",
    "acceptable": "#1565c0",
    "unhelpful": "#a15c00",
    "harmful": "#c62828",
}

# (border, fill) for each ending outcome.
OUTCOME_COLOURS = {
    "engaged": ("#2e7d32", "#e2f2e3"),
    "partial": ("#a15c00", "#fcefd6"),
    "disengaged": ("#616161", "#ececec"),
    "escalated": ("#c62828", "#fbe2e2"),
    "colluded": ("#6d4c41", "#efe5df"),
}
# Writers read grades by their own names ('best'), and outcomes as the report words them.
OUTCOME_WORDS = {outcome: word.lower() for outcome, word in words.OUTCOMES.items()}

ROUTE = "#6a1b9a"  # a learner's route: purple, so it is never mistaken for a grade
SELECTED = "#1a73e8"
NODE_BORDER = "#7d838c"
NODE_FILL = "#ffffff"
START_BORDER = "#263238"
MAP_BACKGROUND = "#f4f5f7"
TEXT = "#1f2328"
MUTED_TEXT = "#57606a"
ERROR = "#c62828"
WARNING = "#a15c00"
