"""Tests of the history database and the exports; helpers shared by them."""

from __future__ import annotations

from pathlib import Path

from simulator.core.loader import load_scenario
from simulator.core.model import Scenario
from simulator.core.session import Session

MINI = Path(__file__).resolve().parent.parent / "data" / "valid" / "mini.yaml"


def scenario_copy(folder: Path, scenario_id: str, replace: dict[str, str] | None = None
                  ) -> Scenario:
    """mini.yaml under another id (and with any text replaced), for a second scenario."""
    text = MINI.read_text(encoding="utf-8").replace("id: mini", f"id: {scenario_id}", 1)
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    path = folder / f"{scenario_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def played(scenario: Scenario, choices: list[int], mode: str = "practice") -> Session:
    session = Session(scenario, mode=mode)
    for choice in choices:
        session.choose(choice)
    return session
