"""Test configuration shared by every test.

Qt must never need a screen in tests, so the offscreen platform is set here,
before any test module can import Qt. Each test also gets its own data folder
(history database, logs, settings), so no test sees another's leftovers or the
developer's real history.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

# The real LRS (Ralph) the learning-record tests share: one per run, started on first use.
pytest_plugins = ["tests.xapi.lrs"]

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rapport-data"
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def data_dir() -> Path:
    return DATA


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", default=False,
                     help="run the long fuzz test: 20,000 mutated scenario files, not 2,000")
