"""One history per profile on a shared PC, and the who/what/when every export carries."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from simulator.core.loader import load_scenario
from simulator.core.profile import Profile
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.storage.exports import report_csv
from simulator.storage.history import History
from simulator.storage.meta import default_file_name, export_meta, with_meta
from simulator.storage.profiles import ProfileStore, history_path

from . import MINI, played

ALEX = Profile("Alex Kim", "S123", "SW2")
BEA = Profile("Bea", "S456", "SW2")


def test_each_profile_has_its_own_history(tmp_path: Path) -> None:
    scenario = load_scenario(MINI)
    with History(history_path(ALEX)) as alex, History(history_path(BEA)) as bea:
        alex.save(played(scenario, [1, 1]))
        assert len(alex.sessions()) == 1
        assert bea.sessions() == []
    assert history_path(ALEX) != history_path(BEA) != history_path(None)


def test_the_store_remembers_the_last_profile_first(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles.json")
    assert store.profiles() == [] and store.last() is None
    store.use(ALEX)
    store.use(BEA)
    store.use(ALEX)
    assert store.profiles() == [ALEX, BEA]
    store.remove(BEA)
    assert ProfileStore(tmp_path / "profiles.json").profiles() == [ALEX]


def test_a_damaged_profile_list_is_read_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_text("{not json", encoding="utf-8")
    assert ProfileStore(path).profiles() == []
    path.write_text(json.dumps({"profiles": [{"name": ""}, ALEX.to_dict()]}), encoding="utf-8")
    assert ProfileStore(path).profiles() == [ALEX]


def test_undone_tries_are_saved_replayed_and_reported() -> None:
    scenario = load_scenario(MINI)
    session = Session(scenario)
    session.choose(2)
    session.undo()
    session.choose(1)
    saved = session.to_dict()
    assert saved["undone"] == [["opening", 2]]
    again = Session.restore(scenario, json.loads(json.dumps(saved)))
    assert again.undone == [("opening", 2)]
    report = build_report(again)
    assert report["undone"][0]["grade"] == "harmful"
    assert "undone" not in build_report(played(scenario, [1]))  # nothing undone: as before


def test_attempts_count_sessions_of_the_same_scenario_in_the_order_started() -> None:
    scenario = load_scenario(MINI)
    with History() as history:
        first = history.save(played(scenario, [1]))
        second = history.save(played(scenario, [2]))
        history.save(played(scenario, [1, 1]), first)  # resuming the first keeps it first
        assert history.attempt(first) == 1
        assert history.attempt(second) == 2
        assert history.attempt("nope") is None


def test_every_export_carries_profile_scenario_version_date_mode_attempt_undone() -> None:
    scenario = load_scenario(MINI)
    session = Session(scenario)
    session.choose(3)
    session.undo()
    session.choose(1)
    session.choose(1)
    report = build_report(session)
    meta = export_meta(report, ALEX, attempt=2, date="2026-12-03T09:15:00+00:00")
    assert meta["profile"] == ALEX.to_dict()
    assert meta["scenario_id"] == "mini" and meta["scenario_version"] == scenario.digest
    assert (meta["mode"], meta["attempt"], meta["undone_tries"]) == ("practice", 2, 1)
    rows = list(csv.DictReader(io.StringIO(report_csv(with_meta(report, meta)))))
    assert len(rows) == 2
    assert rows[0]["student"] == "Alex Kim" and rows[1]["student_id"] == "S123"
    assert rows[1]["attempt"] == "2" and rows[1]["undone_tries"] == "1"
    plain = list(csv.DictReader(io.StringIO(report_csv(report))))
    assert "student" not in plain[0]  # without a profile block the columns are as before


def test_default_file_names_differ_by_student_date_and_attempt() -> None:
    report = build_report(played(load_scenario(MINI), [1, 1]))
    names = {
        default_file_name(export_meta(report, p, attempt=a, date=d), ".pdf")
        for p, a, d in [(ALEX, 1, "2026-12-03T09:15:00+00:00"),
                        (ALEX, 2, "2026-12-03T09:15:00+00:00"),
                        (BEA, 1, "2026-12-03T09:15:00+00:00"),
                        (ALEX, 1, "2026-12-04T09:15:00+00:00")]}
    assert len(names) == 4
    assert "rapport-mini-s123-20261203-0915-attempt1.pdf" in names
