"""The writers' studio shows a scenario's markup as text too: the map, the node
panel and the problems list (a message quoting an unknown key written as HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_no_markup import MARKUP, _leaks, hostile_folder  # noqa: F401 - a fixture


def test_the_studio_renders_no_markup_from_a_scenario(studio: Any, hostile_folder: Path,  # noqa: F811
                                                      qtbot: Any) -> None:
    path = hostile_folder / "hostile.yaml"
    window = studio(path)
    qtbot.waitUntil(lambda: window.final_checks_done >= 1, timeout=20_000)
    window._on_map_node_selected("opening")
    qtbot.wait(10)
    leaks = _leaks(window, "studio")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nodes:", f"'{MARKUP}': 1\nnodes:", 1), encoding="utf-8")
    window.open_path(str(path))
    qtbot.waitUntil(lambda: any("unknown key" in p.message for p in window.problems_shown),
                    timeout=20_000)
    leaks += _leaks(window, "studio with problems")
    assert not leaks, "scenario markup is rendered:\n" + "\n".join(leaks)


pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise\\(\\)")
