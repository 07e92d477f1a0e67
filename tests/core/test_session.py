"""The engine: branching on state, undo, save and resume, determinism, no leaks."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from simulator.core.errors import SavedSessionError, SessionError
from simulator.core.loader import load_scenario, validate_file
from simulator.core.report import build_report
from simulator.core.routes import reachable_endings, routes, strategy, walk
from simulator.core.session import Session, machine_for

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"


@pytest.fixture
def scenario():
    return load_scenario(MINI)


def test_a_choice_moves_on_and_changes_the_state(scenario) -> None:
    with Session(scenario) as session:
        turn = session.choose(1)
        assert (turn.node_id, turn.target) == ("opening", "middle")
        assert dict(turn.state_before) == {"trust": 3, "arousal": 8}
        assert session.values == {"trust": 5, "arousal": 5}
        assert session.node is not None and session.node.id == "middle"


def test_conditions_see_the_state_after_the_response(scenario) -> None:
    # arousal starts at 8; the confronting option adds 2 -> 10 -> the walk-out branch.
    with Session(scenario) as session:
        session.choose(2)
        assert session.finished and session.ending.id == "walkout"
    # From a calmer start the same response falls through to the 'otherwise' branch.
    with Session(scenario, state={"arousal": 5}) as session:
        session.choose(2)
        assert session.position == "middle"


def test_state_is_kept_within_the_declared_range(scenario) -> None:
    with Session(scenario, state={"trust": 9}) as session:
        session.choose(1)
        assert session.values["trust"] == 10


def test_a_branch_reads_the_accumulated_state(scenario) -> None:
    with Session(scenario) as high, Session(scenario) as low:
        walk(high, [1, 1])  # trust 3 -> 5 -> 6: engaged
        walk(low, [3, 1])  # trust 3 -> 3 -> 4: partial
        assert high.ending.id == "engaged"
        assert low.ending.id == "partial"


def test_undo_restores_node_and_state_exactly(scenario) -> None:
    with Session(scenario) as session:
        session.choose(1)
        before = (session.position, session.values)
        session.choose(2)
        assert session.finished
        undone = session.undo()
        assert undone.option_number == 2
        assert (session.position, session.values) == before
        assert len(session.turns) == 1
        session.choose(1)
        assert session.ending.id == "engaged"


def test_assessment_mode_has_no_undo(scenario) -> None:
    with Session(scenario, mode="assessment") as session:
        session.choose(1)
        assert not session.can_undo
        with pytest.raises(SessionError, match="only available in practice"):
            session.undo()


def test_invalid_choices_are_refused_plainly(scenario) -> None:
    with Session(scenario) as session:
        with pytest.raises(SessionError, match="choose 1 to 3"):
            session.choose(4)
        walk(session, [1, 1])
        with pytest.raises(SessionError, match="has ended"):
            session.choose(1)
    with pytest.raises(SessionError, match="unknown mode"):
        Session(scenario, mode="exam")


def test_save_and_resume_gives_the_same_session(scenario) -> None:
    with Session(scenario) as original:
        original.choose(3)
        saved = json.loads(json.dumps(original.to_dict()))  # as stored on disk
        with Session.restore(scenario, saved) as resumed:
            assert resumed.position == original.position
            assert resumed.values == original.values
            assert [t.score for t in resumed.turns] == [t.score for t in original.turns]
            resumed.choose(1)
            original.choose(1)
            assert build_report(resumed) == build_report(original)


def test_resume_refuses_data_that_no_longer_fits(scenario) -> None:
    with Session(scenario) as session:
        session.choose(1)
        saved = session.to_dict()
    with pytest.raises(SavedSessionError, match="for 'other'"):
        Session.restore(scenario, {**saved, "scenario": "other"})
    with pytest.raises(SavedSessionError, match="cannot be replayed"):
        Session.restore(scenario, {**saved, "choices": [1, 9]})
    with pytest.raises(SavedSessionError, match="has changed"):
        Session.restore(scenario, {**saved, "choices": [9], "digest": "0" * 64})
    with pytest.raises(SavedSessionError, match="another version"):
        Session.restore(scenario, {**saved, "format": 99})


def test_same_choices_give_the_same_transcript_and_scores() -> None:
    reports = []
    for _ in range(2):
        scenario = load_scenario(MINI)  # a fresh load each time, as in a new process
        with Session(scenario) as session:
            walk(session, [3, 1])
            reports.append(json.dumps(build_report(session), sort_keys=True))
    assert reports[0] == reports[1]


def test_random_strategy_is_repeatable_for_a_seed(scenario) -> None:
    def play(seed: int) -> list[int]:
        with Session(scenario) as session:
            walk(session, picker=strategy("random", seed))
            return [t.option_number for t in session.turns]

    assert play(7) == play(7)
    assert len({tuple(play(seed)) for seed in range(20)}) > 1


def test_start_anywhere_with_state_set_by_hand(scenario) -> None:
    with Session(scenario, start="middle", state={"trust": 9}) as session:
        session.choose(1)
        assert session.ending.id == "engaged"
    with pytest.raises(SessionError, match="not a node"):
        Session(scenario, start="nowhere")
    with pytest.raises(SessionError, match="not a state variable"):
        Session(scenario, state={"mood": 3})


def test_node_ids_never_become_python_attributes(tmp_path: Path) -> None:
    text = MINI.read_text().replace("opening", "trigger").replace("middle", "__init__x")
    path = tmp_path / "names.yaml"
    path.write_text(text.replace("__init__x", "to-string"))
    scenario = load_scenario(path)
    with Session(scenario) as session:
        session.choose(1)
        assert session.position == "to-string"
        model = session._model
        assert not any(name.startswith(("is_", "to_")) for name in vars(model))


def test_sessions_are_released_when_closed(scenario) -> None:
    machine = machine_for(scenario)
    for _ in range(50):
        with Session(scenario) as session:
            walk(session, [1, 1])
    assert machine.models == []
    gc.collect()


def test_rupture_follows_a_poor_response(scenario) -> None:
    with Session(scenario, state={"arousal": 2}) as session:
        assert not session.rupture
        session.choose(2)  # harmful, lowers trust
        assert session.rupture
        assert session.turns[-1].rupture_before is False


def test_routes_and_reachable_endings_cover_the_scenario(scenario) -> None:
    listed = list(routes(scenario))
    assert {r.ending for r in listed} == {"engaged", "partial", "walkout"}
    assert (2,) in {r.choices for r in listed}
    reached, complete = reachable_endings(scenario)
    assert complete and reached == {"engaged", "partial", "walkout"}


def test_a_branch_that_never_fires_is_found(tmp_path: Path) -> None:
    path = tmp_path / "dead.yaml"
    path.write_text(MINI.read_text().replace("if: arousal >= 10", "if: arousal >= 11"))
    reached, _ = reachable_endings(validate_file(path).scenario)
    assert "walkout" not in reached


@pytest.mark.parametrize("damage", [{"state": "calm"}, {"state": [5]}, {"choices": 1},
                                    {"choices": [float("inf")]}],
                         ids=["state-text", "state-list", "choices-number", "choice-inf"])
def test_resume_refuses_malformed_saved_data_plainly(scenario, damage: dict) -> None:
    with Session(scenario) as session:
        session.choose(1)
        saved = session.to_dict()
    with pytest.raises(SavedSessionError, match="cannot be replayed"):
        Session.restore(scenario, {**saved, **damage})


def test_a_resume_that_fails_leaves_nothing_in_the_shared_machine(scenario) -> None:
    machine = machine_for(scenario)
    before = len(machine.models)
    with Session(scenario) as session:
        session.choose(1)
        saved = session.to_dict()
    for _ in range(3):
        with pytest.raises(SavedSessionError):
            Session.restore(scenario, {**saved, "choices": [1, 9]})
    assert len(machine.models) == before


TIMED = """\
        next:
          - if: turn >= 6
            goto: walkout
          - if: trust >= 5
            goto: engaged
          - goto: partial
