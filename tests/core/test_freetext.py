"""Free-text answers in the core: checking the words, matching them to a written
option, and keeping them through a saved session and its report."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.errors import SavedSessionError
from simulator.core.freetext import MAX_CHARS, FreeTextError, answer, check_text
from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.session import Session

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"
DUI = Path(__file__).resolve().parents[2] / "scenarios" / "dui-group.yaml"


@pytest.mark.parametrize(("text", "message"), [
    ("", "Type what you would say"),
    (" \n\t ", "Type what you would say"),
    ("x" * 10_000, "10,000 characters"),
    ("y" * (MAX_CHARS + 1), f"rarely more than {MAX_CHARS}"),
    ("Это пустая трата времени", "only reads English"),
    ("你为什么不来", "only reads English"),
    ("مرحبا كيف حالك", "only reads English"),
    ("😡😡😡", "emoji and symbols"),
    ("?!... 123", "emoji and symbols"),
])
def test_words_the_coder_cannot_read_get_a_message_saying_what_to_do(
        text: str, message: str) -> None:
    with pytest.raises(FreeTextError, match=message):
        check_text(text)


def test_ordinary_words_with_an_emoji_or_an_accent_are_fine() -> None:
    assert check_text("  That sounds  really hard 😔 ") == "That sounds really hard 😔"
    assert check_text("You felt let down by the café job.") == (
        "You felt let down by the café job.")


def test_the_match_prefers_the_same_code_then_the_family_then_meaning() -> None:
    scenario = load_scenario(MINI)
    opening = scenario.nodes["opening"]
    reflection = answer(opening, "You really don't want to be here at all.")
    assert reflection.coding.family == "reflection"
    assert (reflection.match.option, reflection.match.how) == (1, "code")
    question = answer(opening, "Did you have a drink before you came?")
    assert (question.match.option, question.match.how) == (3, "code")
    assert "coded CQ too" in question.match.explanation
    middle = scenario.nodes["middle"]
    info = answer(middle, "The group meets every Tuesday for twelve weeks.")
    assert info.coding.code == "GI"
    assert info.match.how == "meaning"  # no written response here gives information
    assert "nearest in meaning" in info.match.explanation


def test_the_same_words_always_take_the_same_route() -> None:
    scenario = load_scenario(DUI)
    node = scenario.nodes[scenario.start]
    first = answer(node, "What did drinking give you on a Tuesday night?")
    again = answer(node, "What did drinking give you on a Tuesday night?")
    assert first == again


def test_a_saved_free_text_session_replays_with_the_learners_words() -> None:
    scenario = load_scenario(MINI)
    with Session(scenario) as session:
        said = answer(session.node, "You'd rather be anywhere but this room.")
        session.choose(said.match.option, said=said)
        session.choose(1)  # a written response, chosen by clicking
        saved = session.to_dict()
    assert list(saved["said"]) == ["1"]
    with Session.restore(scenario, saved) as again:
        assert again.turns[0].said is not None
        assert again.turns[0].said.text == "You'd rather be anywhere but this room."
        assert again.turns[1].said is None
        report = build_report(again)
    assert report["turns"][0]["text"] == "You'd rather be anywhere but this room."
    assert report["turns"][0]["free_text"]["matched_text"] == "You'd rather be anywhere but here."
    assert "free_text" not in report["turns"][1]


def test_a_session_played_by_choices_saves_exactly_as_before() -> None:
    with Session(load_scenario(MINI)) as session:
        session.choose(1)
        assert "said" not in session.to_dict()


@pytest.mark.parametrize("damage", [
    {"1": "not a record"},
    {"1": {"text": "hi"}},
    {"1": {"text": "hi", "coding": {}, "option": "one"}},
    ["a", "list"],
])
def test_damaged_free_text_in_a_saved_session_is_a_clear_error(damage: object) -> None:
    scenario = load_scenario(MINI)
    with Session(scenario) as session:
        session.choose(1)
        saved = session.to_dict()
    saved["said"] = damage
    with pytest.raises(SavedSessionError, match="cannot be replayed"):
        Session.restore(scenario, saved)
