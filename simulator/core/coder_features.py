"""The plain-text measures the coder's rules and the answer matcher share.

Normalising quotes and case, cutting words and sentences, and how many of the
client's own words come back in the worker's (a simple reflection repeats them;
a complex one says it anew). The network reads the text itself; these are for
the hand-written layer on top of it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

WORD = re.compile(r"[a-z0-9']+|[?!]")
ALPHA = re.compile(r"[a-z']+")
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
# Words too common to say anything about whether the worker repeated the client.
STOP = frozenset((
    "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is",
    "are", "was", "were", "be", "been", "it", "it's", "this", "that", "i", "i'm", "you",
    "you're", "he", "she", "we", "they", "my", "your", "me", "so", "um", "uh", "yeah", "okay",
    "ok", "well", "just", "like", "not", "do", "don't", "did", "have", "has", "had", "what",
    "how", "there", "then", "than", "if", "as",
))

def normalise(text: str) -> str:
    """Lower case, straight quotes: the forms the model was trained on."""
    return (text.lower().replace("\u2019", "'").replace("\u2018", "'")
            .replace("\u201c", '"').replace("\u201d", '"'))


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


def overlap(text: str, prev: str) -> float:
    """The share of the worker's content words that the client said first."""
    heard = {w for w in ALPHA.findall(normalise(prev)) if w not in STOP}
    content = [w for w in ALPHA.findall(normalise(text)) if w not in STOP]
    return sum(w in heard for w in content) / max(1, len(content))


def softmax(labels: Sequence[str], scores: Iterable[float]) -> dict[str, float]:
    """Scores (logits, or averaged log-probabilities) -> probabilities per label."""
    values = list(scores)
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return {label: e / total for label, e in zip(labels, exps, strict=True)}
