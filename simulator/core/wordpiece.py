"""BERT's uncased WordPiece tokenizer, in the standard library.

The utterance coder's network was pre-trained on this tokenisation, so its input
must be cut into the same pieces. Written here rather than taken from a package:
the Hugging Face `tokenizers` wheel drags in the hub client and its downloads,
and the algorithm is short. Training and the app both use this module, so the
pieces a model learnt from and the pieces it is given always agree;
`training/check_wordpiece.py` compares it with the reference tokenizer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_WORD_CHARS = 100  # longer "words" (a pasted URL, a key held down) become [UNK]


def _is_punctuation(char: str) -> bool:
    cp = ord(char)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F
            or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F)


def _clean(text: str) -> str:
    out = []
    for char in text:
        cp = ord(char)
        if char in " \t\n\r" or unicodedata.category(char) == "Zs":
            out.append(" ")
        elif cp == 0 or cp == 0xFFFD or unicodedata.category(char).startswith("C"):
            continue
        elif _is_cjk(cp):
            out.append(f" {char} ")
        else:
            out.append(char)
    return "".join(out)


def basic_words(text: str) -> list[str]:
    """Lower-case, strip accents, and split on spaces and punctuation, as BERT does."""
    words: list[str] = []
    for token in _clean(text).split():
        token = unicodedata.normalize("NFD", token.lower())
        token = "".join(c for c in token if unicodedata.category(c) != "Mn")
        current: list[str] = []
        for char in token:
            if _is_punctuation(char):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
    return words


@dataclass(frozen=True)
class WordPiece:
    vocab: Mapping[str, int]

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return cls({piece: index for index, piece in enumerate(lines)})

    def pieces(self, text: str) -> list[str]:
        out: list[str] = []
        for word in basic_words(text):
            if len(word) > MAX_WORD_CHARS:
                out.append("[UNK]")
                continue
            start, found = 0, []
            while start < len(word):
                end = len(word)
                while end > start:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    if piece in self.vocab:
                        break
                    end -= 1
                if end == start:
                    found = ["[UNK]"]
                    break
                found.append(piece)
                start = end
            out.extend(found)
        return out

    def ids(self, text: str) -> list[int]:
        return [self.vocab[p] for p in self.pieces(text)]

    def encode_pair(self, first: str, second: str, max_length: int,
                    first_max: int) -> tuple[list[int], list[int]]:
        """[CLS] first [SEP] second [SEP] as ids and segment ids.

        `first` (the worker's words) keeps its start, up to `first_max` pieces;
        `second` (the client's line) keeps its end, the part nearest the reply.
        """
        a = self.ids(first)[:first_max]
        room = max_length - len(a) - 3
        b = self.ids(second) if second.strip() else []
        b = b[len(b) - room:] if room > 0 and len(b) > room else (b if room > 0 else [])
        cls, sep = self.vocab["[CLS]"], self.vocab["[SEP]"]
        if not b:
            ids = [cls, *a, sep]
            return ids, [0] * len(ids)
        ids = [cls, *a, sep, *b, sep]
        return ids, [0] * (len(a) + 2) + [1] * (len(b) + 1)


def pad(rows: Sequence[Sequence[int]], value: int = 0) -> list[list[int]]:
    width = max(len(r) for r in rows)
    return [list(r) + [value] * (width - len(r)) for r in rows]
