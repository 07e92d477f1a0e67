"""Coverage: which nodes and options saved sessions have visited."""

from __future__ import annotations

import io
import json
from pathlib import Path

from simulator.cli import main
from simulator.core.coverage import measure
from simulator.core.loader import load_scenario
from simulator.core.routes import walk
from simulator.core.session import Session
from simulator.storage.history import History

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"


def saved(scenario, choices: list[int]) -> dict:
    with Session(scenario) as session:
        walk(session, choices)
        return session.to_dict()


def test_counts_visits_and_lists_what_nobody_tried() -> None:
    scenario = load_scenario(MINI)
    result = measure(scenario, [saved(scenario, [1, 1]), saved(scenario, [1]),
                                {**saved(scenario, [1]), "choices": [7]}])
    assert (result.sessions, result.skipped) == (2, 1)
    assert result.nodes["opening"] == 2 and result.nodes["middle"] == 2
    assert result.unchosen_options == [("opening", 2), ("opening", 3), ("middle", 2)]
    assert result.unreached_endings == ["partial", "walkout"]
    assert result.percent() == (100, 40)


def test_paths_coverage_reads_the_history_database(tmp_path: Path) -> None:
    scenario = load_scenario(MINI)
    database = tmp_path / "history.sqlite3"
    with History(database) as history:
        for choices in ([1, 1], [2], [3]):
            with Session(scenario) as session:
                walk(session, choices)
                history.save(session)
    out = io.StringIO()
    assert main(["paths", str(MINI), "--coverage", "--history", str(database)], out) == 0
    text = out.getvalue()
    assert "3 session(s) of 'mini': 100% of nodes visited, 80% of options chosen" in text
    assert "middle option 2: You need to take this seriously." in text
    assert "Ending nobody has reached: partial" in text
    out = io.StringIO()
    main(["paths", str(MINI), "--coverage", "--json", "--history", str(database)], out)
    assert json.loads(out.getvalue())["unreached_endings"] == ["partial"]
