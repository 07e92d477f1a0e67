"""Which face the client shows: a small pure rule, kept apart from Qt so it is
tested on its own and writers can predict it.

A node or ending may name an expression. Otherwise what the client visibly
does (the cue, "fists clenched", "face pressed into her knees") decides when it
is plain, then what they say when it is plainly hurt ("maybe if I was better"),
and else their state. State is read on a 0-10 scale (scaled from each
variable's own range), the scale the writers' guide uses: 7 or more arousal
counts as dysregulated.

The "upset" face has a tear. A client who is wound up but does not trust you
(Gary at the start of the group, Mr Pryce bristling in his armchair) is
defiant, not tearful, so stirred up with low trust looks guarded or angry;
tears are for distress that the cue or the words show, or that a client lets
someone they trust see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from simulator.core.looks import EXPRESSIONS

DEFAULT = "calm"

# What a cue shows, checked in this order (tears win over a raised voice: a child
# sobbing "I hate you" is distressed). Whole words, so "tears" never matches "tearing".
_CUE_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (expression, re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE))
    for expression, words in (
        ("upset", ("tears?", "tearful", "teary", "crying", "cries", "cried", "sobs?",
                   "sobbing", "weeps", "weeping", "wipes (?:his|her|their) eyes",
                   "voice (?:breaks|cracks|wobbles)", "face pressed", "muffled",
                   "lip (?:trembles|wobbles)", "small voice", "eyes (?:are wet|fill)",
                   "wet eyes")),
        ("angry", ("shouts?", "shouting", "yells?", "screams?", "slams?", "slammed",
                   "bangs?", "jabs?", "jabbing", "kicks?", "fists? clenched",
                   "clenches (?:his|her|their) fists?", "glares?", "glaring", "snaps",
                   "thuds?", "throws?", "thrown", "storms?", "with (?:effort and )?anger",
                   "furious", "spits")),
        ("guarded", ("arms folded", "folds (?:his|her|their) arms", "looks away",
                     "turns away", "shrugs?", "won't look", "will not look",
                     "not looking at", "avoids your eyes", "stares at the (?:floor|table)",
                     "jaw tightens", "face tightens", "eyes narrow",
                     "smile (?:drops|fades|slips|goes)", "(?:short|hollow|bitter|dry) laugh",
                     "no humour")),
        ("relieved", ("smiles?", "smiling", "laughs?", "grins?", "relaxes", "unzip(?:s|ped)",
                      "sighs with relief", "shoulders drop")),
    ))

# "Ruby is crying on the sofa": a clause about someone else, named, is not the client's.
_SOMEONE_ELSE = re.compile(r"\s*(?!(?:She|He|They|It)\b)[A-Z][a-z]+(?: is| are|'s)\b")

# Words in which a client plainly blames or doubts themselves: hurt, not anger.
_HURT = re.compile(r"\b(?:" + "|".join((
    "my fault", "i'?m bad", "i am bad", "i was bad", "if i was better", "if i'd been better",
    "i'?m a bad", "doesn'?t want me", "doesn'?t need me", "nobody wants me", "no one wants me",
    "i'?m stupid", "i'?m useless", "i hate myself")) + r")\b", re.IGNORECASE)


def _scaled(values: Mapping[str, float], ranges: Mapping[str, tuple[float, float]],
            key: str, default: float) -> float:
    if key not in values:
        return default
    low, high = ranges.get(key, (0.0, 10.0))
    if high <= low:
        return default
    return 10.0 * (values[key] - low) / (high - low)


def from_cue(cue: str, others: tuple[str, ...] = ()) -> str | None:
    """The expression a cue plainly shows, or None when it shows none. Parts of the
    cue about someone else ("Susan is in tears in the hallway") are not the client's."""
    parts = [part for part in re.split(r"[;,.]", cue)
             if not any(name and name.lower() in part.lower() for name in others)
             and not _SOMEONE_ELSE.match(part)]
    kept = " ; ".join(parts)
    for expression, pattern in _CUE_SIGNS:
        if pattern.search(kept):
            return expression
    return None


def from_state(values: Mapping[str, float],
               ranges: Mapping[str, tuple[float, float]] | None = None) -> str:
    """The face for a state alone.

    A stirred-up client looks angry even when trust is middling, because that
    is what the learner has to respond to first; one who trusts you shows the
    distress instead.
    """
    ranges = ranges or {}
    arousal = _scaled(values, ranges, "arousal", 3.0)
    trust = _scaled(values, ranges, "trust", 5.0)
    if arousal >= 7:
        return "upset" if trust >= 6 else "angry"
    if trust >= 7 and arousal <= 4:
        return "relieved"
    if arousal >= 5:
        return "upset" if trust >= 5 else "guarded"
    if trust <= 3:
        return "guarded"
    return DEFAULT


def expression_for(explicit: str | None, values: Mapping[str, float],
                   ranges: Mapping[str, tuple[float, float]] | None = None,
                   cue: str = "", text: str = "", others: tuple[str, ...] = ()) -> str:
    """The expression to draw: the writer's, else the cue's, else hurt in the
    words (never an angry face on a child saying she is bad), else the state's.
    `others`: the names of anyone else in the scene, whose part of a cue is theirs."""
    if explicit in EXPRESSIONS:
        return explicit
    shown = from_cue(cue, others)
    # Tears and anger in the cue always show; folded arms or a smile do not hide a
    # client who is dysregulated (7 or more), which the learner must see first.
    if shown in ("upset", "angry") or (
            shown is not None and _scaled(values, ranges or {}, "arousal", 3.0) < 7):
        return shown
    if _HURT.search(text):
        return "upset"
    return from_state(values, ranges)
