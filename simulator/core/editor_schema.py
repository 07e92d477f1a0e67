"""The JSON Schema that editors (VS Code's YAML extension and others) use to
autocomplete keys and underline mistakes while a writer types.

It is generated from the same declaration the loader checks files against
(`scenario_spec.SCENARIO`), plus the codes each shipped framework allows, and
written to `scenario.schema.json` beside this module. A test regenerates it and
fails if the shipped file has drifted; `python main.py schema --write` updates it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .frameworks import Framework, builtin_frameworks
from .scenario_spec import SCENARIO

SCHEMA_PATH = Path(__file__).with_name("scenario.schema.json")
SCHEMA_ID = "https://rapport.invalid/scenario.schema.json"


def _codes_schema(frameworks: dict[str, Framework]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for fid, framework in frameworks.items():
        label = {"enum": list(framework.elements),
                 "description": f"{framework.name}: "
                                + ", ".join(f"{e.id} = {e.name}"
                                            for e in framework.elements.values())}
        properties[fid] = label if framework.kind != "tags" else {
            "anyOf": [label, {"type": "array", "items": label}]}
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "description": "the codes of this response in each framework, "
                           "e.g. {mi: CR, pace: [empathy], r4: relate}"}


def build_schema(frameworks: dict[str, Framework] | None = None) -> dict[str, Any]:
    schema = SCENARIO.json_schema()
    frameworks = frameworks if frameworks is not None else builtin_frameworks()
    option = (schema["properties"]["nodes"]["additionalProperties"]["properties"]["options"]
              ["items"])
    option["properties"]["codes"] = _codes_schema(frameworks)
    schema["properties"]["frameworks"]["items"] = {"enum": list(frameworks)}
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": SCHEMA_ID,
            "title": "Rapport scenario", **schema}


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(schema_text(), encoding="utf-8")
    return path
