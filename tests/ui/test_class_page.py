"""The Class page: a trainer opens a folder of hand-ins, reads the report, saves files."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from simulator.ui.main_window import MainWindow
from tests.handins import write_class


def test_a_trainer_opens_a_folder_and_saves_gradebook_and_pdf(
        window: MainWindow, tmp_path: Path, dialog_log: Any) -> None:
    folder = tmp_path / "hand-ins"
    write_class(folder)
    (folder / "edited.json").write_text(
        (next(folder.glob("handin-sw2-s1-*"))).read_text("utf-8").replace('"Ana"', '"Ann"'),
        encoding="utf-8")
    window.nav["class"].click()
    page = window._page("class")
    assert window.stack.currentWidget() is page
    assert not page.csv_button.isEnabled()
    dialog_log.folder = str(folder)
    page.open_button.click()
    assert page.summary.text().endswith("3 students, 4 sessions.")
    assert "edited.json: has been changed since it was handed in" in page.problems.text()
    text = page.view.toPlainText()
    assert "A short test conversation" in text and "Walked out (Escalated)" in text
    assert "Ana (S1, SW2)" in text
    dialog_log.save_path = str(tmp_path / "grades")
    gradebook = window.export_class("csv")
    rows = list(csv.DictReader(gradebook.read_text("utf-8").splitlines()))
    assert [r["Student"] for r in rows] == ["Ana", "Ben", "Cal"]
    dialog_log.save_path = str(tmp_path / "class")
    pdf = window.export_class("pdf")
    assert pdf == tmp_path / "class.pdf" and pdf.read_bytes().startswith(b"%PDF")


def test_hiding_names_redraws_the_report_without_them(window: MainWindow, tmp_path: Path,
                                                      dialog_log: Any) -> None:
    write_class(tmp_path)
    (tmp_path / "handin-sw2-s9-broken.json").write_text("{", encoding="utf-8")
    window.show_class()
    window.load_class_folder(str(tmp_path))
    page = window._page("class")
    assert "handin-sw2-s9-broken.json" in page.problems.text()
    page.anonymise.setChecked(True)
    text = page.view.toPlainText()
    assert "Student 1 (SW2)" in text and "Ana" not in text and "S1," not in text
    assert page.problems.text() == "1 file not counted; untick Hide names to see which and why."


def test_the_cli_writes_a_pdf(tmp_path: Path, qapp: Any) -> None:
    import io

    from simulator.cli import main

    write_class(tmp_path / "in")
    out = io.StringIO()
    assert main(["class", str(tmp_path / "in"), "--pdf", str(tmp_path / "r.pdf")], out) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
