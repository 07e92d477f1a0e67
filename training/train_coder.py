"""Rebuild the utterance coder's shipped model from data/annomi/.

Usage: python training/train_coder.py   (needs: pip install -e '.[train]')

Writes simulator/core/coder_model.json.gz: the vocabularies with their idf, the
weights of a multinomial logistic regression over them, and the dense features'
names, so `simulator.core.coder` can apply it with the standard library only.
Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.core.coder import MODEL_FORMAT, MODEL_PATH
from simulator.core.coder_features import DENSE
from training.common import CLASSES, fit, load

DIGITS = 4  # weights rounded: smaller file, same predictions to the third decimal


def main() -> None:
    data = load()
    fitted = fit(data.texts, data.prevs, data.labels)
    order = [list(fitted.model.classes_).index(c) for c in CLASSES]
    weights = fitted.model.coef_[order]
    bias = fitted.model.intercept_[order]
    blocks = {}
    for name, block in fitted.blocks.items():
        terms = sorted(block.columns, key=lambda t: block.columns[t][0])
        blocks[name] = {"scale": block.scale, "terms": terms,
                        "idf": [round(block.columns[t][1], 5) for t in terms]}
    model = {"format": MODEL_FORMAT, "classes": list(CLASSES), "blocks": blocks,
             "dense": list(DENSE),
             "weights": [[round(float(w), DIGITS) for w in row] for row in weights],
             "bias": [round(float(b), DIGITS) for b in bias],
             "trained_on": f"AnnoMI, {len(data.texts)} therapist utterances"}
    raw = json.dumps(model, separators=(",", ":"), sort_keys=False).encode("utf-8")
    with MODEL_PATH.open("wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0,
                                                        filename="") as out:
        out.write(raw)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.2f} MB, "
          f"{fitted.offset + len(DENSE)} features)")


if __name__ == "__main__":
    main()
