"""The coder's second reader: a linear model over word counts, in pure Python.

It reads differently from the network (counts of words, word pairs and
character n-grams, the client's words, a few measured cues), so its mistakes
differ too, and averaging the two readings (`coder.Blend`) agrees with AnnoMI's
coders more often than either alone (README, "The utterance coder"). Each block
is weighted tf-idf style (1 + log count, times idf) and scaled to unit length,
as scikit-learn's TfidfVectorizer does, so the weights trained in `training/`
apply here without numpy. The model is a gzipped JSON file in the package.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from .coder_features import ALPHA, WORD, normalise, overlap, sentences, softmax, words

LINEAR_PATH = Path(__file__).with_name("coder_model.json.gz")
LINEAR_FORMAT = 1

BLOCKS = ("word", "char", "prev")
DENSE = ("overlap", "overlap_client", "length", "prev_length", "sentences", "ends_q",
         "has_q", "prev_q", "has_prev", "you_share", "i_share", "cut_start", "cut_end")


def block_terms(text: str, prev: str) -> dict[str, list[str]]:
    """The raw terms of each block (before counting and weighting)."""
    tokens = words(text)
    word_terms = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
    last = sentences(normalise(text))
    if last:
        first_words = WORD.findall(last[-1])[:2]
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
    said = ALPHA.findall(normalise(text))
    heard = ALPHA.findall(normalise(prev))
    shared = overlap(text, prev)
    stripped = text.strip()
    prev_stripped = prev.strip()
    return [
        shared,
        shared,  # "overlap_client": equal to the first (no client words, no overlap); the
        # shipped weights were trained with both columns
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


@dataclass(frozen=True, slots=True)
class LinearModel:
    classes: tuple[str, ...]
    blocks: Mapping[str, Block]
    dense_offset: int
    weights: tuple[tuple[float, ...], ...]  # one row per class, one value per column
    bias: tuple[float, ...]

    def probabilities(self, text: str, prev: str) -> dict[str, float]:
        vector = vectorise(text, prev, self.blocks, self.dense_offset)
        return softmax(self.classes, (bias + sum(value * row[col] for col, value in vector.items())
                                      for row, bias in zip(self.weights, self.bias, strict=True)))


def linear_from_dict(data: Mapping[str, Any]) -> LinearModel:
    """Raises ValueError, KeyError or TypeError when the data is not a model."""
    if data.get("format") != LINEAR_FORMAT:
        raise ValueError(f"format {data.get('format')!r}, expected {LINEAR_FORMAT}")
    blocks: dict[str, Block] = {}
    column = 0
    for name, block in data["blocks"].items():
        terms, idf = block["terms"], block["idf"]
        blocks[name] = Block(dict(zip(terms, zip(range(column, column + len(terms)), idf,
                                                 strict=True), strict=True)),
                             float(block["scale"]))
        column += len(terms)
    weights = tuple(tuple(row) for row in data["weights"])
    if len(data["dense"]) != len(DENSE) or any(len(r) != column + len(DENSE) for r in weights):
        raise ValueError("the weights do not match the features")
    return LinearModel(tuple(data["classes"]), blocks, column, weights, tuple(data["bias"]))


def read_linear(path: Path) -> LinearModel:
    """Raises OSError, EOFError, ValueError, KeyError or TypeError for a bad file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return linear_from_dict(json.load(handle))
