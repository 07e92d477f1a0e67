"""Hand-in files: what goes in, and that an edited or damaged file is refused by name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.core.loader import load_scenario
from simulator.core.profile import Profile
from simulator.storage.handin import (
    HandInError,
    default_name,
    handin_from_history,
    read_folder,
    read_handin,
    replay_matches,
    write_handin,
)
from simulator.storage.history import History

from . import MINI, played

ALEX = Profile("Alex Kim", "S123", "SW2")


@pytest.fixture
def handed(tmp_path: Path) -> Path:
    scenario = load_scenario(MINI)
    with History() as history:
        first = history.save(played(scenario, [3, 1]))
        second = history.save(played(scenario, [1, 1]))
        data = handin_from_history(history, ALEX, [first, second],
                                   created="2026-12-03T09:15:00+00:00")
    return write_handin(data, tmp_path / default_name(ALEX, data["created"]))


def _edit(path: Path, change: Any) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_hand_in_holds_the_chosen_sessions_with_who_and_which_attempt(handed: Path) -> None:
    assert handed.name == "handin-sw2-s123-20261203-0915.rapport.json"
    handin = read_handin(handed)
    assert handin.profile == ALEX
    assert [s.meta["attempt"] for s in handin.sessions] == [1, 2]
    assert [s.report["ending"]["id"] for s in handin.sessions] == ["partial", "engaged"]
    assert handin.sessions[0].saved["choices"] == [3, 1]


def test_layout_does_not_matter_only_content(handed: Path) -> None:
    data = json.loads(handed.read_text(encoding="utf-8"))
    handed.write_text(json.dumps(dict(reversed(list(data.items()))), indent=8),
                      encoding="utf-8")
    assert read_handin(handed).profile == ALEX


@pytest.mark.parametrize("change", [
    lambda d: d["sessions"][0]["report"]["report"]["overall"].update(score=100),
    lambda d: d["profile"].update(name="Someone Else"),
    lambda d: d["sessions"].pop(0),
    lambda d: d["sessions"][1]["meta"].update(attempt=1),
    lambda d: d.pop("digest"),
], ids=["score", "name", "dropped-session", "attempt", "no-digest"])
def test_any_edit_after_handing_in_is_detected(handed: Path, change: Any) -> None:
    _edit(handed, change)
    with pytest.raises(HandInError, match=r"handin-sw2-s123-.*has been changed since it was "
                                          r"handed in.*ask the student to hand it in again"):
        read_handin(handed)


@pytest.mark.parametrize(("text", "message"), [
    ('{"kind": "rapport-hand-in",\n "format": 1,\n', r"not valid JSON \(line 3"),
    ('{"format": 1}', "is not a Rapport hand-in file"),
    ('[1, 2]', "is not a Rapport hand-in file"),
    ('{"kind": "rapport-hand-in", "format": 9}', "format 9"),
])
def test_files_that_are_not_hand_ins_say_what_is_wrong(tmp_path: Path, text: str,
                                                       message: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HandInError, match=f"odd.json: .*{message}"):
        read_handin(path)


def test_binary_and_missing_files_are_plain_errors(tmp_path: Path) -> None:
    (tmp_path / "photo.json").write_bytes(b"\xff\xd8\xff\xe0" * 10)
    with pytest.raises(HandInError, match=r"photo\.json: is not a text file"):
        read_handin(tmp_path / "photo.json")
    with pytest.raises(HandInError, match=r"gone\.json: could not be read"):
        read_handin(tmp_path / "gone.json")


def test_a_folder_reads_good_files_and_lists_the_rest(handed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.json"
    copy.write_bytes(handed.read_bytes())
    bad = tmp_path / "edited.json"
    bad.write_bytes(handed.read_bytes())
    _edit(bad, lambda d: d["profile"].update(name="Forged"))
    (tmp_path / "notes.txt").write_text("not a hand-in", encoding="utf-8")
    handins, problems = read_folder(tmp_path)
    assert len(handins) == 1
    assert any("counted once" in p for p in problems)
    assert any(p.startswith("edited.json: has been changed") for p in problems)
    with pytest.raises(HandInError, match="there is no folder here"):
        read_folder(tmp_path / "missing")


def test_replaying_the_choices_confirms_the_scores(handed: Path) -> None:
    scenario = load_scenario(MINI)
    session = read_handin(handed).sessions[0]
    assert replay_matches(session, scenario)
    forged = type(session)(session.meta, session.saved,
                           {**session.report, "report": {"overall": {"score": 100}}})
    assert not replay_matches(forged, scenario)
