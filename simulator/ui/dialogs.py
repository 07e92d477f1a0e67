"""Every modal dialog the app opens goes through a function in this module.

A modal dialog blocks in its own event loop; in a test that would hang the run.
Tests replace these functions (monkeypatch) and check they were called, so the
rest of the app calls them as ``dialogs.show_error(...)``, never by importing
the function itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Something the learner (or a scenario file) caused: a plain message."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAccessibleName(title)
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()


def ask(parent: QWidget | None, title: str, message: str, yes: str = "OK",
        no: str = "Cancel") -> bool:
    """A yes/no question with buttons that say what they do."""
    box = QMessageBox(QMessageBox.Icon.Question, title, message,
                      QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


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


def show_crash(parent: QWidget | None, summary: str, details: str,
               log_path: Path | None = None) -> None:
    CrashDialog(parent, summary, details, log_path).exec()


def save_file(parent: QWidget | None, caption: str, suggested: str, file_filter: str
              ) -> str | None:
    """Ask where to save; None when the learner cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return path or None


def choose_folder(parent: QWidget | None, caption: str, start: str = "") -> str | None:
    path = QFileDialog.getExistingDirectory(parent, caption, start)
    return path or None
