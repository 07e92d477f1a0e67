"""Every modal dialog the app opens goes through a function in this module.

A modal dialog blocks in its own event loop; in a test that would hang the run.
Tests replace these functions (monkeypatch) and check they were called, so the
rest of the app calls them as ``dialogs.show_error(...)``, never by importing
the function itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Qt builds each Python class on first use (2-4 ms apiece), so the dialog classes are
# imported when a dialog is first opened, not while the window is starting (and `Qt`
# is named in a dialog only: see first_paint).
from PySide6 import QtCore, QtWidgets

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget


def _message(parent: QWidget | None, icon: str, title: str, message: str,
             buttons: str = "Ok") -> QtWidgets.QMessageBox:
    box_type = QtWidgets.QMessageBox
    box = box_type(getattr(box_type.Icon, icon), title, message,
                   getattr(box_type.StandardButton, buttons), parent)
    # Messages may quote a scenario's title or a file's words: never draw them as markup.
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setAccessibleName(title)
    return box


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Something the learner (or a scenario file) caused: a plain message."""
    _message(parent, "Warning", title, message).exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    _message(parent, "Information", title, message).exec()


def question_box(parent: QWidget | None, title: str, message: str, yes: str, no: str
                 ) -> tuple[QtWidgets.QMessageBox, QtWidgets.QAbstractButton]:
    """The box `ask` shows, and its yes button. The questions are about deleting or
    leaving, so the safe answer (`no`) is the default: Enter never destroys anything."""
    box = _message(parent, "Question", title, message, "NoButton")
    role = QtWidgets.QMessageBox.ButtonRole
    yes_button = box.addButton(yes, role.DestructiveRole)
    no_button = box.addButton(no, role.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    return box, yes_button


def ask(parent: QWidget | None, title: str, message: str, yes: str = "OK",
        no: str = "Cancel") -> bool:
    """A yes/no question with buttons that say what they do."""
    box, yes_button = question_box(parent, title, message, yes, no)
    box.exec()
    return box.clickedButton() is yes_button


def show_crash(parent: QWidget | None, summary: str, details: str,
               log_path: Path | None = None) -> None:
    from .crash_dialog import CrashDialog

    CrashDialog(parent, summary, details, log_path).exec()


def save_dialog(parent: QWidget | None, caption: str, suggested: str, file_filter: str
                ) -> QtWidgets.QFileDialog:
    """The save dialog, not yet shown. Qt's own dialog, not the platform's: the
    platform one took 2.4 s to appear (benchmarks/bench_ui.py measures ours)."""
    dialog_type = QtWidgets.QFileDialog
    dialog = dialog_type(parent, caption, suggested, file_filter)
    dialog.setOption(dialog_type.Option.DontUseNativeDialog)
    dialog.setAcceptMode(dialog_type.AcceptMode.AcceptSave)
    dialog.setFileMode(dialog_type.FileMode.AnyFile)
    dialog.setAccessibleName(caption)
    return dialog


def save_file(parent: QWidget | None, caption: str, suggested: str, file_filter: str
              ) -> str | None:
    """Ask where to save; None when the learner cancels."""
    dialog = save_dialog(parent, caption, suggested, file_filter)
    try:
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        return chosen[0] if chosen else None
    finally:
        dialog.deleteLater()


def choose_folder(parent: QWidget | None, caption: str, start: str = "") -> str | None:
    path = QtWidgets.QFileDialog.getExistingDirectory(parent, caption, start)
    return path or None


def choose_profile(parent: QWidget | None, known: list, current: object
                   ) -> tuple[bool, object]:
    """Ask who is practising: (True, Profile or None for no profile), or (False, None)."""
    from .profile_dialog import ProfileDialog

    dialog = ProfileDialog(known, current, parent)  # type: ignore[arg-type]
    accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
    return (True, dialog.chosen) if accepted else (False, None)


def open_file(parent: QWidget | None, caption: str, start: str, file_filter: str
              ) -> str | None:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, caption, start, file_filter)
    return path or None


def choose_sessions(parent: QWidget | None, records: list, who: str) -> list[str] | None:
    """Which saved sessions to hand in (record ids); None when cancelled."""
    from .handin_dialog import HandInDialog

    dialog = HandInDialog(records, who, parent)
    accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
    return dialog.chosen if accepted else None
