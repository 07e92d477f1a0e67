"""The utterance coder on social-work words written for these tests (not from
AnnoMI, not from the scenarios): what a MITI coder would give each, in the
settings Rapport teaches (court orders, child protection, mental health, care).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from simulator.core import coder
from simulator.core.coder import FAMILIES, CoderModelError, Coding, code, load_model

# (client's last line, worker's words, expected MITI code)
CASES: list[tuple[str, str, str]] = [
    # open questions
    ("I don't know why I'm here.", "What do you make of being asked to come?", "OQ"),
    ("The school keeps ringing me.", "How have mornings been for you and Kayla?", "OQ"),
    ("I've been on the ward for months.", "Tell me about a day on the ward.", "OQ"),
    ("It's not like I hit her.", "What happened on the night the police came?", "OQ"),
    ("Nobody listens to me.", "How would you want people to listen?", "OQ"),
    ("I'm managing fine.", "What does managing look like on a bad day?", "OQ"),
    # closed questions
    ("I had a drink last night.", "Did you drive home afterwards?", "CQ"),
    ("My mum can't get up in the mornings.", "Is anyone else at home to help her?", "CQ"),
    ("I take my tablets.", "Are you taking them every day?", "CQ"),
    ("He's been off school again.", "Has he been ill?", "CQ"),
    ("I missed the appointment.", "Do you still have the letter with the new date?", "CQ"),
    # simple reflections
    ("I hate coming here.", "You hate coming here.", "SR"),
    ("I've been sober for two weeks.", "Two weeks sober.", "SR"),
    ("The carers come at the wrong time.", "The carers come at the wrong time for you.", "SR"),
    ("I want my kids back.", "You want your children back.", "SR"),
    # complex reflections
    ("I only had two pints. This is a joke.",
     "It feels like the punishment is out of all proportion to what you did.", "CR"),
    ("I love my kids but I can't cope with them some days.",
     "Part of you wants to be there for them, and part of you is exhausted.", "CR"),
    ("Everyone's on at me. The school, you, my mum.",
     "You're fed up with being told what to do by everyone.", "CR"),
    ("I don't need help. I've managed on my own for eighty years.",
     "Being independent matters a great deal to you.", "CR"),
    ("The last social worker took my nephew.",
     "You're scared the same thing could happen to your family.", "CR"),
    ("Whatever. It doesn't matter what I say.",
     "It sounds like you've stopped expecting anyone to hear you.", "CR"),
    # giving information
    ("How long is this going to go on?",
     "The order runs for twelve months, and we meet every two weeks.", "GI"),
    ("What happens at the conference?",
     "The conference is a meeting where everyone shares what they know about the children.",
     "GI"),
    ("Who else knows?",
     "The referral came from the school nurse; your GP has not been told.", "GI"),
    # persuading (no permission)
    ("I'll cut down when I'm ready.", "You really need to stop drinking before it's too late.",
     "Persuade"),
    ("I'm not going to the group.", "You should go to the group, it will help you.",
     "Persuade"),
    ("I don't want carers.", "If I were you, I'd accept the care package.", "Persuade"),
    # persuading with permission
    ("I don't know what else to do.",
     "You might not agree, but a lot of parents find a fixed bedtime helps; see what you "
     "think.", "PWP"),
    # asking permission is seeking collaboration in MITI 4.2.1
    ("I don't know what else to do.",
     "Would it be okay if I shared what has helped other parents?", "Seek"),
    # affirming
    ("I came on the bus on my own.", "Well done for getting here on your own.", "AF"),
    ("I've not missed a single session.",
     "You've kept every appointment, even on the hard weeks.", "AF"),
    ("I told the school myself.", "That took real courage.", "AF"),
    ("I read to them every night.", "You clearly care a lot about your kids.", "AF"),
    # seeking collaboration
    ("I don't know where to start.", "Where would you like to start today?", "Seek"),
    ("You lot decide everything anyway.",
     "What do you think should go in the plan?", "Seek"),
    ("I suppose we could try something.", "Shall we work this out together?", "Seek"),
    # emphasising autonomy
    ("I'm not signing anything.", "It's your decision whether you sign it.", "Emphasize"),
    ("You're going to make me go.", "Nobody can make you go; it's up to you.", "Emphasize"),
    ("I don't want to talk about my dad.", "You don't have to talk about him today.",
     "Emphasize"),
    # confronting
    ("I only had two pints.", "Come off it, nobody gets that reading from two pints.",
     "Confront"),
    ("The house is fine.", "You need to be honest with me about the state of the house.",
     "Confront"),
    ("It's not my fault he's angry.", "You only have yourself to blame for this.",
     "Confront"),
    ("I'm not going.", "If you don't turn up, I'll have to breach you.", "Confront"),
    # no behaviour code: greetings, fillers
    ("Hello.", "Hi, thanks for letting me in.", ""),
    ("Yeah.", "Mm-hmm.", ""),
]


@pytest.fixture(scope="module")
def codings() -> list[Coding]:
    return [code(words, prev) for prev, words, _ in CASES]


def test_the_set_covers_every_code_a_learner_can_earn() -> None:
    assert {expected for _, _, expected in CASES} >= {
        "OQ", "CQ", "SR", "CR", "GI", "Persuade", "PWP", "AF", "Seek", "Emphasize",
        "Confront", ""}
    assert len(CASES) >= 40


@pytest.mark.parametrize(("prev", "words", "expected"), CASES)
def test_each_utterance_gets_the_family_a_miti_coder_would_give(
        prev: str, words: str, expected: str) -> None:
    """Question for a question, reflection for a reflection, and so on."""
    got = code(words, prev)
    assert got.family == FAMILIES[expected], (words, got.code, got.reasons)


def test_most_utterances_get_the_exact_code(codings: list[Coding]) -> None:
    """Sub-types are harder (human coders agree on simple/complex at kappa 0.11)."""
    exact = [c.code == expected for c, (_, _, expected) in zip(codings, CASES, strict=True)]
    misses = [(w, c.code) for c, (_, w, e) in zip(codings, CASES, strict=True) if c.code != e]
    assert sum(exact) / len(exact) >= 0.9, misses


def test_every_coding_says_why_in_plain_words(codings: list[Coding]) -> None:
    for coding in codings:
        assert coding.reasons and all(r.endswith(".") for r in coding.reasons)
        assert 0.0 < coding.confidence <= 1.0
        assert abs(sum(coding.probabilities.values()) - 1.0) < 1e-6


def test_context_turns_a_repeat_of_the_clients_words_into_a_reflection() -> None:
    said = "you don't trust any of us"
    assert code(said + ".", "I don't trust any of you.").family == "reflection"
    assert code(said + "?", "I don't trust any of you.").family == "question"


def test_a_short_statement_about_them_is_a_reflection_not_a_filler() -> None:
    """AnnoMI's "other" is fillers and greetings; "you'd rather..." is neither."""
    assert code("You'd rather be anywhere but here.", "This is a waste of time.").family \
        == "reflection"
    assert code("You know, it is what it is.", "This is a waste of time.").family != \
        "reflection"


