"""The template's example text, so a copy that still carries it is an error.

Writers start from `scenarios/_template.yaml`, whose every text is an example to
replace ("A response that meets the feeling first, e.g. ..."). An untouched copy is
a valid scenario, so without this check it passed `--strict` and could reach
learners. The example texts are kept in `template_placeholders.json` beside this
module (the template is not shipped in the package); a test fails when it drifts
from the template, and `python main.py schema --write` rewrites it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .errors import Problem, Severity
from .yaml_reader import YNode, read_text

PLACEHOLDERS_PATH = Path(__file__).with_name("template_placeholders.json")
TEMPLATE_NAME = "_template.yaml"  # the template itself may carry its own examples
MIN_WORDS = 6  # short texts ("I'm done here.", "A door left open") may be real lines
ALWAYS = ("id",)  # keys whose template value is a placeholder however short
KEEPABLE = ("description",)  # the template's variable descriptions are true of any scenario


def _normal(text: str) -> str:
    return " ".join(text.split())


def _texts(node: YNode, key: str = "") -> Iterator[tuple[str, YNode]]:
    """Every text value in the tree, with the key it belongs to."""
    if node.kind == "map":
        for name, value in node.value.items():
            yield from _texts(value, name)
    elif node.kind == "seq":
        for item in node.value:
            yield from _texts(item, key)
    elif isinstance(node.value, str):
        yield key, node


def extract(template_text: str) -> list[str]:
    """The template's example texts, as `placeholder_problems` compares them."""
    tree, problems = read_text(TEMPLATE_NAME, template_text)
    if tree is None:
        raise ValueError(f"the template does not parse: {problems[0] if problems else ''}")
    found = {_normal(node.value) for key, node in _texts(tree) if key not in KEEPABLE
             and (key in ALWAYS or len(node.value.split()) >= MIN_WORDS)}
    return sorted(found)


def write_placeholders(template: Path) -> Path:
    texts = extract(template.read_text(encoding="utf-8"))
    PLACEHOLDERS_PATH.write_text(json.dumps(texts, indent=1, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    return PLACEHOLDERS_PATH


@cache
def placeholder_texts() -> frozenset[str]:
    try:
        return frozenset(json.loads(PLACEHOLDERS_PATH.read_text(encoding="utf-8")))
    except (OSError, ValueError):  # pragma: no cover - a broken install: skip the check
        return frozenset()


def placeholder_problems(root: YNode, file: str) -> list[Problem]:
    """An error at every value still holding the template's example text."""
    if Path(file).name == TEMPLATE_NAME:
        return []
    known = placeholder_texts()
    return [Problem(file, node.line, node.col, Severity.ERROR,
                    f"'{key}' still has the template's example text",
                    "replace it with your own words: the template's text is only an example")
            for key, node in _texts(root) if _normal(node.value) in known]
