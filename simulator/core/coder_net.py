"""The utterance coder's network: MiniLM fine-tuned on AnnoMI, run with onnxruntime.

It tells the four behaviours AnnoMI labels (question, reflection, giving
information, other) from the worker's words and the client's last line, reading
word order and the client's line together. The coder averages it with the linear
model over word counts (`coder.Blend`): the two make different mistakes (README,
"The utterance coder").

One thread, one sentence at a time, so a reading takes a few milliseconds and
gives the same numbers on every run. onnxruntime is imported on first use:
students who never type an answer never pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .coder_features import softmax
from .wordpiece import WordPiece

NET_PATH = Path(__file__).with_name("coder_net.onnx")
VOCAB_PATH = Path(__file__).with_name("coder_vocab.txt")
CLASSES = ("question", "reflection", "therapist_input", "other")
MAX_LENGTH = 128  # pieces in all: the worker's words first, then the client's line
FIRST_MAX = 96  # the worker's words never give up more than this to the client's


class NetModel:
    """Reads an utterance (and the client's last line) -> behaviour probabilities."""

    def __init__(self, path: Path = NET_PATH, vocab: Path = VOCAB_PATH) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session: Any = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"])
        self._pieces = WordPiece.from_file(vocab)

    def probabilities(self, text: str, prev: str) -> dict[str, float]:
        import numpy

        ids, types = self._pieces.encode_pair(text, prev, MAX_LENGTH, FIRST_MAX)
        feed = {"input_ids": numpy.array([ids], dtype=numpy.int64),
                "attention_mask": numpy.ones((1, len(ids)), dtype=numpy.int64),
                "token_type_ids": numpy.array([types], dtype=numpy.int64)}
        return softmax(CLASSES, (float(v) for v in self._session.run(["logits"], feed)[0][0]))
