"""The dialog shown when something unexpected happened; the app keeps running."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from pathlib import Path


class CrashDialog(QDialog):
    """Shown when something unexpected happened; the app keeps running."""

    def __init__(self, parent: QWidget | None, summary: str, details: str,
                 log_path: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setAccessibleName("Something went wrong")
        self.details = details
        layout = QVBoxLayout(self)
        where = f" The details are also saved in {log_path}." if log_path else ""
        intro = QLabel(
            "Rapport hit a problem it did not expect. Your progress so far is saved, and you "
            "can carry on. If it happens again, please send the details below to whoever "
            f"looks after Rapport.{where}")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        headline = QLabel(summary)
        headline.setWordWrap(True)
        headline.setProperty("role", "subheading")
        layout.addWidget(headline)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Error details")
        self.text.setMinimumSize(520, 180)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Copy details")
        self.copy_button.setAccessibleName("Copy details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Keep working", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")
