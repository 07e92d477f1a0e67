"""Start the writers' studio on its own (`python main.py studio [PATH]`)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .window import StudioWindow

_open: list[StudioWindow] = []  # windows opened inside another app's loop, kept alive here


def run_studio(path: str | None = None) -> int:
    """Open the studio (on `path` if given) and run until its window closes."""
    app = QApplication.instance()
    owns_app = app is None
    if owns_app:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Rapport writers' studio")
        app.setStyle("Fusion")
    window = StudioWindow(path)
    window.show()
    if not owns_app:  # another Qt app runs the event loop (opened from the main app)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open.append(window)
        window.destroyed.connect(lambda: _open.remove(window))
        return 0
    return app.exec()