def test_pace_and_the_four_rs_where_the_words_show_them() -> None:
    hurt = code("That must be so hard, and it makes sense that you're angry.",
                "Mum didn't come again.")
    assert {"empathy", "acceptance"} <= set(hurt.pace)
    assert code("I wonder if you felt let down.", "She never came.").pace == ("curiosity",)
    assert "denies_feeling" in code("You don't hate me, you're just tired.", "I hate you!").pace
    assert "interrogating" in code("Why did you do that?", "I threw it.").pace
    assert code("Let's take a breath together; there's no rush.", "Get off me!").r4 == "regulate"
    assert code("I'm sorry, I got that wrong.", "You're not listening.").r4 == "repair"
    assert code("What could you do next time he starts on you?", "I'm calm now.").r4 == "reason"
    assert code("You feel nobody is on your side.", "Nobody cares.").r4 == "relate"


def test_same_words_same_coding() -> None:
    first = code("So you're worried about the review.", "The review is next week.")
    again = code("So you're worried about the review.", "The review is next week.")
    assert first == again
    assert Coding.from_dict(first.to_dict()).code == first.code


def test_a_damaged_model_file_says_how_to_repair_it(tmp_path: Path) -> None:
    broken = tmp_path / "coder_net.onnx"
    broken.write_bytes(b"not a network")
    with pytest.raises(CoderModelError, match="reinstall Rapport"):
        load_model(broken)
    with pytest.raises(CoderModelError, match=re.escape("coder_net.onnx is missing")):
        load_model(tmp_path / "gone" / "coder_net.onnx")
    with pytest.raises(CoderModelError, match=re.escape("vocab.txt is missing")):
        load_model(coder.NET_PATH, tmp_path / "vocab.txt")
    linear = tmp_path / "coder_model.json.gz"
    linear.write_bytes(b"not gzip")
    with pytest.raises(CoderModelError, match="reinstall Rapport"):
        load_model(coder.NET_PATH, coder.VOCAB_PATH, linear)
    with gzip.open(linear, "wt") as handle:
        json.dump({"format": 99}, handle)
    with pytest.raises(CoderModelError, match="format 99"):
        load_model(coder.NET_PATH, coder.VOCAB_PATH, linear)


def test_the_model_ships_inside_the_package() -> None:
    for path in (coder.NET_PATH, coder.VOCAB_PATH, coder.LINEAR_PATH):
        assert path.is_file() and path.parent.name == "core"
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert all(f"core/*.{kind}" in pyproject for kind in ("onnx", "txt", "json.gz"))


def test_the_two_readers_are_averaged_so_each_one_counts() -> None:
    """Where the network and the word counts disagree, the blend sits between them."""
    blend = coder.shared_model()
    net, linear = blend.readers
    text, prev = "Losing your licence has cost you a lot.", "Nothing good, obviously."
    both = blend.probabilities(text, prev)
    assert abs(sum(both.values()) - 1.0) < 1e-9
    for behaviour in both:
        low, high = sorted((net.probabilities(text, prev)[behaviour],
                            linear.probabilities(text, prev)[behaviour]))
        assert low - 0.05 <= both[behaviour] <= high + 0.05
