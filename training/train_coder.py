"""Rebuild the utterance coder's shipped network from data/annomi/.

Usage: python training/train_coder.py   (needs: pip install -e '.[train]')

Fine-tunes MiniLM on all 4,882 AnnoMI therapist utterances (about 15 minutes on
two cores), then writes simulator/core/coder_net.onnx (weights quantised to 8
bits) and the tokenizer's vocabulary beside it, simulator/core/coder_vocab.txt.
Seeded: the same data and the same machine give the same network.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.core.coder_net import NET_PATH, VOCAB_PATH
from training import net
from training.common import CLASSES, load


def main() -> None:
    started = time.perf_counter()
    net.seed_everything()
    data = load()
    model = net.train(data.texts, data.prevs, [CLASSES.index(label) for label in data.labels],
                      len(CLASSES))
    net.export(model, NET_PATH)
    shutil.copyfile(net.BASE_MODEL / "vocab.txt", VOCAB_PATH)
    print(f"wrote {NET_PATH} ({NET_PATH.stat().st_size / 1e6:.1f} MB) and {VOCAB_PATH.name} "
          f"in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
