"""A save shows its map and errors at once; the teaching points follow from a second check.

The pedagogy lint plays every route (a second or more on a long scenario), so it
runs after the fast part has been shown. These tests hold the lint back with an
event, to see the in-between state for certain, and check that the final list is
exactly what `validate` prints.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import simulator.core.lint as lint_module
from simulator.cli import main as cli_main
from simulator.core.errors import Problem, Severity
from simulator.core.loader import validate_file
from simulator.ui.studio.checker import STRUCTURE, TEACHING, WHOLE, Checker, check_now

MINI = Path(__file__).resolve().parents[2] / "data" / "valid" / "mini.yaml"


def _with_warnings(text: str) -> str:
    """mini.yaml with warnings from both parts: 4R codes though 4R is not scored and a
    variable nothing changes (the fast part), and that no condition reads it (the lint)."""
    return (text.replace("frameworks: [mi, pace, r4]", "frameworks: [mi, pace]")
            .replace("  arousal: {start: 8}\n", "  arousal: {start: 8}\n  shame: {start: 2}\n"))


def _save(path: Path, text: str) -> None:
    fresh = path.with_name(path.name + ".tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    path = tmp_path / "warned.yaml"
    path.write_text(_with_warnings(MINI.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.fixture
def held_lint(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The real lint, held back until the test sets the event (never longer than 10 s)."""
    release = threading.Event()
    real = lint_module.lint

    def held(*args: object, **kwargs: object) -> list[Problem]:
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(lint_module, "lint", held)
    yield release
    release.set()  # never leave a worker waiting


def _validate_prints(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The problem lines `main.py validate <file>` prints (run beside the file, so the
    file is named as the studio names it)."""
    monkeypatch.chdir(path.parent)
    out = io.StringIO()
    cli_main(["validate", path.name], out)
    return out.getvalue().splitlines()[:-1]  # the last line is the count


def test_the_final_list_is_what_validate_prints(studio, warned: Path, qtbot,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = studio(warned)
    qtbot.waitUntil(lambda: window.final_checks_done >= 1, timeout=10_000)
    printed = _validate_prints(warned, monkeypatch)
    assert len(printed) == 6  # one from the lint, five from the fast part
    assert [str(p) for p in window.problems_shown] == printed
    assert [(where, message) for where, message, _hint in window.problems.rows()] == [
        (f"{p.line}:{p.col}", p.message) for p in validate_file(warned, warned.name).problems]
    assert window.problems.summary_text().startswith("6 warnings.")
    assert check_now(str(warned)).result.problems == validate_file(warned,
                                                                   warned.name).problems


def test_the_map_shows_before_the_teaching_points_are_checked(studio, warned: Path, qtbot,
                                                              held_lint) -> None:
    window = studio(warned)  # waits for the first answer only
    assert window.scenario is not None and "middle" in window.map.nodes
    assert window.final_checks_done == 0
    fast = validate_file(warned, warned.name, pedagogy=False).problems
    assert window.problems_shown == fast
    assert window.problems.count() == 5
    summary = window.problems.summary_text()
    assert summary.startswith("5 warnings so far.")
    assert "Checking the teaching points" in summary and "every route" in summary
    assert "teaching points" in window.statusBar().currentMessage()

    held_lint.set()
    qtbot.waitUntil(lambda: window.final_checks_done == 1, timeout=10_000)
    assert window.problems_shown == validate_file(warned, warned.name).problems
    assert window.problems.count() == 6
    assert "never read" in window.problems.rows()[1][1]  # sorted by line, like the rest
    assert window.problems.summary_text().startswith("6 warnings.")
    assert window.checks_done == 1  # the map was not drawn again


def test_a_file_with_errors_is_answered_once_without_the_lint(studio, tmp_path: Path,
                                                               qtbot, held_lint) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(MINI.read_text(encoding="utf-8").replace("next: partial\nendings:",
                                                             "next: nowhere\nendings:"),
                    encoding="utf-8")
    window = studio(path)
    assert window.final_checks_done == 1  # nothing follows: the lint never runs on errors
    assert window.problems_shown == validate_file(path, path.name).problems
    assert "Checking" not in window.problems.summary_text()


def test_a_newer_save_supersedes_an_older_teaching_check(qtbot, warned: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    release = threading.Event()
    started: list[str] = []

    def marked(scenario, _frameworks, _root) -> list[Problem]:  # type: ignore[no-untyped-def]
        started.append(scenario.title)
        if len(started) == 1:
            release.wait(10)  # the first save's lint is still running when the second comes
        return [Problem(scenario.source, 1, 1, Severity.WARNING, f"lint of {scenario.title}")]

    monkeypatch.setattr(lint_module, "lint", marked)
    checker = Checker()
    answers: list[tuple[str, str, list[str]]] = []
    checker.checked.connect(lambda c: answers.append(
        (c.stage, c.result.scenario.title if c.result.scenario else "",
         [p.message for p in c.result.problems if p.message.startswith("lint")])))
    try:
        first = warned.read_text(encoding="utf-8")
        checker.check(str(warned))
        qtbot.waitUntil(lambda: started == ["A short test conversation"], timeout=10_000)
        _save(warned, first.replace("title: A short", "title: A newer"))
        checker.check(str(warned))
        # The newer save's map and errors come while the older lint is still running.
        qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
        assert not release.is_set()
        release.set()
        qtbot.waitUntil(lambda: len(answers) == 3, timeout=10_000)
        checker.wait()
        qtbot.wait(50)  # let any late answer arrive, so the next line would see it
    finally:
        release.set()
        checker.wait()
    assert answers == [
        (STRUCTURE, "A short test conversation", []),
        (STRUCTURE, "A newer test conversation", []),
        (TEACHING, "A newer test conversation", ["lint of A newer test conversation"]),
    ]


def test_check_now_gives_the_whole_answer(tmp_path: Path, warned: Path) -> None:
    assert check_now(str(warned)).stage == TEACHING
    missing = check_now(str(tmp_path / "missing.yaml"))
    assert missing.stage == WHOLE and missing.final
    assert "does not exist" in missing.result.problems[0].message
