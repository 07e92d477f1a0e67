"""Shared steps for the learning-record tests: play and save a real session."""

from __future__ import annotations

from pathlib import Path

from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.storage.history import History
from simulator.xapi.actor import Learner
from simulator.xapi.outbox import Outbox
from simulator.xapi.records import queue_session

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "valid" / "mini.yaml"
GUIDE = DATA / "valid" / "guide_example.yaml"
ROOT_SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
LEARNER = Learner("Ann Example", "s1234567", "https://www.example.edu")


def play_and_queue(history: History, outbox: Outbox, choices: list[int],
                   learner: Learner = LEARNER, path: Path = MINI) -> str:
    """Play `choices`, saving and queueing after every turn as the app does; the record id."""
    scenario = load_scenario(path)
    record_id = None
    with Session(scenario) as session:
        for number in choices:
            session.choose(number)
            record_id = history.save(session, record_id)
            queue_session(outbox, build_report(session), record_id, learner)
    assert record_id is not None
    return record_id
