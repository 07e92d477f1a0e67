"""The report screen and its exports: PDF, JSON and CSV, checked by content."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from simulator.ui.main_window import MainWindow
from tests.ui.conftest import finish as _finish


def test_report_shows_miti_pace_4r_chart_and_transcript(window: MainWindow) -> None:
    _finish(window, [3, 2])
    page = window.report_page
    assert page.heading.text() == "How it went: A short test conversation"
    texts = [w.text() for w in page.scroll.widget().findChildren(type(page.heading))]
    assert "Still here" in texts  # the ending
    assert "Reflections to questions" in texts and "Complex reflections" in texts
    assert any(t.startswith("A stronger response here: “You'd rather be anywhere") for t in texts)
    assert page.chart_view is not None
    assert "trust 3, arousal 8" in page.chart_view.accessibleDescription()
    tips = [w.toolTip() for w in page.scroll.widget().findChildren(type(page.heading))]
    assert any("MITI 4.2.1: 1:1 is fair" in tip for tip in tips)


def test_exports_write_pdf_json_and_csv(window: MainWindow, tmp_path: Path,
                                        dialog_log: Any) -> None:
    report = _finish(window, [1, 1])
    dialog_log.save_path = str(tmp_path / "out")  # no suffix: the app adds it
    pdf = window.export_report("pdf")
    data = window.export_report("json")
    table = window.export_report("csv")
    assert pdf == tmp_path / "out.pdf"
    body = pdf.read_bytes()
    assert body.startswith(b"%PDF") and len(body) > 5000
    saved = json.loads(data.read_text(encoding="utf-8"))
    assert saved["ending"]["id"] == "engaged" == report["ending"]["id"]
    assert saved["report"]["overall"]["score"] == 100
    rows = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["response"] for r in rows] == ["You'd rather be anywhere but here.",
                                             "What would make today worth your while?"]
    assert rows[0]["mi_labels"] == "CR" and rows[0]["was_best"] == "yes"
    assert rows[0]["trust_before"] == "3" and rows[0]["trust_after"] == "5"


def test_cancelled_or_failed_export_is_gentle(window: MainWindow, tmp_path: Path,
                                              dialog_log: Any) -> None:
    _finish(window, [1, 1])
    assert window.export_report("csv") is None  # cancelled: nothing written, no error
    assert not dialog_log.named("show_error")
    dialog_log.save_path = str(tmp_path / "no-such-folder" / "x.csv")
    assert window.export_report("csv") is None
    assert dialog_log.named("show_error")


def test_play_again_opens_the_briefing(window: MainWindow) -> None:
    _finish(window, [1, 1])
    window.report_page.again_button.click()
    assert window.stack.currentWidget() is window.briefing
    assert window.briefing.scenario_id == "mini"
