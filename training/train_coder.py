"""Rebuild the utterance coder's two shipped readers from data/annomi/.

Usage: python training/train_coder.py [--linear-only]   (needs: pip install -e '.[train]')

1. The linear model over word counts (seconds): simulator/core/coder_model.json.gz.
2. The network (about 30 minutes on two cores): MiniLM fine-tuned on all 4,882
   AnnoMI therapist utterances, written as simulator/core/coder_net.onnx (weights
   quantised to 8 bits) with the tokenizer's vocabulary, coder_vocab.txt.
Seeded: the same data and the same machine give the same files.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.core.coder_linear import LINEAR_PATH
from simulator.core.coder_net import NET_PATH, VOCAB_PATH
from training.common import CLASSES, fit, linear_json, load, write_linear


def main() -> None:
    started = time.perf_counter()
    data = load()
    fitted = fit(data.texts, data.prevs, data.labels)
    write_linear(linear_json(fitted, f"AnnoMI, {len(data.texts)} therapist utterances"),
                 LINEAR_PATH)
    print(f"wrote {LINEAR_PATH} ({LINEAR_PATH.stat().st_size / 1e6:.2f} MB)", flush=True)
    if "--linear-only" in sys.argv:
        return
    from training import net  # torch is slow to import

    net.seed_everything()
    model = net.train(data.texts, data.prevs, [CLASSES.index(label) for label in data.labels],
                      len(CLASSES))
    net.export(model, NET_PATH)
    shutil.copyfile(net.BASE_MODEL / "vocab.txt", VOCAB_PATH)
    print(f"wrote {NET_PATH} ({NET_PATH.stat().st_size / 1e6:.1f} MB) and {VOCAB_PATH.name} "
          f"in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
