"""Check that Rapport's WordPiece tokenizer cuts text as the reference does.

Usage: python training/check_wordpiece.py   (needs: pip install -e '.[train]')

Compares `simulator.core.wordpiece` with the Hugging Face tokenizer shipped beside
MiniLM on every AnnoMI utterance (worker and client), every line of the bundled
scenarios and a few awkward strings; prints the count that differ (expected: 0).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml
from transformers import AutoTokenizer

from simulator.core.wordpiece import WordPiece
from training.common import load
from training.net import BASE_MODEL

ROOT = Path(__file__).resolve().parent.parent
AWKWARD = ["Café déjà vu — naïve!", "I'm 100% sure...!!", "你好，世界", "😀 okay 👍",
           "x" * 150, "tab\there\r\nnew", "don’t “quote” me", "Ünïcödé ÅÆØ", ""]


def strings() -> list[str]:
    data = load()
    found = list(data.texts) + [p for p in data.prevs if p] + AWKWARD
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        def walk(node: object) -> None:
            if isinstance(node, str):
                found.append(node)
            elif isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def main() -> int:
    reference = AutoTokenizer.from_pretrained(str(BASE_MODEL))
    ours = WordPiece.from_file(BASE_MODEL / "vocab.txt")
    texts = strings()
    differ = [t for t in texts if reference.tokenize(t) != ours.pieces(t)]
    for text in differ[:10]:
        print(f"differs: {text[:60]!r}\n  reference {reference.tokenize(text)[:12]}\n"
              f"  ours      {ours.pieces(text)[:12]}")
    print(f"{len(texts)} strings, {len(differ)} cut differently")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
