"""Every modal dialog the studio opens goes through a function here.

A modal dialog blocks in its own event loop, which would hang a test. Tests
monkeypatch these functions, so the studio always calls them through the
module (``dialogs.ask_open_path(...)``), never by importing the function.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

SCENARIO_FILTER = "Scenario files (*.yaml *.yml);;All files (*)"


def ask_open_path(parent: QWidget | None, folder: str = "") -> str | None:
    """The scenario file the writer picked, or None if they cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open a scenario file", folder,
                                          SCENARIO_FILTER)
    return path or None


def ask_save_path(parent: QWidget | None, title: str, suggested: str,
                  file_filter: str) -> str | None:
    """Where to save an export, or None if the writer cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def tell(parent: QWidget | None, title: str, message: str) -> None:
    """A plain message the writer has to read (an export that could not be saved)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAccessibleName(title)
    box.exec()