"""


@pytest.fixture
def timed(tmp_path: Path):
    """mini.yaml where the conversation is cut short once six responses have been given."""
    text = MINI.read_text()
    old = "        next:\n          - if: trust >= 5\n            goto: engaged\n" \
          "          - goto: partial\n"
    assert old in text
    path = tmp_path / "timed.yaml"
    path.write_text(text.replace(old, TIMED))
    return load_scenario(path)


def test_a_late_start_counts_the_responses_already_given(timed) -> None:
    with Session(timed, start="middle", state={"trust": 9}) as fresh:
        fresh.choose(1)  # turn 1
        assert fresh.ending.id == "engaged"
    with Session(timed, start="middle", state={"trust": 9}, turns_before=4) as late:
        late.choose(1)  # turn 5: not yet
        assert late.ending.id == "engaged"
    with Session(timed, start="middle", state={"trust": 9}, turns_before=5) as later:
        turn = later.choose(1)  # turn 6: time is up
        assert later.ending.id == "walkout"
        assert turn.number == 1 and len(later.turns) == 1  # this session's own responses
        later.undo()
        assert later.position == "middle"
        later.choose(1)  # undo took the turn back too: still turn 6, not 7 or 5
        assert later.ending.id == "walkout"


def test_a_late_start_is_saved_and_resumed(timed, scenario) -> None:
    with Session(timed, start="opening", turns_before=5) as original:
        original.choose(1)  # turn 6 at 'opening' leads on to 'middle' (no turn branch)
        saved = json.loads(json.dumps(original.to_dict()))
    assert saved["turns_before"] == 5
    with Session.restore(timed, saved) as resumed:
        assert resumed.turns_before == 5 and resumed.position == "middle"
        resumed.choose(1)  # turn 7
        assert resumed.ending.id == "walkout"
    without = {k: v for k, v in saved.items() if k != "turns_before"}
    with Session.restore(timed, without) as resumed:  # an older save: no responses before
        resumed.choose(1)
        assert resumed.ending.id == "engaged"
    with Session(scenario) as learner:  # a learner's save is exactly as before
        assert "turns_before" not in learner.to_dict()
    for wrong in (-1, 2.5, "6", True):
        with pytest.raises(SessionError, match="whole number"):
            Session(timed, turns_before=wrong)
        with pytest.raises(SavedSessionError, match="cannot be replayed"):
            Session.restore(timed, {**saved, "turns_before": wrong})
