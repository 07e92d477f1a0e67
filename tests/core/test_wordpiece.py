"""The coder's tokenizer: the network only understands the pieces it was trained on.

Expected pieces were read off the reference (Hugging Face) tokenizer.

`training/check_wordpiece.py` compares this tokenizer with the reference one on
every AnnoMI utterance and scenario line (0 differ); these tests pin the rules a
learner's typing runs into: capitals, accents, punctuation, emoji, other scripts,
a key held down, and an answer far longer than the network reads.
"""

from __future__ import annotations

import random

import pytest

from simulator.core.coder_net import FIRST_MAX, MAX_LENGTH, VOCAB_PATH
from simulator.core.wordpiece import WordPiece, basic_words


@pytest.fixture(scope="module")
def pieces() -> WordPiece:
    return WordPiece.from_file(VOCAB_PATH)


def test_words_are_lower_cased_unaccented_and_cut_at_punctuation() -> None:
    assert basic_words("You DON'T trust me, Zoë?") == [
        "you", "don", "'", "t", "trust", "me", ",", "zoe", "?"]
    assert basic_words("tab\there\r\nnew\u00a0line") == ["tab", "here", "new", "line"]
    assert basic_words("我很好 okay") == ["我", "很", "好", "okay"]


def test_unknown_words_are_cut_into_known_pieces(pieces: WordPiece) -> None:
    assert pieces.pieces("unhelpfulness") == ["un", "##hel", "##pf", "##ul", "##ness"]
    assert pieces.pieces("So you feel stuck.") == ["so", "you", "feel", "stuck", "."]


def test_what_it_cannot_read_becomes_unknown_not_an_error(pieces: WordPiece) -> None:
    assert pieces.pieces("a" * 150) == ["[UNK]"]
    assert pieces.pieces("okay \U0001f44d") == ["okay", "[UNK]"]
    assert pieces.pieces("\x00\ufffd") == []
    assert pieces.pieces("我很好 okay") == ["我", "[UNK]", "[UNK]", "okay"]


def test_a_pair_is_the_workers_words_then_the_clients(pieces: WordPiece) -> None:
    ids, types = pieces.encode_pair("You feel stuck.", "I don't want to be here.", 128, 96)
    assert ids[0] == pieces.vocab["[CLS]"] and ids[-1] == pieces.vocab["[SEP]"]
    assert ids.count(pieces.vocab["[SEP]"]) == 2
    assert types == [0] * 6 + [1] * (len(ids) - 6)
    alone, alone_types = pieces.encode_pair("Mm-hmm.", "  ", 128, 96)
    assert alone.count(pieces.vocab["[SEP]"]) == 1 and set(alone_types) == {0}


def test_a_long_answer_keeps_its_start_and_the_clients_line_its_end(
        pieces: WordPiece) -> None:
    worker = "one " * 200
    client = "start " + "middle " * 200 + "finish"
    ids, types = pieces.encode_pair(worker, client, MAX_LENGTH, FIRST_MAX)
    assert len(ids) == MAX_LENGTH
    assert types.count(0) == FIRST_MAX + 2
    assert ids[-2] == pieces.vocab["finish"]
    assert pieces.vocab["start"] not in ids


def test_any_text_encodes_within_the_limit(pieces: WordPiece) -> None:
    """A seeded fuzz over every plane of Unicode, as typed or pasted by a learner."""
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000),
                                       rng.randrange(0x1F300, 0x1FAFF),
                                       rng.randrange(0, 0x110000)]))
                       for _ in range(rng.randrange(0, 400)))
        text = text.encode("utf-8", "replace").decode("utf-8", "replace")
        ids, types = pieces.encode_pair(text, text[::-1], MAX_LENGTH, FIRST_MAX)
        assert 2 <= len(ids) <= MAX_LENGTH and len(types) == len(ids)
        assert all(0 <= i < len(pieces.vocab) for i in ids)
