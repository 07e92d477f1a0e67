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


def test_sessions_saved_before_the_options_were_reordered_are_not_counted(
        tmp_path: Path) -> None:
    """Option numbers would replay onto other options without any error."""
    before = load_scenario(MINI)
    old = saved(before, [2])  # option 2 of 'opening', the harmful one
    text = MINI.read_text(encoding="utf-8")
    first = text.index("      - text: You'd rather be anywhere but here.")
    second = text.index("      - text: Why are you always so negative?")
    third = text.index("      - text: Have you been drinking today?")
    swapped = text[:first] + text[second:third] + text[first:second] + text[third:]
    path = tmp_path / "mini.yaml"
    path.write_text(swapped, encoding="utf-8")
    result = measure(load_scenario(path), [old])
    assert (result.sessions, result.skipped) == (0, 1)
    assert result.options[("opening", 2)] == 0


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


def test_paths_coverage_without_a_history_says_so_and_creates_nothing() -> None:
    from simulator.storage.history import default_path

    out = io.StringIO()
    assert main(["paths", str(MINI), "--coverage"], out) == 0
    assert "No sessions have been saved on this computer yet" in out.getvalue()
    assert not default_path().exists()
