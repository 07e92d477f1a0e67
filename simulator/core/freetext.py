"""Free-text mode: the learner's own words, coded, and the authored response
the conversation continues on.

The scenario only knows its written options, so the learner's words are coded
(`coder`) and matched to the option closest in function: the same MITI code
first, then the same family of codes (a question for a question), and among
those the nearest in meaning (shared words, weighted so rare words count more).
The learner sees the match and can always fall back to the written options.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .coder import FAMILIES, FAMILY_WORDS, Coding, code
from .coder_features import STOP, normalise
from .errors import RapportError
from .model import CLIENT, Node, Option

MAX_CHARS = 600  # about five spoken sentences: one turn, not an essay
MIN_LETTERS = 2
_LETTERS = re.compile(r"[a-z]+")


class FreeTextError(RapportError):
    """Words the coder cannot read; the message tells the learner what to do."""


@dataclass(frozen=True, slots=True)
class Match:
    option: int  # 1-based option number
    how: str  # "code", "family" or "meaning"
    similarity: float  # 0..1 share of meaning (weighted shared words)
    explanation: str


@dataclass(frozen=True, slots=True)
class FreeTextAnswer:
    """What the learner wrote, how it was coded, and which written option it stood for."""

    text: str
    coding: Coding
    match: Match

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "coding": self.coding.to_dict(),
                "option": self.match.option, "how": self.match.how,
                "similarity": round(self.match.similarity, 3),
                "explanation": self.match.explanation}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FreeTextAnswer:
        return cls(str(data["text"]), Coding.from_dict(data["coding"]),
                   Match(int(data["option"]), str(data.get("how", "meaning")),
                         float(data.get("similarity", 0.0)), str(data.get("explanation", ""))))


def check_text(text: str) -> str:
    """The text tidied, or FreeTextError with a message a learner can act on."""
    if not isinstance(text, str):
        raise FreeTextError("Type what you would say to the client.")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise FreeTextError("Type what you would say to the client first, or choose one of "
                            "the written responses.")
    if len(cleaned) > MAX_CHARS:
        raise FreeTextError(f"That is {len(cleaned):,} characters; one turn in a conversation "
                            f"is rarely more than {MAX_CHARS}. Say the most important part, "
                            "in a sentence or two.")
    letters = [ch for ch in cleaned if ch.isalpha()]
    latin = [ch for ch in letters if unicodedata.name(ch, "").startswith("LATIN")]
    if letters and len(latin) < 0.8 * len(letters):
        raise FreeTextError("The coder only reads English, so it cannot code these words. "
                            "Write your response in English, or choose a written response.")
    if len(_LETTERS.findall(normalise(cleaned))) < 1 or len(latin) < MIN_LETTERS:
        raise FreeTextError("The coder needs words to read: emoji and symbols on their own "
                            "cannot be coded. Write what you would say, in a few words.")
    return cleaned


def last_client_line(node: Node) -> str:
    """The client's last words at this point: the context a reflection answers."""
    said = [line.text for line in node.lines if line.speaker == CLIENT]
    return said[-1] if said else (node.lines[-1].text if node.lines else "")


def _content(text: str) -> Counter[str]:
    return Counter(_stem(w) for w in _LETTERS.findall(normalise(text))
                   if w not in STOP and len(w) > 2)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def similarities(text: str, options: Sequence[Option]) -> list[float]:
    """Cosine of idf-weighted content words (idf over this node's options)."""
    docs = [_content(o.text) for o in options]
    mine = _content(text)
    n = len(docs)
    idf = {w: math.log((1 + n) / (1 + sum(w in d for d in docs))) + 1.0
           for w in set(mine).union(*docs)}

    def vector(counts: Counter[str]) -> dict[str, float]:
        return {w: (1 + math.log(c)) * idf[w] for w, c in counts.items()}

    mv = vector(mine)
    mnorm = math.sqrt(sum(v * v for v in mv.values())) or 1.0
    found = []
    for doc in docs:
        dv = vector(doc)
        dnorm = math.sqrt(sum(v * v for v in dv.values())) or 1.0
        found.append(sum(mv[w] * dv[w] for w in mv.keys() & dv.keys()) / (mnorm * dnorm))
    return found


def closest_option(coding: Coding, text: str, options: Sequence[Option]) -> Match:
    """The written option closest in function: same code, then family, then meaning."""
    if not options:
        raise FreeTextError("There is nothing to answer here; the conversation has ended.")
    sims = similarities(text, options)
    family = coding.family
    ranked = []
    for option, sim in zip(options, sims, strict=True):
        authored = option.code("mi") or ""
        tier = 2 if coding.code and authored == coding.code else \
            1 if FAMILIES.get(authored, "other") == family and family != "other" else 0
        ranked.append((tier, sim, -option.number, option))
    tier, sim, _, option = max(ranked)
    authored = option.code("mi") or ""
    share = f"{round(100 * sim)}% of the meaning in common"
    if tier == 2:
        how, why = "code", f"it is the written response coded {authored} too ({share})"
    elif tier == 1:
        how, why = "family", (f"it is {FAMILY_WORDS[family]} as well, the closest of its kind "
                              f"({share})")
    else:
        how, why = "meaning", (f"no written response here is {FAMILY_WORDS[family]}, so this "
                               f"is the one nearest in meaning ({share})")
    # No number: the learner never saw the options, and they may be shown shuffled.
    return Match(option.number, how, sim, f"The conversation goes on as if you had said "
                                          f"this: {why}.")


def answer(node: Node, text: str) -> FreeTextAnswer:
    """Check, code and match the learner's words at `node` (raises FreeTextError)."""
    cleaned = check_text(text)
    coding = code(cleaned, last_client_line(node))
    return FreeTextAnswer(cleaned, coding, closest_option(coding, cleaned, node.options))
