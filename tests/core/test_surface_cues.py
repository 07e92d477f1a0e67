"""The surface-cue check: a learner must not find the best response by its length or place.

Two small scenarios of five decisions are written here: one where length, position,
questions and "you" give nothing away, and one where the best option is always the
first and the longest (the fault issue 10 found in the bundled library).
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import yaml

from simulator.cli import main as cli
from simulator.core.frameworks import builtin_frameworks
from simulator.core.loader import load_scenario, validate_file
from simulator.core.surface_cues import MIN_DECISIONS, measure

DATA = Path(__file__).resolve().parents[1] / "data" / "valid"
CONFRONT = "You have to take this seriously, because the court will not wait for you forever."
LECTURE = ("It sounds like part of you knows this matters, and part of you is tired of "
           "being told so by people like me.")


def _option(text: str, grade: str, nxt: str) -> dict[str, object]:
    code = {"best": "CR", "acceptable": "OQ", "harmful": "Confront"}[grade]
    effects = {"best": {"trust": 1, "arousal": -1}, "acceptable": {"trust": 0},
               "harmful": {"trust": -1, "arousal": 1}}[grade]
    return {"text": text, "grade": grade, "codes": {"mi": code}, "effects": effects,
            "explain": f"Why it is {grade}.", "next": nxt}


def scenario_file(tmp_path: Path, rows: list[list[tuple[str, str]]]) -> Path:
    """A scenario with one node per row; only the best option moves on, the others end it."""
    nodes = {}
    for index, row in enumerate(rows, 1):
        after = f"d{index + 1}" if index < len(rows) else "engaged"
        targets = {"best": after, "acceptable": "partial", "harmful": "walkout"}
        nodes[f"d{index}"] = {"says": f"Client line {index}.",
                              "options": [_option(text, grade, targets[grade])
                                          for text, grade in row]}
    data = {
        "id": "cues", "title": "Cues", "setting": "criminal_justice",
        "difficulty": "introductory", "frameworks": ["mi"], "resistance": ["reluctance"],
        "client": {"name": "Sam", "age": 30, "background": "Sent by the court."},
        "briefing": "A test.", "objectives": ["Reflect"],
        "state": {"trust": {"start": 3}, "arousal": {"start": 5}}, "start": "d1",
        "nodes": nodes,
        "endings": {"engaged": {"title": "Engaged", "outcome": "engaged", "debrief": "Good."},
                    "partial": {"title": "Partial", "outcome": "partial", "debrief": "So-so."},
                    "walkout": {"title": "Out", "outcome": "escalated", "debrief": "Gone."}},
    }
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# The best option is the shortest once, in the middle by length otherwise, never first or
# last, never the first question and never the first option with "you".
FAIR = [[("What brings you to this, then?", "acceptable"), ("Tough week.", "best"),
         (CONFRONT, "harmful")]] + [
    [("What do you make of it?", "acceptable"), (f"Nobody listened, at step {n}.", "best"),
     (CONFRONT, "harmful")] for n in range(2, 6)]
# The best option is first and longest everywhere, and the first to say "you".
GIVEAWAY = [[(LECTURE, "best"), ("What happened?", "acceptable"), ("Grow up.", "harmful")]
            for _ in range(5)]


def test_a_fair_scenario_passes(tmp_path: Path) -> None:
    cues = measure(load_scenario(scenario_file(tmp_path, FAIR)), builtin_frameworks())
    assert (cues.counted, cues.longest, cues.shortest) == (5, 0, 1)
    assert cues.applies and cues.passes
    assert cues.winning_players == ()
    assert {run.player: run.ending for run in cues.runs} == {
        "longest": "walkout", "shortest": "partial", "first": "partial", "last": "walkout",
        "question": "partial", "you": "partial"}


def test_a_fair_scenario_gets_no_surface_cue_warning(tmp_path: Path) -> None:
    result = validate_file(scenario_file(tmp_path, FAIR))
    assert [str(p) for p in result.problems] == []


def test_a_giveaway_scenario_fails_every_way(tmp_path: Path) -> None:
    cues = measure(load_scenario(scenario_file(tmp_path, GIVEAWAY)), builtin_frameworks())
    assert (cues.longest, cues.shortest) == (5, 0)
    assert cues.too_often_longest and cues.too_rarely_shortest and not cues.passes
    assert {run.player for run in cues.winning_players} == {"longest", "first", "you"}


def test_validate_warns_at_the_start_line_and_at_each_decision(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, GIVEAWAY)
    result = validate_file(path)
    assert result.scenario is not None and not result.errors
    lines = path.read_text(encoding="utf-8").splitlines()
    start_line = next(i for i, text in enumerate(lines, 1) if text.startswith("start:"))
    at_start = [p.message for p in result.warnings if p.line == start_line]
    assert at_start == [
        "the best option is the longest at 5 of 5 decisions (100%), so a learner can find "
        "it by length",
        "the best option is the shortest at only 0 of 5 decisions (0%)",
        "a learner who always picks the longest option reaches the engaged ending 'engaged'",
        "a learner who always picks the first option reaches the engaged ending 'engaged'",
        "a learner who always picks the option with 'you' reaches the engaged ending "
        "'engaged'",
    ]
    per_node = {p.message: p.line for p in result.warnings if p.line != start_line}
    for n in range(1, 6):  # the node's first line, just under its name
        line = per_node[f"the best option at node 'd{n}' is also the longest"]
        assert lines[line - 2].strip() == f"d{n}:"


def test_paths_shows_the_figures_writers_read(tmp_path: Path) -> None:
    out = StringIO()
    cli(["paths", str(scenario_file(tmp_path, GIVEAWAY))], out=out)
    text = out.getvalue()
    assert ("Surface cues: the best option is the longest at 5 of 5 decisions (100%; at most "
            "35%) and the shortest at 0 (0%; at least 10%)") in text
    assert "always the first option: ends in 'engaged' (engaged)  <- reaches the top ending" \
        in text
    assert "Surface cues: FAIL" in text
    out = StringIO()
    cli(["paths", str(scenario_file(tmp_path, FAIR)), "--json"], out=out)
    assert '"passes": true' in out.getvalue()


def test_a_sketch_smaller_than_five_decisions_is_not_judged(tmp_path: Path) -> None:
    cues = measure(load_scenario(scenario_file(tmp_path, GIVEAWAY[:MIN_DECISIONS - 1])),
                   builtin_frameworks())
    assert not cues.applies and cues.passes
    assert "not checked, fewer than 5 decisions" in cues.summary_lines()[-1]
    assert validate_file(DATA / "mini.yaml").warnings == []


def test_a_tie_for_longest_counts_against_the_writer(tmp_path: Path) -> None:
    same = "x" * len(LECTURE)
    rows = [[(LECTURE, "best"), (same, "acceptable"), ("No.", "harmful")], *FAIR[1:]]
    cues = measure(load_scenario(scenario_file(tmp_path, rows)), builtin_frameworks())
    assert cues.decisions[0].best_is_longest


def test_a_player_going_round_a_loop_never_reaches_the_top(tmp_path: Path) -> None:
    rows = [list(row) for row in FAIR]
    path = scenario_file(tmp_path, rows)
    text = path.read_text(encoding="utf-8").replace("next: walkout", "next: d1")
    path.write_text(text, encoding="utf-8")
    cues = measure(load_scenario(path), builtin_frameworks())
    longest = next(run for run in cues.runs if run.player == "longest")
    assert (longest.ending, longest.top) == (None, False)
    assert "always the longest option: never ends (a loop)" in "\n".join(cues.summary_lines())
