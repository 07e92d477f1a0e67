"""The features of the linear model the coder used before the network.

Kept for the evaluation table's comparison row (`training/evaluate_coder.py`):
word and word-pair counts, character n-grams inside words, the words of the
client's last line, and a few measured cues, each block weighted tf-idf style
(1 + log count, times idf) and scaled to unit length.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from simulator.core.coder_features import _ALPHA, _WORD, STOP, normalise, sentences, words

BLOCKS = ("word", "char", "prev")
DENSE = ("overlap", "overlap_client", "length", "prev_length", "sentences", "ends_q",
         "has_q", "prev_q", "has_prev", "you_share", "i_share", "cut_start", "cut_end")


def block_terms(text: str, prev: str) -> dict[str, list[str]]:
    """The raw terms of each block (before counting and weighting)."""
    tokens = words(text)
    word_terms = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
    last = sentences(normalise(text))
    if last:
        first_words = _WORD.findall(last[-1])[:2]
        word_terms += [f"^last {w}" for w in first_words]
    if tokens:
        word_terms.append(f"^first {tokens[0]}")
    char_terms: list[str] = []
    for token in tokens:
        padded = f" {token} "
        for n in range(2, 6):
            if n > len(padded):
                break
            char_terms.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return {"word": word_terms, "char": char_terms, "prev": words(prev)}


def dense_features(text: str, prev: str) -> list[float]:
    """Measured cues; `prev` is the client's last line ("" when there is none)."""
    said = _ALPHA.findall(normalise(text))
    heard = _ALPHA.findall(normalise(prev))
    content = [w for w in said if w not in STOP]
    heard_content = {w for w in heard if w not in STOP}
    overlap = sum(w in heard_content for w in content) / max(1, len(content))
    stripped = text.strip()
    prev_stripped = prev.strip()
    return [
        overlap,
        overlap if heard_content else 0.0,
        math.log1p(len(said)),
        math.log1p(len(heard)),
        len(sentences(stripped)) / 5,
        float(stripped.endswith("?")),
        float("?" in stripped),
        float(prev_stripped.endswith("?")),
        float(bool(prev_stripped)),
        said.count("you") / max(1, len(said)),
        (said.count("i") + said.count("me")) / max(1, len(said)),
        float(stripped.startswith("-")),
        float(stripped.endswith("-")),
    ]


@dataclass(frozen=True, slots=True)
class Block:
    """One block's vocabulary: term -> (column, idf)."""

    columns: Mapping[str, tuple[int, float]]
    scale: float = 1.0


def weigh(terms: Iterable[str], block: Block) -> dict[int, float]:
    """tf-idf with sublinear tf, scaled to unit length (over the known terms)."""
    counts = Counter(t for t in terms if t in block.columns)
    if not counts:
        return {}
    values: dict[int, float] = {}
    for term, count in counts.items():
        column, idf = block.columns[term]
        values[column] = (1.0 + math.log(count)) * idf
    norm = math.sqrt(sum(v * v for v in values.values()))
    factor = block.scale / norm
    return {c: v * factor for c, v in values.items()}


def vectorise(text: str, prev: str, blocks: Mapping[str, Block],
              dense_offset: int) -> dict[int, float]:
    """The sparse feature vector of one utterance: column -> value."""
    terms = block_terms(text, prev)
    vector: dict[int, float] = {}
    for name, block in blocks.items():
        vector.update(weigh(terms[name], block))
    for i, value in enumerate(dense_features(text, prev)):
        if value:
            vector[dense_offset + i] = value
    return vector


def fit_blocks(texts: Sequence[str], prevs: Sequence[str], min_df: int = 2,
               scales: Mapping[str, float] | None = None) -> tuple[dict[str, Block], int]:
    """Vocabularies and idf from training utterances (smooth idf, as scikit-learn)."""
    scales = scales or {}
    n = len(texts)
    frequency: dict[str, Counter[str]] = {name: Counter() for name in BLOCKS}
    for text, prev in zip(texts, prevs, strict=True):
        for name, terms in block_terms(text, prev).items():
            frequency[name].update(set(terms))
    blocks: dict[str, Block] = {}
    column = 0
    for name in BLOCKS:
        columns: dict[str, tuple[int, float]] = {}
        for term in sorted(t for t, df in frequency[name].items() if df >= min_df):
            df = frequency[name][term]
            columns[term] = (column, math.log((1 + n) / (1 + df)) + 1.0)
            column += 1
        blocks[name] = Block(columns, scales.get(name, 1.0))
    return blocks, column
