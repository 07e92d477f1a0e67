"""What training and evaluation share: reading the AnnoMI copy, building the
feature matrix with the app's own feature code, and fitting the model."""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from simulator.core.coder_linear import DENSE, LINEAR_FORMAT, Block, fit_blocks, vectorise

DATA = Path(__file__).resolve().parent.parent / "data" / "annomi" / "therapist_utterances.csv"
CLASSES = ("question", "reflection", "therapist_input", "other")
# Chosen by 5-fold grouped cross-validation (see README): the client's words help,
# but less than the worker's own, so their block is scaled down.
SCALES = {"word": 1.0, "char": 1.0, "prev": 0.5}
C = 5.0


@dataclass(frozen=True)
class Data:
    texts: list[str]
    prevs: list[str]  # the client's last line, "" when the worker spoke just before
    labels: np.ndarray
    transcripts: np.ndarray
    videos: np.ndarray


def load(path: Path = DATA) -> Data:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Data([r["text"] for r in rows],
                [r["prev_text"] if r["prev_speaker"] == "client" else "" for r in rows],
                np.array([r["label"] for r in rows]),
                np.array([int(r["transcript_id"]) for r in rows]),
                np.array([int(r["video"]) for r in rows]))


def matrix(texts: list[str], prevs: list[str], blocks: dict[str, Block],
           offset: int) -> csr_matrix:
    data: list[float] = []
    rows: list[int] = []
    cols: list[int] = []
    for i, (text, prev) in enumerate(zip(texts, prevs, strict=True)):
        for col, value in vectorise(text, prev, blocks, offset).items():
            rows.append(i)
            cols.append(col)
            data.append(value)
    return csr_matrix((data, (rows, cols)), shape=(len(texts), offset + len(DENSE)))


@dataclass(frozen=True)
class Fitted:
    blocks: dict[str, Block]
    offset: int
    model: LogisticRegression

    def predict(self, texts: list[str], prevs: list[str]) -> np.ndarray:
        return self.model.predict(matrix(texts, prevs, self.blocks, self.offset))


def fit(texts: list[str], prevs: list[str], labels: np.ndarray) -> Fitted:
    blocks, offset = fit_blocks(texts, prevs, min_df=2, scales=SCALES)
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(matrix(texts, prevs, blocks, offset), labels)
    return Fitted(blocks, offset, model)


DIGITS = 4  # weights rounded: smaller file, same predictions to the third decimal


def linear_json(fitted: Fitted, trained_on: str) -> dict:
    """The linear model in the form `simulator.core.coder_linear` reads."""
    order = [list(fitted.model.classes_).index(c) for c in CLASSES]
    weights = fitted.model.coef_[order]
    bias = fitted.model.intercept_[order]
    blocks = {}
    for name, block in fitted.blocks.items():
        terms = sorted(block.columns, key=lambda t: block.columns[t][0])
        blocks[name] = {"scale": block.scale, "terms": terms,
                        "idf": [round(block.columns[t][1], 5) for t in terms]}
    return {"format": LINEAR_FORMAT, "classes": list(CLASSES), "blocks": blocks,
            "dense": list(DENSE),
            "weights": [[round(float(w), DIGITS) for w in row] for row in weights],
            "bias": [round(float(b), DIGITS) for b in bias], "trained_on": trained_on}


def write_linear(model: dict, path: Path) -> None:
    """Gzipped JSON, byte for byte the same for the same model (no name, no time)."""
    raw = json.dumps(model, separators=(",", ":"), sort_keys=False).encode("utf-8")
    with path.open("wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0,
                                                  filename="") as out:
        out.write(raw)
