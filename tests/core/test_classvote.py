"""Presenter mode's rules: votes, the class's choice, reveal, play, what-if."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.classvote import ENDED, REVEALED, VOTE, ClassVote
from simulator.core.errors import SavedSessionError, SessionError
from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.session import Session

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"


@pytest.fixture
def vote() -> ClassVote:
    return ClassVote(Session(load_scenario(MINI)))


def test_digits_build_a_count_and_moving_on_starts_a_new_one(vote: ClassVote) -> None:
    vote.type_digit(1)
    vote.type_digit(2)
    assert vote.count(1) == 12
    vote.erase_digit()
    assert vote.count(1) == 1
    vote.move(1)
    vote.type_digit(7)
    vote.adjust(1)
    assert (vote.count(2), vote.total) == (8, 9)
    vote.move(-1)
    vote.type_digit(4)  # typing after moving back replaces, not appends
    assert vote.count(1) == 4
    vote.move(-1)
    assert vote.highlighted == 3  # wraps round
    vote.adjust(-1)
    assert vote.count(3) == 0  # never below zero


def test_the_class_choice_is_the_most_votes_and_a_tie_goes_to_the_highlight(
        vote: ClassVote) -> None:
    assert vote.class_choice() == 1  # no votes: the highlighted response
    vote.set_count(2, 5)
    vote.set_count(3, 5)
    vote.select(1)
    assert vote.class_choice() == 2 and vote.tied() == [2, 3]
    vote.select(3)
    assert vote.class_choice() == 3
    vote.set_count(1, 9)
    assert vote.class_choice() == 1 and vote.tied() == []


def test_play_needs_a_reveal_and_keeps_the_votes_with_the_session(vote: ClassVote) -> None:
    vote.set_count(1, 3)
    vote.set_count(3, 18)
    with pytest.raises(SessionError, match="reveal the responses"):
        vote.play()
    vote.reveal()
    assert vote.phase == REVEALED and vote.highlighted == 3
    vote.set_count(1, 50)  # counts are frozen once revealed
    assert vote.count(1) == 3
    turn = vote.play()
    assert (turn.node_id, turn.option_number, vote.phase, vote.total) == ("opening", 3, VOTE, 0)
    vote.reveal()
    vote.play(1)
    assert vote.phase == ENDED
    saved = vote.session.to_dict()
    assert saved["extra"]["presenter"] is True
    assert saved["extra"]["votes"] == [
        {"turn": 1, "node": "opening", "counts": {"1": 3, "3": 18}, "shown": [1, 2, 3],
         "played": 3},
        {"turn": 2, "node": "middle", "counts": {}, "shown": [1, 2], "played": 1}]
    replayed = Session.restore(vote.session.scenario, saved)
    assert replayed.extra["votes"][0]["played"] == 3
    assert build_report(replayed)["extra"]["votes"] == saved["extra"]["votes"]


def test_what_if_shows_another_consequence_without_moving(vote: ClassVote) -> None:
    vote.reveal()
    what = vote.what_if(2)  # confronting at arousal 8 -> 10: he walks out
    assert (what.ending_title, what.ending_outcome) == ("Walked out", "escalated")
    assert vote.session.position == "opening" and not vote.session.turns
    other = vote.what_if(1)
    assert other.lines[0].text == "Whatever. So what happens now?" and not other.ending_title
    assert other.state_after["trust"] == 5


def test_a_damaged_extra_block_is_a_saved_session_error() -> None:
    scenario = load_scenario(MINI)
    saved = {**Session(scenario).to_dict(), "extra": ["not", "a", "mapping"]}
    with pytest.raises(SavedSessionError, match="extra data is not a set of values"):
        Session.restore(scenario, saved)


def test_with_shuffled_responses_votes_are_by_place_and_saved_by_option() -> None:
    scenario = load_scenario(MINI)
    seed = next(s for s in range(100) if Session(scenario, seed=s).shown_order()[0] != 1)
    vote = ClassVote(Session(scenario, seed=seed))
    order = vote.order
    assert sorted(order) == [1, 2, 3] and order[0] != 1
    harmful = order.index(2) + 1  # the place where "Why are you always so negative?" is
    vote.set_count(harmful, 20)
    vote.reveal()
    assert vote.highlighted == harmful
    assert vote.what_if(harmful).ending_title == "Walked out"
    turn = vote.play()
    assert turn.option_number == 2 and turn.shown == order
    assert vote.votes()[0] == {"turn": 1, "node": "opening", "counts": {"2": 20},
                               "shown": list(order), "played": 2}
