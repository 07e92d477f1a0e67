"""A class report read from the record store: each student's sessions, replayed.

Students whose sessions already reach the LRS need not hand in files; the trainer's
`class --lrs` reads the records back and rebuilds the same report a hand-in gives.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.core.loader import load_scenario
from simulator.core.profile import Profile
from simulator.storage.history import History
from simulator.xapi.classroom import attempts, learner_of, works_from_records
from simulator.xapi.config import XapiConfigStore, XapiSettings
from simulator.xapi.outbox import Outbox
from simulator.xapi.records import class_statements
from simulator.xapi.sender import Sender

from .helpers import GUIDE, LEARNER, MINI, play_and_queue
from .lrs import PASSWORD, USER, Lrs
from .test_real_lrs import client_for

ANN = Profile("Ann Example", "s1234567", "SW2")
BO = Profile("Bo Example", "s7654321", "SW2")
HOME = "https://www.example.edu"


def _send_class(lrs: Lrs, tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history, Outbox(history.path) as outbox:
        play_and_queue(history, outbox, [1, 1])  # Ann: the best route
        play_and_queue(history, outbox, [2], learner=learner_of(BO, HOME))  # Bo walks out
        play_and_queue(history, outbox, [3, 2], learner=learner_of(BO, HOME))  # then partial
        play_and_queue(history, outbox, [1], path=GUIDE)  # another scenario: left out
        assert Sender(outbox, client_for(lrs)).drain().failure is None


def test_each_students_sessions_are_replayed_from_their_records(
        lrs: Lrs, tmp_path: Path) -> None:
    _send_class(lrs, tmp_path)
    scenario = load_scenario(MINI)
    records = class_statements(client_for(lrs), [learner_of(ANN, HOME), learner_of(BO, HOME)],
                               "mini")
    assert [a.choices for a in attempts(records["s7654321"], "mini")] == [(2,), (3, 2)]
    works, problems = works_from_records(records, [ANN, BO], scenario)
    assert problems == []
    assert [(w.profile, w.meta["attempt"], w.report["ending"]["id"]) for w in works] == [
        (ANN, 1, "engaged"), (BO, 1, "walkout"), (BO, 2, "partial")]
    assert works[0].report["report"]["overall"]["score"] == 100


def test_class_lrs_command_prints_the_report_and_writes_the_gradebook(
        lrs: Lrs, tmp_path: Path) -> None:
    _send_class(lrs, tmp_path)
    XapiConfigStore().save(XapiSettings(endpoint=lrs.endpoint, key=USER,
                                        account_homepage=LEARNER.homepage), PASSWORD)
    roster = tmp_path / "class.csv"
    roster.write_text("name,student_id,class_code\nAnn Example,s1234567,SW2\n"
                      "Bo Example,s7654321,SW2\nCy Absent,s0000001,SW2\n", encoding="utf-8")
    gradebook = tmp_path / "grades.csv"
    out = io.StringIO()
    code = main(["class", "--lrs", str(roster), "--scenario", "mini",
                 "--scenarios", str(MINI.parent), "--csv", str(gradebook)], out)
    assert code == 0, out.getvalue()
    assert "Ann Example" in out.getvalue() and "Bo Example" in out.getvalue()
    rows = gradebook.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 and rows[1].startswith("Ann Example")


def test_class_lrs_without_a_record_store_says_what_to_set_up(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name,student_id,class_code\nAnn,s1,SW2\n", encoding="utf-8")
    out = io.StringIO()
    code = main(["class", "--lrs", str(roster), "--scenario", "mini",
                 "--scenarios", str(MINI.parent)], out)
    assert code != 0
    assert "under Settings, Learning records" in capsys.readouterr().err
