"""Saving the scenario file re-checks it: errors appear located, the map follows the fix."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

DANGLING = "        next: partial\nendings:"
BROKEN = "        next: nowhere\nendings:"


def _save(path: Path, text: str) -> None:
    """Save as many editors do: write a new file and rename it over the old one."""
    fresh = path.with_name(path.name + ".tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def _broken_line(text: str) -> int:
    return text[: text.index(BROKEN)].count("\n") + 1


def test_a_broken_save_shows_the_located_error_and_a_fix_reloads_the_map(
        studio, mini_copy: Path, qtbot) -> None:
    window = studio(mini_copy)
    assert window.problems.count() == 0
    first_map = dict(window.map.nodes)
    assert set(first_map) == {"opening", "middle", "engaged", "partial", "walkout"}

    good = mini_copy.read_text(encoding="utf-8")
    assert DANGLING in good
    broken = good.replace(DANGLING, BROKEN)
    _save(mini_copy, broken)
    qtbot.waitUntil(lambda: window.problems.count() > 0, timeout=5_000)

    where, message, _hint = window.problems.rows()[0]
    assert where.startswith(f"{_broken_line(broken)}:")
    assert "nowhere" in message
    assert "error" in window.problems.summary_text()
    assert window.scenario is not None  # the map keeps the last version that worked
    assert window.map.nodes == first_map
    assert not window._banner.isHidden()

    finished = window.final_checks_done
    mini_copy.write_text(good.replace("title: Talking", "title: Still talking"),
                         encoding="utf-8")  # saved in place this time
    qtbot.waitUntil(lambda: window.problems.count() == 0, timeout=5_000)
    qtbot.waitUntil(lambda: window.map.nodes.get("engaged") is not first_map["engaged"],
                    timeout=5_000)
    assert window._banner.isHidden()
    assert window.scenario.endings["engaged"].title == "Still talking"
    qtbot.waitUntil(lambda: window.final_checks_done > finished, timeout=5_000)  # and the lint
    assert window.problems.summary_text().startswith("No problems found")


def test_clicking_a_problem_shows_its_line_highlighted(studio, mini_copy: Path, qtbot) -> None:
    broken = mini_copy.read_text(encoding="utf-8").replace(DANGLING, BROKEN)
    mini_copy.write_text(broken, encoding="utf-8")
    window = studio(mini_copy)
    assert window.scenario is None
    assert "has errors" in window._message.text()
    line = _broken_line(broken)

    tree = window.problems._list
    rect = tree.visualItemRect(tree.topLevelItem(0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    source = window.source
    assert source.highlighted_line == line
    assert source.textCursor().blockNumber() == line - 1
    marks = source.extraSelections()
    assert len(marks) == 1
    assert marks[0].cursor.blockNumber() == line - 1
    assert "nowhere" in marks[0].cursor.block().text()


def test_a_save_that_changes_nothing_is_not_checked_again(studio, mini_copy: Path,
                                                          qtbot) -> None:
    window = studio(mini_copy)
    changes: list[str] = []
    window.watcher.changed.connect(changes.append)
    (mini_copy.parent / "notes.txt").write_text("another file in the folder", encoding="utf-8")
    _save(mini_copy, mini_copy.read_text(encoding="utf-8"))
    qtbot.wait(500)
    assert changes == []
    assert window.checks_done == 1


def test_a_file_that_appears_later_is_checked(studio, tmp_path: Path, qtbot) -> None:
    missing = tmp_path / "not-yet.yaml"
    window = studio(missing)
    assert "does not exist" in window.problems.rows()[0][1]
    _save(missing, (Path(__file__).parents[2] / "data" / "valid" / "mini.yaml").read_text(
        encoding="utf-8"))
    qtbot.waitUntil(lambda: window.scenario is not None, timeout=5_000)
    assert window.problems.count() == 0
