"""The command line, as a writer or a CI job uses it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
MINI = str(DATA / "valid" / "mini.yaml")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_validate_valid_file_exits_zero() -> None:
    code, text = run("validate", MINI)
    assert code == 0
    assert "1 file(s) checked: 1 valid" in text


def test_validate_prints_located_problems_and_exits_one() -> None:
    code, text = run("validate", str(DATA / "invalid" / "dangling_target.yaml"), MINI)
    assert code == 1
    first = text.splitlines()[0]
    assert first.endswith("dangling_target.yaml:27:15: error: option 1 of node 'opening' leads "
                          "to 'openning', which does not exist (did you mean 'opening'?)")
    assert "2 file(s) checked: 1 valid, 1 with errors" in text


def test_validate_strict_fails_on_warnings() -> None:
    path = str(DATA / "invalid" / "unreachable_node.yaml")
    assert run("validate", path)[0] == 0
    assert run("validate", "--strict", path)[0] == 1


def test_validate_json_lists_problems() -> None:
    code, text = run("validate", "--json", str(DATA / "invalid" / "unknown_code.yaml"))
    data = json.loads(text)
    assert code == 1 and data[0]["valid"] is False
    assert data[0]["problems"][0]["line"] == 24


def test_validate_a_folder_checks_every_scenario_in_it(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(Path(MINI).read_text())
    (tmp_path / "b.yaml").write_text("id: [")
    code, text = run("validate", str(tmp_path))
    assert code == 1 and "2 file(s) checked: 1 valid, 1 with errors" in text


def test_walk_with_choices_prints_the_transcript() -> None:
    code, text = run("walk", MINI, "--choices", "1,1")
    assert code == 0
    assert "Sam (arms folded): This is a waste of time." in text
    assert "Ending: Talking (engaged)" in text


def test_walk_json_has_the_stable_shape() -> None:
    code, text = run("walk", MINI, "--strategy", "best", "--json")
    data = json.loads(text)
    assert code == 0
    assert data["ending"] == {"id": "engaged", "title": "Talking", "outcome": "engaged",
                              "debrief": "You kept him talking.", "lines": []}
    turn = data["turns"][0]
    for key in ("node", "option", "text", "codes", "grade", "state_before", "state_after",
                "scores", "explanation"):
        assert key in turn
    mi = data["report"]["mi"]
    for key in ("counts", "r_q", "pct_cr", "adherent", "non_adherent", "verdicts"):
        assert key in mi
    assert {"pace", "r4", "trajectory"} <= set(data["report"])


def test_best_strategy_beats_worst_on_miti() -> None:
    best = json.loads(run("walk", MINI, "--strategy", "best", "--json")[1])
    worst = json.loads(run("walk", MINI, "--strategy", "worst", "--json")[1])
    assert best["report"]["mi"]["verdicts"]["pct_cr"] == "good"
    assert worst["report"]["mi"]["non_adherent"] >= 1
    assert worst["ending"]["outcome"] == "escalated"


def test_walk_reports_user_mistakes_without_a_traceback(capsys: pytest.CaptureFixture) -> None:
    assert run("walk", MINI, "--choices", "1,9")[0] == 1
    assert "there is no response 9 here" in capsys.readouterr().err
    assert run("walk", MINI, "--choices", "one")[0] == 1
    assert "--choices takes option numbers" in capsys.readouterr().err
    assert run("walk", str(DATA / "invalid" / "unknown_code.yaml"))[0] == 1
    assert "'CRR' is not one of the MI codes" in capsys.readouterr().err


def test_paths_lists_routes_and_endings() -> None:
    code, text = run("paths", MINI)
    assert code == 0
    assert "5 route(s); endings reached: 3 of 3" in text
    data = json.loads(run("paths", MINI, "--json")[1])
    assert {"choices": [2], "ending": "walkout", "score": 0} in data["routes"]
    assert data["endings_unreached"] == []


def test_paths_flags_endings_no_route_reaches(tmp_path: Path) -> None:
    path = tmp_path / "dead.yaml"
    path.write_text(Path(MINI).read_text().replace("arousal >= 10", "arousal >= 11"))
    code, text = run("paths", str(path))
    assert code == 1 and "no choices reach ending 'walkout'" in text


def test_walk_shows_what_each_response_did_to_the_state() -> None:
    code, text = run("walk", str(ROOT / "scenarios" / "_template.yaml"), "--strategy", "worst")
    assert code == 0
    assert "    state: trust 3 -> 1, arousal 6 -> 9" in text
    assert "MI: R:Q n/a (not enough data)" in text


def test_schema_path_gives_a_modeline_that_finds_the_schema_from_anywhere() -> None:
    code, text = run("schema", "--path")
    assert code == 0
    assert text.startswith("# yaml-language-server: $schema=")
    schema = Path(text.split("=", 1)[1].strip())
    assert schema.is_absolute()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"]


def test_graph_prints_mermaid() -> None:
    code, text = run("graph", MINI)
    assert code == 0
    assert "stateDiagram-v2" in text
    assert "opening --> walkout: 2 harmful if arousal >= 10" in text
    assert "engaged --> [*]" in text


def test_graph_of_hyphenated_ids_and_a_titled_colon_is_valid_mermaid() -> None:
    """Mermaid state names take letters, digits and '_' only, and the title is YAML front
    matter: 'door-open' or 'First visit: ...' written as they are break the diagram."""
    import re

    import yaml

    code, text = run("graph", str(ROOT / "scenarios" / "neglect-first-visit.yaml"))
    assert code == 0
    _, front, _body = text.split("---\n", 2)
    assert yaml.safe_load(front) == {"title": "First visit: 'You're not taking my kids'"}
    code, text = run("graph", str(ROOT / "scenarios" / "_template.yaml"))
    declared = dict(re.findall(r'state "([^"]+)" as (\S+)', text))
    assert declared["door-open"] == "door_open"
    assert all(re.fullmatch(r"\w+", name) for name in declared.values())
    for source, target in re.findall(r"^  (\S+) --> (\S+?):?(?: |$)", text, re.MULTILINE):
        assert {source, target} - {"[*]"} <= set(declared.values())
    assert "middle --> still_here: 1 best otherwise | 2 unhelpful" in text


def test_main_py_runs_as_a_program() -> None:
    result = subprocess.run([sys.executable, "main.py", "validate", MINI], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_validate_an_empty_folder_says_why_it_failed(tmp_path: Path) -> None:
    code, text = run("validate", str(tmp_path))
    assert code == 1
    assert text.strip() == f"{tmp_path}:0:0: error: no scenario files (.yaml) in this folder"


def test_walk_choices_may_be_separated_by_spaces() -> None:
    assert run("walk", MINI, "--choices", "1 1") == run("walk", MINI, "--choices", "1,1")
    assert run("walk", MINI, "--choices", "1, 1") == run("walk", MINI, "--choices", "1,1")


def test_walk_seed_without_the_random_strategy_is_refused(
        capsys: pytest.CaptureFixture) -> None:
    assert run("walk", MINI, "--seed", "3")[0] == 1
    assert "--seed only applies with --strategy random" in capsys.readouterr().err
    assert run("walk", MINI, "--strategy", "random", "--seed", "3")[0] == 0


def test_walk_that_has_not_ended_shows_no_score_rather_than_none() -> None:
    code, text = run("walk", MINI)  # no choices: nothing to score yet
    assert code == 0
    assert "Overall: n/a" in text and "None" not in text


def test_scenario_errors_are_printed_as_located_lines(capsys: pytest.CaptureFixture) -> None:
    path = str(DATA / "invalid" / "dangling_target.yaml")
    assert run("graph", path)[0] == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{path}:27:15: error: ")  # editors jump straight to it


def test_paths_max_routes_must_be_at_least_one(capsys: pytest.CaptureFixture) -> None:
    for bad in ("0", "-1"):
        assert run("paths", MINI, "--max-routes", bad)[0] == 1
        assert "--max-routes must be at least 1" in capsys.readouterr().err


def test_paths_listing_exactly_max_routes_is_not_called_truncated() -> None:
    code, text = run("paths", MINI, "--max-routes", "5")  # mini has exactly five routes
    assert code == 0 and "5 route(s); endings" in text and "stopped" not in text
    data = json.loads(run("paths", MINI, "--max-routes", "5", "--json")[1])
    assert data["truncated"] is False and len(data["routes"]) == 5
    data = json.loads(run("paths", MINI, "--max-routes", "4", "--json")[1])
    assert data["truncated"] is True and len(data["routes"]) == 4


def test_validate_json_on_an_empty_folder_is_still_json(tmp_path: Path) -> None:
    code, text = run("validate", "--json", str(tmp_path))
    assert code == 1
    problem = json.loads(text)[0]["problems"][0]
    assert problem["message"] == "no scenario files (.yaml) in this folder"


def _coverage(history: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = run("paths", MINI, "--coverage", "--history", str(history))[0]
    return code, capsys.readouterr().err


def test_coverage_of_a_missing_history_file_is_an_error_and_creates_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, err = _coverage(tmp_path / "typo" / "history.sqlite3", capsys)
    assert code == 1 and "no history file" in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_coverage_of_a_folder_leaves_the_folder_where_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "notes.txt").write_text("kept")
    code, err = _coverage(tmp_path, capsys)
    assert code == 1 and "no history file" in err
    assert (tmp_path / "notes.txt").read_text() == "kept"


def test_coverage_of_a_damaged_history_is_an_error_and_the_file_is_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    damaged = tmp_path / "history.sqlite3"
    damaged.write_text("my notes, not a database")
    code, err = _coverage(damaged, capsys)
    assert code == 1 and "unreadable" in err and len(err.strip().splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["history.sqlite3"]
    assert damaged.read_text() == "my notes, not a database"
