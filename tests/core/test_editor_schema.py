"""The editor schema is generated from the loader's own declaration and must not drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from simulator.core.editor_schema import SCHEMA_PATH, build_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml")) + sorted(
    (ROOT / "scenarios").glob("*.yaml"))


def test_shipped_schema_matches_the_loader_declaration() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "the scenario format changed: run 'python main.py schema --write'")


def test_schema_is_valid_draft7() -> None:
    jsonschema.Draft7Validator.check_schema(build_schema())


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.name)
def test_every_valid_scenario_satisfies_the_schema(path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), build_schema())


def test_schema_flags_an_unknown_key_and_an_unknown_code() -> None:
    data = yaml.safe_load((ROOT / "tests" / "data" / "valid" / "mini.yaml").read_text())
    data["nodes"]["opening"]["mood"] = "grumpy"
    with pytest.raises(jsonschema.ValidationError, match="'mood' was unexpected"):
        jsonschema.validate(data, build_schema())
    del data["nodes"]["opening"]["mood"]
    data["nodes"]["opening"]["options"][0]["codes"]["mi"] = "CRR"
    with pytest.raises(jsonschema.ValidationError, match="'CRR' is not one of"):
        jsonschema.validate(data, build_schema())


def test_schema_offers_descriptions_for_autocomplete() -> None:
    schema = json.loads(SCHEMA_PATH.read_text())
    option = schema["properties"]["nodes"]["additionalProperties"]["properties"]["options"]
    keys = option["items"]["properties"]
    assert "why this response helps or hurts" in keys["explain"]["description"]
    assert "CR = Complex reflection" in keys["codes"]["properties"]["mi"]["description"]
