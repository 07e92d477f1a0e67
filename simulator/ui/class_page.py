"""The Class page: a trainer opens a folder of hand-in files and reads the class
report; saves the gradebook CSV or a PDF. Draws what it is given and announces
what the trainer asks for; the report itself is built in the core."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QWidget

from .widgets import FlowLayout, button, label, vbox


class ClassPage(QWidget):
    folder_requested = Signal()
    anonymise_changed = Signal(bool)
    export_requested = Signal(str)  # "csv" (the gradebook) or "pdf"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        layout = vbox(self, (28, 22, 28, 22), 10)
        layout.addWidget(label("Class report", "title"))
        layout.addWidget(label("Put the hand-in files your students sent you in one folder, "
                               "then open it here: you see how the class chose at each "
                               "moment, where the conversations ended, and a gradebook to "
                               "import into Moodle or Canvas.", "muted"))
        # A flow, not a row: at the Projector text size the four controls wrap to a
        # second line instead of clipping their words.
        controls = QWidget()
        row = FlowLayout(controls, spacing=10)
        self.open_button = button("Open a folder of hand-ins…", primary=True)
        self.open_button.clicked.connect(self.folder_requested)
        row.addWidget(self.open_button)
        self.anonymise = QCheckBox("Hide names (Student 1, Student 2…)")
        self.anonymise.setToolTip("For showing the report to the class: names and student "
                                  "ids are replaced, the class code stays.")
        self.anonymise.toggled.connect(self.anonymise_changed)
        row.addWidget(self.anonymise)
        self.csv_button = button("Save gradebook (CSV)…",
                                 tip="One row per student, one column per scenario: the "
                                     "best score. Moodle and Canvas import it.")
        self.csv_button.clicked.connect(lambda: self.export_requested.emit("csv"))
        row.addWidget(self.csv_button)
        self.pdf_button = button("Save report (PDF)…")
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        row.addWidget(self.pdf_button)
        layout.addWidget(controls)
        self.summary = label("No folder opened yet.", "muted")
        layout.addWidget(self.summary)
        self.problems = label("", "muted")
        self.problems.hide()
        layout.addWidget(self.problems)
        self.view = QTextBrowser()
        self.view.setAccessibleName("Class report")
        self.view.setOpenLinks(False)
        layout.addWidget(self.view, 1)
        self.set_ready(False)

    def set_ready(self, ready: bool) -> None:
        self.csv_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    def show_report(self, folder: str, html: str, students: int, sessions: int,
                    problems: Sequence[str]) -> None:
        self.summary.setText(f"{folder}: {students} student{'s' if students != 1 else ''}, "
                             f"{sessions} session{'s' if sessions != 1 else ''}.")
        self.problems.setVisible(bool(problems))
        if self.anonymise.isChecked():  # file names carry student ids: not for a projector
            self.problems.setText(f"{len(problems)} file{'s' if len(problems) != 1 else ''} "
                                  "not counted; untick Hide names to see which and why.")
        else:
            self.problems.setText("Not counted:\n" + "\n".join(f"• {p}" for p in problems))
        self.view.setHtml(html)
        self.set_ready(sessions > 0)
