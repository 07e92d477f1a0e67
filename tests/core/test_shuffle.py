"""Options are shuffled per attempt: seeded, stored with the session, exact on resume.

The learner's choices stay option numbers in file order, so a saved route, `walk
--choices` and the reports mean the same whatever order the options were shown in.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from simulator.cli import main as cli
from simulator.core.errors import SavedSessionError, SessionError
from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.session import Session, shuffled_order

DATA = Path(__file__).resolve().parents[1] / "data" / "valid"
MINI = DATA / "mini.yaml"
EXAMPLE = DATA / "guide_example.yaml"  # five nodes of three or four options


def _seed_that_moves(scenario, node_id: str = "opening") -> int:  # type: ignore[no-untyped-def]
    """The first seed whose order at the start is not the file's (most are)."""
    node = scenario.nodes[node_id]
    file_order = tuple(o.number for o in node.options)
    seed = next(s for s in range(100) if shuffled_order(node, s, 0) != file_order)
    return seed


def _play(path: Path, seed: int | None, choices: list[int]) -> tuple[str, list[tuple]]:
    with Session(load_scenario(path), seed=seed) as session:
        shown = []
        for number in choices:
            shown.append(session.shown_order())
            session.choose(number)
        return json.dumps(build_report(session), sort_keys=True), shown


def test_same_seed_and_choices_give_the_same_transcript_and_orders() -> None:
    first = _play(EXAMPLE, 7, [1, 1, 1])
    assert first == _play(EXAMPLE, 7, [1, 1, 1])
    assert all(sorted(order) == list(range(1, len(order) + 1)) for order in first[1])


def test_the_seed_changes_the_order_but_not_what_a_choice_means() -> None:
    scenario = load_scenario(MINI)
    seed = _seed_that_moves(scenario)
    with Session(scenario, seed=seed) as shuffled, Session(scenario) as plain:
        assert shuffled.shown_order() != plain.shown_order() == (1, 2, 3)
        shuffled.choose(1)
        plain.choose(1)
        a, b = build_report(shuffled)["turns"][0], build_report(plain)["turns"][0]
        assert a["text"] == b["text"] == scenario.nodes["opening"].options[0].text
        assert a["shown_position"] == shuffled.turns[0].shown.index(1) + 1
        assert "shown" not in b  # an unshuffled report is as it always was


def test_orders_differ_between_attempts() -> None:
    scenario = load_scenario(EXAMPLE)
    node = scenario.nodes[scenario.start]
    assert len({shuffled_order(node, seed, 0) for seed in range(20)}) > 3


def test_a_pinned_option_keeps_its_place(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "      - text: Have you been drinking today?\n",
        "      - text: Have you been drinking today?\n        keep_place: true\n")
    path = tmp_path / "pinned.yaml"
    path.write_text(text, encoding="utf-8")
    node = load_scenario(path).nodes["opening"]
    assert node.options[2].keep_place
    orders = {shuffled_order(node, seed, 0) for seed in range(30)}
    assert {order[2] for order in orders} == {3}
    assert orders == {(1, 2, 3), (2, 1, 3)}


def test_the_saved_session_stores_seed_and_shown_orders_and_resumes_exactly() -> None:
    scenario = load_scenario(EXAMPLE)
    with Session(scenario, seed=11) as session:
        session.choose(2)
        session.choose(1)
        waiting = session.shown_order()
        saved = session.to_dict()
        report = build_report(session)
    assert saved["seed"] == 11
    assert len(saved["shown"]) == 3 and saved["shown"][-1] == list(waiting)
    saved = json.loads(json.dumps(saved))  # as the history stores it
    with Session.restore(scenario, saved) as again:
        assert again.shown_order() == waiting
        assert build_report(again) == report


def test_replay_shows_the_stored_order_even_if_the_shuffle_rule_changed() -> None:
    scenario = load_scenario(MINI)
    with Session(scenario, seed=3) as session:
        saved = session.to_dict()
    saved["shown"] = [[3, 1, 2]]  # what the learner saw, whatever the seed now gives
    with Session.restore(scenario, saved) as again:
        assert again.shown_order() == (3, 1, 2)
        again.choose(3)
        assert again.turns[0].shown == (3, 1, 2) and again.turns[0].shown_position == 1


def test_a_stored_order_that_does_not_fit_the_node_is_recomputed() -> None:
    scenario = load_scenario(MINI)
    saved = Session(scenario, seed=3).to_dict()
    saved["shown"] = [[1, 1, 9], "junk"]
    with Session.restore(scenario, saved) as again:
        assert again.shown_order() == shuffled_order(scenario.nodes["opening"], 3, 0)


def test_a_session_saved_before_shuffling_still_loads_in_file_order() -> None:
    scenario = load_scenario(MINI)
    old = {"format": 1, "scenario": "mini", "digest": scenario.digest, "mode": "practice",
           "start": "opening", "state": {"trust": 3, "arousal": 8}, "choices": [1],
           "finished": False}
    with Session.restore(scenario, old) as session:
        assert session.seed is None
        assert session.shown_order() == (1, 2)
        assert "seed" not in session.to_dict() and "shown" not in session.to_dict()


def test_undo_keeps_the_order_the_learner_was_shown() -> None:
    with Session(load_scenario(EXAMPLE), seed=5) as session:
        before = session.shown_order()
        session.choose(1)
        session.undo()
        assert session.shown_order() == before


def test_a_seed_that_is_not_a_whole_number_is_refused() -> None:
    scenario = load_scenario(MINI)
    with pytest.raises(SessionError, match="shuffle seed must be a whole number"):
        Session(scenario, seed="abc")  # type: ignore[arg-type]
    saved = Session(scenario).to_dict() | {"seed": [1]}
    with pytest.raises(SavedSessionError, match="cannot be replayed"):
        Session.restore(scenario, saved)


def test_walk_choices_keep_file_order() -> None:
    out = StringIO()
    assert cli(["walk", str(MINI), "--choices", "2", "--json"], out=out) == 0
    report = json.loads(out.getvalue())
    assert "seed" not in report
    assert report["turns"][0]["text"] == load_scenario(MINI).nodes["opening"].options[1].text
