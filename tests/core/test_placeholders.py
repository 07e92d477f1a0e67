"""An untouched copy of the template is not a scenario: its example text is an error.

A practice educator found that a copy of the template passed `--strict` placeholder
text and all, so it could have reached learners.
"""

from __future__ import annotations

import json
from pathlib import Path

from simulator.core.loader import validate_file
from simulator.core.placeholders import PLACEHOLDERS_PATH, extract

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "scenarios" / "_template.yaml"


def test_the_shipped_list_matches_the_template() -> None:
    shipped = json.loads(PLACEHOLDERS_PATH.read_text(encoding="utf-8"))
    assert shipped == extract(TEMPLATE.read_text(encoding="utf-8")), (
        "the template changed: run 'python main.py schema --write'")


def test_an_untouched_copy_fails_at_every_example_text(tmp_path: Path) -> None:
    copy = tmp_path / "my-first-scenario.yaml"
    copy.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    result = validate_file(copy)
    assert result.scenario is None
    placeholders = [p for p in result.errors if "template's example text" in p.message]
    assert len(placeholders) == len(result.errors) >= 15
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    for problem in placeholders:
        key = problem.message.split("'")[1]
        assert key in lines[problem.line - 1] or lines[problem.line - 2].strip().startswith(
            f"{key}:"), str(problem)


def test_the_template_itself_passes() -> None:
    assert validate_file(TEMPLATE).errors == []


def test_short_lines_the_template_also_uses_are_a_writers_own(tmp_path: Path) -> None:
    """'I'm done here.' is example text in the template and a real line in many scenarios."""
    text = (ROOT / "tests" / "data" / "valid" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Walked out", "title: A door left open").replace(
        "This is a waste of time.", "I'm done here.")
    path = tmp_path / "short.yaml"
    path.write_text(text, encoding="utf-8")
    assert validate_file(path).errors == []
