"""The report screen and its exports call out a safety failure (and the capped score),
and explain an ending the score does not; played in a real window over mini.yaml,
changed only where each case needs it."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFrame, QLabel

from simulator.core.frameworks import builtin_frameworks
from simulator.ui.main_window import MainWindow
from simulator.ui.report_html import report_html
from tests.ui.conftest import MINI
from tests.ui.conftest import finish as _finish

REASON = "ignores that Sam says his daughter is home alone"


def _window(make_window: Any, tmp_path: Path, *edits: tuple[str, str]) -> MainWindow:
    text = MINI.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder = tmp_path / "edited"
    folder.mkdir()
    (folder / "mini.yaml").write_text(text, encoding="utf-8")
    return make_window(folders=[folder])




def _texts(window: MainWindow) -> list[str]:
    return [w.text() for w in window.report_page.scroll.widget().findChildren(QLabel)]


SAFETY = (("        explain: Closed and off-topic.\n",
           f"        explain: Closed and off-topic.\n        safety_failure: {REASON}\n"),
          ("grade: unhelpful\n        codes: {mi: CQ}", "grade: harmful\n        codes: {mi: CQ}"))


def test_a_safety_failure_is_called_out_and_the_score_shown_capped(
        make_window: Any, tmp_path: Path, dialog_log: Any) -> None:
    window = _window(make_window, tmp_path, *SAFETY)
    window.start_conversation("mini", "practice")
    window.controller.choose(3)  # practice feedback says so at once
    panel = window.conversation.feedback
    assert panel.safety.isVisibleTo(panel)
    assert panel.safety.text() == (f"A safety failure: {REASON}. In your report this caps "
                                   "your score.")
    report = _finish(window, [3, 1])
    texts = _texts(window)
    assert "40/100" in texts and "capped (average 50)" in texts
    assert "Safety comes first: your score is capped" in texts
    assert any(t.startswith("Your score is capped at 40/100") and REASON in t for t in texts)
    assert "A safety failure" in texts and REASON in texts  # on the response's own card
    boxes = window.report_page.scroll.widget().findChildren(QFrame)
    assert any(b.property("card") == "error" and
               b.accessibleName() == "Safety comes first: your score is capped"
               for b in boxes)
    html = report_html(report, builtin_frameworks())  # what the PDF export prints
    assert "Safety comes first" in html and "A safety failure:</b>" in html
    dialog_log.save_path = str(tmp_path / "out")
    rows = list(csv.DictReader(window.export_report("csv").read_text(
        encoding="utf-8-sig").splitlines()))
    assert [r["safety_failure"] for r in rows] == [REASON, ""]


def test_a_poor_ending_beside_a_sound_score_is_explained_on_screen(
        make_window: Any, tmp_path: Path) -> None:
    window = _window(make_window, tmp_path, ("    outcome: partial\n",
                                             "    outcome: disengaged\n"))
    _finish(window, [3, 1])
    texts = _texts(window)
    assert "67/100" in texts and "Why the ending and your score differ" in texts
    assert any(t.startswith("Your responses were mostly sound (67/100), but the conversation "
                            "ended in 'Still here'") for t in texts)
    assert "Safety comes first: your score is capped" not in texts
