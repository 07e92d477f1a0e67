"""The writers' guide (scenarios/README.md), its template and its worked example.

These tests keep the guide honest: the template and the example it leads to are
clean, every YAML snippet in it parses, it mentions every key and vocabulary
value the format declares and every framework code, and every validator message
it quotes is one the validator really prints, word for word.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
import yaml

from simulator.cli import main as cli
from simulator.core import model, scenario_spec
from simulator.core.frameworks import builtin_frameworks
from simulator.core.loader import load_scenario, validate_file
from simulator.core.report import build_report
from simulator.core.routes import reachable_endings, strategy, walk
from simulator.core.session import Session

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "scenarios" / "README.md"
TEMPLATE = ROOT / "scenarios" / "_template.yaml"
EXAMPLE = ROOT / "tests" / "data" / "valid" / "guide_example.yaml"

RECORDS = {
    "SCENARIO": scenario_spec.SCENARIO,
    "CLIENT": scenario_spec.CLIENT,
    "PERSON": scenario_spec.PERSON,
    "STATE_VAR": scenario_spec.STATE_VAR,
    "NODE": scenario_spec.NODE,
    "LINE": scenario_spec.LINE,
    "OPTION": scenario_spec.OPTION,
    "BRANCH": scenario_spec.BRANCH,
    "ENDING": scenario_spec.ENDING,
}
VOCABULARIES = {
    "SETTINGS": model.SETTINGS,
    "RESISTANCE_TYPES": model.RESISTANCE_TYPES,
    "DIFFICULTIES": model.DIFFICULTIES,
    "EXPRESSIONS": model.EXPRESSIONS,
    "AVATARS": model.AVATARS,
    "GRADES": model.GRADES,
    "OUTCOMES": model.OUTCOMES,
}


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _play(path: Path, how: str) -> dict:
    scenario = load_scenario(path)
    with Session(scenario) as session:
        walk(session, picker=strategy(how))
        return build_report(session)


# -- (1) and (2): the template and the worked example are clean ------------------------

@pytest.mark.parametrize("path", [TEMPLATE, EXAMPLE], ids=["template", "guide_example"])
def test_validates_with_no_errors_or_warnings(path: Path) -> None:
    result = validate_file(path)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert cli(["validate", str(path), "--strict"], out=StringIO()) == 0


@pytest.mark.parametrize("path", [TEMPLATE, EXAMPLE], ids=["template", "guide_example"])
def test_meets_the_guides_definition_of_good(path: Path) -> None:
    best = _play(path, "best")
    assert best["ending"]["outcome"] == "engaged"
    mi = best["report"]["mi"]
    assert mi["verdicts"] == {"r_q": "good", "pct_cr": "good"}
    assert _play(path, "worst")["ending"]["outcome"] == "escalated"
    scenario = load_scenario(path)
    reached, complete = reachable_endings(scenario)
    assert complete and reached == set(scenario.endings)


def test_guide_example_is_the_size_the_guide_suggests() -> None:
    scenario = load_scenario(EXAMPLE)
    assert 4 <= len(scenario.nodes) <= 6
    assert len(scenario.endings) == 3


def test_template_lists_every_avatar_a_writer_can_choose() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    comment = text[text.index("  avatar:"):text.index("  background:")]
    missing = [a for a in model.AVATARS if not re.search(rf"\b{a}\b", comment)]
    assert not missing, f"the template's avatar comment leaves out {missing}"


def test_template_is_not_offered_to_learners() -> None:
    assert TEMPLATE.name.startswith("_")


def test_template_points_editors_at_the_shipped_schema() -> None:
    first = TEMPLATE.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match is not None, "the template's first line should be the schema modeline"
    schema = (TEMPLATE.parent / match.group(1)).resolve()
    assert schema.is_file()
    for path in (TEMPLATE, EXAMPLE):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")),
                            json.loads(schema.read_text(encoding="utf-8")))


# -- (3): every YAML snippet parses ------------------------------------------------------

def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def test_guide_has_yaml_examples(guide: str) -> None:
    assert len(_yaml_blocks(guide)) >= 10


def test_every_yaml_snippet_parses(guide: str) -> None:
    for number, block in enumerate(_yaml_blocks(guide), 1):
        try:
            data = yaml.safe_load(block)
        except yaml.YAMLError as error:  # pragma: no cover - the failure message
            pytest.fail(f"yaml block {number} does not parse:\n{block}\n{error}")
        assert data is not None, f"yaml block {number} is empty"


# -- (4): the guide cannot fall behind the format ---------------------------------------

@pytest.mark.parametrize(
    ("record", "key"),
    [(name, key) for name, record in RECORDS.items() for key in record.keys],
)
def test_every_declared_key_is_in_the_guide(guide: str, record: str, key: str) -> None:
    """Each key has a row (key, required, meaning, example) in one of the key tables."""
    assert f"\n| `{key}` |" in guide, (
        f"{record} key '{key}' has no row in the key tables of {GUIDE.name}")


@pytest.mark.parametrize(
    ("vocabulary", "value"),
    [(name, value) for name, values in VOCABULARIES.items() for value in values],
)
def test_every_allowed_value_is_in_the_guide(guide: str, vocabulary: str, value: str) -> None:
    assert f"`{value}`" in guide, f"{vocabulary} value '{value}' is missing from the guide"


def test_every_framework_is_named_in_the_guide(guide: str) -> None:
    for fid in builtin_frameworks():
        assert f"`{fid}`" in guide


# -- (5): every code is explained -------------------------------------------------------

@pytest.mark.parametrize("code", list(builtin_frameworks()["mi"].elements))
def test_every_mi_code_has_a_row_in_the_guide(guide: str, code: str) -> None:
    rows = [line for line in guide.splitlines() if line.startswith(f"| `{code}` |")]
    assert rows, f"MI code {code} has no row in the guide's MITI table"
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert len(cells) == 5 and all(cells), f"the row for {code} is incomplete: {rows[0]}"


@pytest.mark.parametrize(
    ("framework", "element"),
    [(fid, eid) for fid, fw in builtin_frameworks().items() if fid != "mi"
     for eid in fw.elements],
)
def test_every_other_framework_element_is_in_the_guide(
        guide: str, framework: str, element: str) -> None:
    assert f"`{element}`" in guide, f"{framework} element '{element}' is missing"


# -- the messages the guide quotes are the validator's real words -----------------------

def _swap(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"the template no longer contains {old!r}"
        return text.replace(old, new, 1)
    return change


SEEK_NEXT = ("        next:\n          - if: trust >= 5\n            goto: door-open\n"
             "          - goto: still-here")
SET = ("branch_sets:\n  after-flashpoint:\n    - if: trust >= 5\n      goto: door-open\n"
       "    - goto: still-here\n")
STILL_DEBRIEF = "    debrief: What the learner should take away from this ending.\n"
MIDDLE_SAYS = '    says: What the client says next, e.g. "So what happens now, then?"'

# Each breaks a copy of the template in one way the guide describes.
BROKEN: dict[str, Callable[[str], str]] = {
    "colon": _swap("title: A first meeting", "title: Note: a first meeting"),
    "indent": _swap(MIDDLE_SAYS, '    says: "Fine," she said.'),
    "tab": _swap("  trust:\n    start: 3", "  trust:\n\tstart: 3"),
    "tab_cue": _swap("    cue: What the learner sees, e.g. arms",
                     "\tcue: What the learner sees, e.g. arms"),
    "squeezed": _swap("        grade: acceptable", "        grade:acceptable"),
    "star": _swap("cue: What the learner sees, e.g. unfolds their arms.", "cue: *sighs*"),
    "no_colon": _swap("        next: still-here\n", "        next still-here\n"),
    "duplicate": _swap("    label: Trust\n", "    label: Trust\n    label: Trust again\n"),
    "empty": lambda text: "# nothing here yet\n",
    "typo_key": _swap("        grade: acceptable", "        grde: acceptable"),
    "no_explain": _swap("        explain: Why this is unhelpful.\n", ""),
    "bad_grade": _swap("grade: acceptable", "grade: good"),
    "says_no": _swap(MIDDLE_SAYS, "    says: No"),
    "empty_text": _swap("explain: Why this helps.", "explain: ''"),
    "objectives": _swap("objectives:\n  - Reflect what the client says before asking questions"
                        "\n  - Explain your role honestly", "objectives: Reflect first"),
    "bad_id": _swap("id: my-scenario ", "id: My Scenario "),
    "node_name": _swap("  middle:\n", "  Middle Part:\n"),
    "rupture": _swap("    expression: guarded ",
                     "    rupture: yes please\n    expression: guarded "),
    "next_map": _swap("        next: still-here\n", "        next: {goto: still-here}\n"),
    "mi_code": _swap("mi: OQ", "mi: OpenQ"),
    "pace_code": _swap("pace: [curiosity], r4: reason", "pace: [curious], r4: reason"),
    "two_mi": _swap("mi: OQ", "mi: [OQ, CQ]"),
    "set_unknown": lambda text: _swap("start: opening ", SET + "start: opening ")(
        _swap(SEEK_NEXT, "        next:\n          - use: after-flashpont")(text)),
    "set_and_goto": lambda text: _swap("start: opening ", SET + "start: opening ")(
        _swap(SEEK_NEXT, "        next:\n          - use: after-flashpoint\n"
                         "            goto: door-open")(text)),
    "set_no_goto": _swap(SEEK_NEXT, "        next:\n          - if: trust >= 5"),
    "set_unused": _swap("start: opening ", SET + "start: opening "),
    "debrief_last_if": _swap(STILL_DEBRIEF, "    debrief:\n      - if: trust >= 5\n"
                                            "        text: Well done.\n"),
    "debrief_first_no_if": _swap(STILL_DEBRIEF, "    debrief:\n      - text: Well done.\n"
                                                "      - text: Never shown.\n"),
    "collude_ok": _swap("        grade: acceptable\n", "        grade: acceptable\n"
                        "        colludes: true\n"),
    "colluded_no_option": _swap("    outcome: partial", "    outcome: colluded"),
    "collusion_rewarded": _swap("        explain: Why this is unhelpful.\n        next: still-here",
                                "        explain: Why this is unhelpful.\n        colludes: true"
                                "\n        next: door-open"),
    "three_mi": _swap("mi: OQ", "mi: [OQ, CR, AF]"),
    "two_r4": _swap("codes: {mi: OQ, pace: [curiosity], r4: relate}",
                    "codes: {mi: OQ, pace: [curiosity], r4: [relate, reason]}"),
    "no_mi": _swap("codes: {mi: OQ, pace: [curiosity], r4: relate}",
                   "codes: {pace: [curiosity], r4: relate}"),
    "confront_best": _swap("grade: harmful\n        codes: {mi: Confront",
                           "grade: best\n        codes: {mi: Confront"),
    "confront_ok": _swap("grade: harmful\n        codes: {mi: Confront",
                         "grade: acceptable\n        codes: {mi: Confront"),
    "af_harmful": _swap("grade: unhelpful\n        codes: {mi: Persuade, r4: reason}",
                        "grade: harmful\n        codes: {mi: AF, r4: reason}"),
    "no_best": _swap("        grade: best\n        codes: {mi: Seek",
                     "        grade: acceptable\n        codes: {mi: Seek"),
    "trotter": _swap("codes: {mi: CR, pace: [acceptance, empathy], r4: relate}",
                     "codes: {mi: CR, pace: [acceptance], r4: relate, trotter: relationship}"),
    "framework": _swap("frameworks: [mi, pace, r4]", "frameworks: [mi, pace, r4, miti]"),
    "no_arousal": _swap("  arousal:\n    start: 6", "  calm:\n    start: 6"),
    "start_out": _swap("start: 3\n", "start: 13\n"),
    "min_max": _swap("    min: 0\n    max: 10", "    min: 10\n    max: 0"),
    "unused_var": _swap("  arousal:\n", "  shame:\n    start: 2\n  arousal:\n"),
    "effect_var": _swap("effects: {trust: 1, arousal: -1}", "effects: {trust: 1, anger: -1}"),
    "effect_value": _swap("effects: {trust: 1, arousal: -1}", "effects: {trust: 1, arousal: lots}"),
    "effect_big": _swap("effects: {trust: 1, arousal: -1}", "effects: {trust: 15, arousal: -1}"),
    "effect_set": _swap("effects: {trust: 1, arousal: -1}",
                        "effects: {trust: '= 12', arousal: -1}"),
    "cond_name": _swap("if: trust >= 5", "if: trsut >= 5"),
    "cond_equals": _swap("if: trust >= 5", "if: trust = 5"),
    "cond_arrow": _swap("if: trust >= 5", "if: trust => 5"),
    "cond_short": _swap("if: trust >= 5", "if: trust >= 5 and"),
    "cond_join": _swap("if: trust >= 5", "if: trust >= 5 arousal < 3"),
    "goto": _swap("        next: still-here\n", "        next: still_here\n"),
    "start": _swap("start: opening ", "start: openning "),
    "last_if": _swap("          - goto: middle ",
                     "          - if: trust > 2\n            goto: middle "),
    "first_no_if": _swap("          - if: arousal >= 9         # tried first\n"
                         "            goto: walked-out", "          - goto: walked-out"),
    "loop": lambda text: _swap("        next: still-here\n", "        next: middle\n")(
        _swap("        next:\n          - if: trust >= 5\n            goto: door-open\n"
              "          - goto: still-here", "        next: middle")(text)),
    "unreached_node": lambda text: text.replace("next: middle", "next: still-here").replace(
        "goto: middle", "goto: still-here"),
    "unreached_ending": _swap("            goto: walked-out", "            goto: still-here"),
    "node_and_ending": _swap("  still-here:\n    title", "  middle:\n    title"),
    "nobody_speaks": _swap(MIDDLE_SAYS + "\n", ""),
    "says_and_lines": _swap("    says: What the client says next",
                            "    lines:\n      - says: hi\n    says: What the client says next"),
    "speaker": _swap("    says: What the client says next",
                     "    speaker: jo\n    says: What the client says next"),
    # Warnings from playing the scenario (only once it has no errors).
    "never_holds": _swap("if: arousal >= 9 ", "if: arousal >= 11 "),
    "unread_var": lambda text: _swap("effects: {trust: 1, arousal: -1}",
                                     "effects: {trust: 1, arousal: -1, shame: 1}")(
        _swap("  arousal:\n", "  shame:\n    start: 2\n  arousal:\n")(text)),
    "child": lambda text: _swap("age: 34", "age: 9")(
        _swap("frameworks: [mi, pace, r4] ", "frameworks: [mi, r4] ")(text)),
    "best_asks": lambda text: _swap("codes: {mi: Seek, pace: [curiosity], r4: reason}",
                                    "codes: {mi: SR, pace: [curiosity], r4: reason}")(
        _swap("codes: {mi: CR, pace: [acceptance, empathy], r4: relate}",
              "codes: {mi: OQ, pace: [acceptance, empathy], r4: relate}")(text)),
    "best_partial": _swap("            goto: door-open\n          - goto: still-here",
                          "            goto: still-here\n          - goto: door-open"),
    "coder_disagrees": _swap('A reasonable but plainer response, e.g. "How are you feeling about '
                             'being here?"', "So coming here feels like a waste of your time."),
    "best_loops": _swap("        next:\n          - if: trust >= 5\n            goto: door-open\n"
                        "          - goto: still-here", "        next: middle"),
    "safety_unhelpful": _swap("        explain: Why this is unhelpful.\n",
                              "        explain: Why this is unhelpful.\n"
                              "        safety_failure: leaves a risk unexplored\n"),
}

# The surface-cue check needs five decisions, so these break the worked example instead.
BROKEN_EXAMPLE: dict[str, Callable[[str], str]] = {
    "longest": _swap("School isn't pointless at all. You need your GCSEs to get anywhere in "
                     "life.", "School isn't pointless. You need your GCSEs to get anywhere."),
    "shortest": lambda text: _swap(
        "What would you want to happen next? You know your family better than I do.",
        "What next?")(_swap("You'll need to set an alarm earlier and get your brother up "
                            "sooner.", "Set an alarm.")(text)),
    "you_player": _swap("What's pointless about it, for you?", "What's pointless about it?"),
    "best_not_top": _swap("      - text: Have you told anyone at school about this?\n"
                          "        grade: acceptable",
                          "      - text: Have you told anyone at school about this?\n"
                          "        grade: best"),
    "confront_unhelpful": _swap("safeguarding matter.\n        grade: harmful",
                                "safeguarding matter.\n        grade: unhelpful"),
}


def _normalize(message: str) -> str:
    return re.sub(r"line \d+", "line N", message)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Everything the commands print for the broken files, without file:line:col."""
    folder = tmp_path_factory.mktemp("broken")
    template = TEMPLATE.read_text(encoding="utf-8")
    found: set[str] = set()
    example = EXAMPLE.read_text(encoding="utf-8")
    cases = [(name, breaking, template, "_template.yaml") for name, breaking in BROKEN.items()]
    cases += [(f"example_{name}", breaking, example, "guide_example.yaml")
              for name, breaking in BROKEN_EXAMPLE.items()]
    for name, breaking, source, file_name in cases:
        # A broken template keeps the template's name, so each copy shows only the
        # mistake it was given, not also every example text a real copy must replace.
        (folder / name).mkdir()
        path = folder / name / file_name
        path.write_text(breaking(source), encoding="utf-8")
        problems = validate_file(path).problems
        assert problems, f"breaking the template as {name!r} produced no problem"
        for problem in problems:
            text = f"{problem.severity.value}: {problem.message}"
            found.add(_normalize(f"{text} ({problem.hint})" if problem.hint else text))
    untouched = folder / "untouched-copy.yaml"  # a real copy: every example text is flagged
    untouched.write_text(template, encoding="utf-8")
    for problem in validate_file(untouched).problems:
        found.add(f"{problem.severity.value}: {problem.message} ({problem.hint})")
    for argv in (["walk", str(TEMPLATE), "--choices", "1,5"],
                 ["walk", str(TEMPLATE), "--choices", "1,1,1"],
                 ["paths", str(folder / "unreached_ending" / "_template.yaml")]):
        out, err = StringIO(), StringIO()
        with contextlib.redirect_stderr(err):
            cli(argv, out=out)
        found.update(line.strip() for line in (out.getvalue() + err.getvalue()).splitlines())
    return found


def test_every_quoted_message_is_printed_word_for_word(guide: str, printed: set[str]) -> None:
    section = guide.split("## Common errors", 1)[1]
    quoted = re.findall(r"\*\*`((?:error|warning): [^`]*)`\*\*", section)
    assert len(quoted) >= 40
    stale = [q for q in quoted if _normalize(q) not in printed]
    assert not stale, "the guide quotes messages the validator does not print:\n" + "\n".join(
        stale)


def test_the_guide_quotes_a_real_error_line_format(guide: str) -> None:
    example = re.search(r"^(scenarios/my-scenario\.yaml:\d+:\d+: error: .*)$", guide,
                        flags=re.MULTILINE)
    assert example is not None
    message = example.group(1).split(": ", 1)[1]
    assert message.startswith("error: option 2 of node 'opening' leads to 'walkout'")
