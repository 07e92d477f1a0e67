"""Loading and checking scenario files: every problem found, located, with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.errors import ScenarioError, Severity
from simulator.core.loader import load_scenario, scenario_files, validate_file
from simulator.core.report import build_report
from simulator.core.session import Session

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "valid" / "mini.yaml"


def mutate(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = MINI.read_text()
    assert old in text, f"test setup: {old!r} not in mini.yaml"
    path = tmp_path / "changed.yaml"
    path.write_text(text.replace(old, new, count))
    return path


def only(path: Path, severity: Severity = Severity.ERROR) -> list[str]:
    return [str(p) for p in validate_file(path).problems if p.severity is severity]


def test_valid_file_builds_the_whole_scenario() -> None:
    result = validate_file(MINI)
    assert result.problems == []
    scenario = result.scenario
    assert scenario is not None
    assert scenario.id == "mini" and scenario.client.name == "Sam"
    assert list(scenario.nodes) == ["opening", "middle"]
    assert list(scenario.endings) == ["engaged", "partial", "walkout"]
    option = scenario.nodes["opening"].options[1]
    assert option.codes["mi"] == ("Confront",) and option.grade == "harmful"
    assert [b.condition.text if b.condition else None for b in option.branches] == [
        "arousal >= 10", None]
    assert scenario.state["trust"].start == 3 and scenario.state["trust"].maximum == 10
    assert len(scenario.digest) == 64


@pytest.mark.parametrize(
    ("name", "line", "col", "words"),
    [
        ("dangling_target", 27, 15, "leads to 'openning', which does not exist (did you mean "
                                    "'opening'?)"),
        ("loop_without_ending", 19, 5, "no way to any ending"),
        ("grade_contradicts_code", 28, 9, "graded best but coded Confronting"),
        ("unknown_variable_in_condition", 34, 17, "uses 'arousl', which is not a state "
                                                  "variable (did you mean 'arousal'?)"),
        ("effect_out_of_range", 25, 26, "changes trust by 25, more than its whole range"),
        ("unknown_code", 24, 21, "'CRR' is not one of the MI codes (did you mean 'CR'?)"),
        ("unknown_and_missing_keys", 21, 5, "unknown key 'mood'"),
        ("unknown_and_missing_keys", 23, 9, "option 1 of node 'opening' is missing 'explain'"),
    ],
)
def test_invalid_files_report_located_errors(name: str, line: int, col: int, words: str) -> None:
    path = DATA / "invalid" / f"{name}.yaml"
    result = validate_file(path)
    assert result.scenario is None
    located = [p for p in result.errors if (p.line, p.col) == (line, col)]
    assert any(words in str(p) for p in located), [str(p) for p in result.problems]
    assert all(str(p).startswith(f"{path}:") for p in result.problems)


def test_unreachable_node_is_a_warning_not_an_error() -> None:
    result = validate_file(DATA / "invalid" / "unreachable_node.yaml")
    assert result.scenario is not None
    assert [p.message for p in result.warnings] == [
        "node 'orphan' cannot be reached from the start"]


def test_every_problem_is_collected_not_only_the_first(tmp_path: Path) -> None:
    path = mutate(tmp_path, "next: middle\n      - text: Why", "next: midle\n      - text: Why")
    text = path.read_text().replace("codes: {mi: CQ}", "codes: {mi: QQ}").replace(
        "difficulty: introductory", "difficulty: easy")
    path.write_text(text)
    messages = only(path)
    assert len(messages) == 3
    assert any("'midle'" in m for m in messages)
    assert any("'QQ'" in m for m in messages)
    assert any("'easy'" in m and "introductory" in m for m in messages)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("title: A short test conversation\n", "", "the scenario is missing 'title'"),
        ("  age: 30\n", "  age: thirty\n", "should be a whole number"),
        ("setting: criminal_justice", "setting: prison", "is not one of the allowed values"),
        ("frameworks: [mi, pace, r4]", "frameworks: [mi, pace, r5]", "'r5' is not a framework"),
        ("start: opening", "start: openin", "the start node 'openin' does not exist"),
        ("arousal: {start: 8}", "arousal: {start: 12}", "starts at 12, outside 0..10"),
        ("  arousal: {start: 8}\n", "  calm: {start: 8}\n", "the state has no 'arousal'"),
        ("codes: {mi: CQ}", "codes: {pace: [empathy]}", "has no MI code"),
        ("codes: {mi: CQ}", "codes: {mi: [CQ, SR, AF]}",
         "has 3 MI codes; give it one, or two when it does two different things"),
        ("codes: {mi: CQ}", "codes: {mi: [OQ, CQ]}",
         "has two MI codes of the same kind (OQ and CQ)"),
        ("codes: {mi: Confront, pace: [interrogating], r4: reason}",
         "codes: {mi: Confront, pace: [interrogating], r4: [reason, relate]}",
         "has 2 4R codes; give it exactly one"),
        ("if: arousal >= 10", "if: arousal >> 10", "is not understood"),
        ("          - goto: middle\n", "          - if: trust > 2\n            goto: middle\n",
         "the last branch of option 2 of node 'opening' has an 'if'"),
        ("effects: {arousal: 1}", "effects: {mood: 1}", "changes 'mood', which is not a state"),
        ("effects: {arousal: 1}", "effects: {arousal: lots}", "is not understood"),
        ("effects: {arousal: 1}", "effects: {arousal: '= 11'}", "sets arousal to 11, outside"),
        ("    cue: arms folded\n", "    cue: arms folded\n    speaker: mark\n",
         "the speaker 'mark' is not the client or one of 'people'"),
        ("  opening:\n    says:", "  opening:\n    lines: [{says: hi}]\n    says:",
         "has both 'says' and 'lines'"),
        ("  engaged:\n", "  opening:\n", "'opening' is both a node and an ending"),
        ("    cue: arms folded\n", "    cue: arms folded\n    cue: again\n",
         "'cue' appears twice here; the first is on line 20"),
        ("grade: unhelpful", "grade: bestt", "did you mean 'best'?"),
        ("        grade: best\n        codes: {mi: Seek",
         "        grade: best\n        codes: {mi: Persuade",
         "graded best but coded Persuading"),
    ],
)
def test_each_check_catches_its_mistake(tmp_path: Path, old: str, new: str, words: str) -> None:
    messages = only(mutate(tmp_path, old, new))
    assert any(words in m for m in messages), messages


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("        grade: unhelpful\n", "        grade: acceptable\n", None),
        ("codes: {mi: CQ}", "codes: {mi: Persuade}", None),
        ("grade: unhelpful\n        codes: {mi: CQ}", "grade: acceptable\n        codes: {mi: "
         "Persuade}", "graded acceptable but coded Persuading"),
        ("codes: {mi: CQ}", "codes: {mi: CQ, trotter: [relationship]}",
         "not scored on Trotter"),
        ("grade: harmful\n        codes: {mi: Persuade", "grade: harmful\n        codes: {mi: "
         "Seek", "graded harmful but coded Seeking collaboration"),
    ],
)
def test_questionable_choices_are_warnings(tmp_path: Path, old: str, new: str,
                                           words: str | None) -> None:
    path = mutate(tmp_path, old, new)
    warnings = only(path, Severity.WARNING)
    if words is None:
        assert warnings == []
    else:
        assert any(words in w for w in warnings), warnings
        assert validate_file(path).scenario is not None


def test_variable_never_changed_is_flagged(tmp_path: Path) -> None:
    path = mutate(tmp_path, "  arousal: {start: 8}\n",
                  "  arousal: {start: 8}\n  stage: {start: 2}\n")
    assert any("'stage' is never changed" in w for w in only(path, Severity.WARNING))


def test_node_with_no_best_option_is_flagged(tmp_path: Path) -> None:
    path = mutate(tmp_path, "        grade: best\n        codes: {mi: Seek",
                  "        grade: acceptable\n        codes: {mi: Seek")
    assert any("node 'middle' has no option graded best" in w
               for w in only(path, Severity.WARNING))


def test_yaml_syntax_error_is_located_with_a_hint(tmp_path: Path) -> None:
    path = mutate(tmp_path, "    says: This is a waste of time.",
                  "    says: Note: this is a waste of time.")
    messages = only(path)
    assert len(messages) == 1
    assert ":19:15:" in messages[0] and "must be in quotes" in messages[0]


def test_tabs_get_a_plain_hint(tmp_path: Path) -> None:
    path = mutate(tmp_path, "    says: This is", "\tsays: This is")
    assert "indent with spaces, not tabs" in only(path)[0]


@pytest.mark.parametrize(("old", "new"), [
    ("    says: This is a waste of time.", '    says: "This is a waste of time.'),
    ("start: opening", "start opening"),
], ids=["unclosed quote", "key without its colon"])
def test_syntax_errors_point_at_the_mistake_not_where_yaml_gave_up(
        tmp_path: Path, old: str, new: str) -> None:
    text = MINI.read_text(encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    [message] = only(path)
    assert f"broken.yaml:{line}:" in message, message


def test_a_key_squeezed_against_its_value_is_pointed_at_where_it_is(tmp_path: Path) -> None:
    """YAML itself complains a line later; the writer is sent to the squeezed key."""
    text = MINI.read_text(encoding="utf-8")
    line = text[:text.index("grade: best")].count("\n") + 1
    path = tmp_path / "squeezed.yaml"
    path.write_text(text.replace("grade: best", "grade:best", 1), encoding="utf-8")
    [message] = only(path)
    assert f":{line}:" in message
    assert "'grade:best' needs a space after the ':' (write 'grade: best')" in message


def test_load_scenario_raises_with_every_error(tmp_path: Path) -> None:
    path = mutate(tmp_path, "next: middle\n      - text: Why", "next: midle\n      - text: Why")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "'midle'" in str(caught.value)
    assert caught.value.problems and caught.value.problems[0].line > 0


def test_scenario_files_skips_templates_and_hidden_files(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "_template.yaml", ".hidden.yaml", "notes.txt"):
        (tmp_path / name).write_text("x: 1")
    assert [p.name for p in scenario_files([tmp_path])] == ["a.yml", "b.yaml"]


SHARED = ("branch_sets:\n  after:\n    - if: trust >= 5\n      goto: engaged\n"
          "    - goto: partial\n")
SEEK_NEXT = "        next:\n          - if: trust >= 5\n            goto: engaged\n" \
            "          - goto: partial\n"


def test_a_branch_set_plays_exactly_like_the_branches_written_out(tmp_path: Path) -> None:
    path = mutate(tmp_path, "start: opening", SHARED + "start: opening")
    text = path.read_text().replace(SEEK_NEXT, "        next:\n          - use: after\n")
    text = text.replace("        next: partial\n", "        next:\n"
                        "          - if: trust <= 0\n            goto: walkout\n"
                        "          - use: after\n")
    path.write_text(text)
    result = validate_file(path)
    assert result.errors == [] and result.scenario is not None
    written = load_scenario(MINI).nodes["middle"].options[0].branches
    shared = result.scenario.nodes["middle"].options
    assert [(b.target, b.condition) for b in shared[0].branches] == \
        [(b.target, b.condition) for b in written]
    assert [b.target for b in shared[1].branches] == ["walkout", "engaged", "partial"]


def test_a_mistake_in_a_shared_set_is_reported_once_at_the_set(tmp_path: Path) -> None:
    path = mutate(tmp_path, "start: opening",
                  SHARED.replace("trust >= 5", "trsut >= 5") + "start: opening")
    text = path.read_text().replace(SEEK_NEXT, "        next:\n          - use: after\n")
    path.write_text(text.replace("        next: partial\n",
                                 "        next:\n          - use: after\n"))
    errors = validate_file(path).errors
    assert len(errors) == 1
    assert errors[0].line == 3 + text.split("\n").index("branch_sets:")  # its "if:" line
    assert "branch 1 of the branch set 'after' uses 'trsut'" in errors[0].message


DEBRIEFS = """    debrief:
      - if: trust >= 6
        text: He trusted you by the end.
      - if: turn >= 3
        text: It took a while.
      - text: He stayed, barely.
"""


def test_the_debrief_fits_how_the_conversation_went(tmp_path: Path) -> None:
    path = mutate(tmp_path, "    debrief: He stayed, barely.\n", DEBRIEFS)
    scenario = load_scenario(path)
    with Session(scenario, state={"trust": 8, "arousal": 5}) as session:
        session.choose(3)  # unhelpful, trust 8 -> partial
        session.choose(2)
        assert session.ending.id == "partial" and session.values["trust"] >= 6
        assert session.debrief == "He trusted you by the end."
        assert build_report(session)["ending"]["debrief"] == "He trusted you by the end."
    with Session(scenario) as session:
        session.choose(3)
        session.choose(2)
        assert session.debrief == "He stayed, barely."
    assert scenario.endings["partial"].debrief == "He stayed, barely."  # the 'otherwise'
