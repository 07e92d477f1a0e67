"""Fixtures for the writers' studio tests: a window that is always closed, scenario copies."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from simulator.core.loader import validate_file
from simulator.core.model import Scenario
from simulator.ui.studio.window import StudioWindow

DATA = Path(__file__).resolve().parents[2] / "data"
SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A valid scenario the test may break and fix on disk."""
    folder = tmp_path / "writing"
    folder.mkdir()
    return Path(shutil.copy(DATA / "valid" / "mini.yaml", folder / "mini.yaml"))


@pytest.fixture
def studio(qtbot) -> Iterator[Callable[..., StudioWindow]]:  # type: ignore[no-untyped-def]
    """Make studio windows; each is closed (watcher stopped, checks finished) afterwards."""
    made: list[StudioWindow] = []

    def make(path: Path | None = None, wait: bool = True) -> StudioWindow:
        window = StudioWindow()
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append(window)
        if path is not None:
            window.open_path(str(path))
            if wait:
                qtbot.waitUntil(lambda: window.checks_done >= 1, timeout=10_000)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def quick_load(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Scenario]:
    """Load a scenario without the route-playing pedagogy lint (seconds on a long one).

    The map tests are about drawing a valid scenario, not about checking it.
    """
    import simulator.core.lint as lint

    monkeypatch.setattr(lint, "lint", lambda *args, **kwargs: [])

    def load(path: Path) -> Scenario:
        result = validate_file(path)
        assert result.scenario is not None, [str(p) for p in result.problems]
        return result.scenario

    return load
