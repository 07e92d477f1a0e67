"""A save that does not wait for the disk is still a committed save; `sync()` then
waits for the disk. The app saves a response this way before drawing its feedback."""

from __future__ import annotations

from pathlib import Path

from simulator.core.loader import load_scenario
from simulator.storage.history import History

from . import MINI, played


def test_a_save_without_waiting_is_committed_and_sync_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    scenario = load_scenario(MINI)
    with History(path) as history, History(path) as other_window:
        record = history.save(played(scenario, [1]), wait_for_disk=False)
        assert [s.id for s in other_window.summaries()] == [record]  # committed already
        history.sync()
        history.save(played(scenario, [1, 1]), record)  # and the next save waits as before
    with History(path) as reopened:
        saved = reopened.get(record)
        assert saved is not None and saved.finished and saved.turns == 2
