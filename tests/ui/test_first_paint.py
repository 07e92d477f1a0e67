"""The way to the library's first paint names no `Qt` enum (PySide builds all 93 of
them, ~30 ms, the first time one is named), and nothing is lost by it: properties set
by name hold the values Qt's enums would give, and the hand cursor over buttons made
before the paint arrives just after it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from simulator.ui import first_paint
from simulator.ui.main_window import MainWindow
from simulator.ui.settings import Settings
from simulator.ui.widgets import button, hand_cursor
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _nothing_held_after() -> Any:
    yield
    first_paint.release()


def test_a_property_set_by_name_holds_what_the_enum_would_and_a_wrong_name_is_refused(
        qapp: Any) -> None:
    widget = QLabel("x")
    first_paint.set_by_name(widget, "textFormat", "PlainText")
    first_paint.set_by_name(widget, "textInteractionFlags", "TextSelectableByMouse")
    first_paint.set_by_name(widget, "focusPolicy", "StrongFocus")
    assert widget.textFormat() == Qt.TextFormat.PlainText
    assert widget.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
    with pytest.raises(ValueError, match="focusPolicy"):
        first_paint.set_by_name(widget, "focusPolicy", "Strong")
    with pytest.raises(ValueError, match="textFormt"):
        first_paint.set_by_name(widget, "textFormt", "PlainText")


def test_work_waits_while_held_and_is_done_once_released_in_order(qapp: Any) -> None:
    done: list[str] = []
    first_paint.after(lambda: done.append("not held: at once"))
    first_paint.hold()
    first_paint.after(lambda: done.append("first"))
    first_paint.after(lambda: done.append("second"))
    assert done == ["not held: at once"]
    first_paint.release()
    assert done == ["not held: at once", "first", "second"]
    first_paint.after(lambda: done.append("after the paint: at once"))
    assert done[-1] == "after the paint: at once"


def test_one_failing_piece_of_work_stops_none_of_the_others(qapp: Any) -> None:
    done: list[str] = []

    def failing() -> None:
        raise RuntimeError("a widget gone wrong")

    first_paint.hold()
    first_paint.after(failing)
    first_paint.after(lambda: done.append("still done"))
    with pytest.raises(RuntimeError, match="gone wrong"):
        first_paint.release()
    assert done == ["still done"]
    first_paint.after(lambda: done.append("not held any more"))
    assert done[-1] == "not held any more"


def test_a_button_deleted_before_the_paint_is_passed_over(qapp: Any) -> None:
    first_paint.hold()
    gone = button("Gone")
    kept = QPushButton("Kept")
    hand_cursor(kept)
    shiboken6.delete(gone)
    first_paint.release()  # no error for the deleted one
    assert kept.cursor().shape() == Qt.CursorShape.PointingHandCursor


def test_buttons_made_before_the_first_paint_show_the_hand_just_after_it(
        qtbot: Any, make_window: Any, scenario_folder: Path) -> None:
    make_window()  # an earlier start: its card is remembered, and drawn at the first paint
    first_paint.hold()  # as run_app does
    window = MainWindow(Settings(), None, [scenario_folder])
    qtbot.addWidget(window)
    buttons = [*window.nav.values(), window.profile_button,
               *(card.open_button for card in window.library.cards())]
    assert len(buttons) == 6
    assert all(b.cursor().shape() == Qt.CursorShape.ArrowCursor for b in buttons)
    with qtbot.waitSignal(window.library_shown, timeout=5000):
        window.show()
    assert all(b.cursor().shape() == Qt.CursorShape.PointingHandCursor for b in buttons)
    assert all(b.focusPolicy() == Qt.FocusPolicy.StrongFocus for b in window.nav.values())
    qtbot.waitUntil(lambda: not window.loading_scenarios, timeout=10000)
    window.close()
    window.loader.wait()


# Started as `python main.py` starts it, watched from inside: which Python enums PySide
# has made when the library's first paint is done, and once every file is checked.
_WATCHED_START = textwrap.dedent("""
    import enum, sys, time
    made = []
    create = enum.EnumType._create_
    def counted(cls, name, *args, **kwargs):
        made.append(name)
        return create(cls, name, *args, **kwargs)
    enum.EnumType._create_ = counted

    from pathlib import Path
    from simulator.ui import app, resources
    resources.bundled_scenarios = lambda: Path(sys.argv[1])
    make_window = app.create_window

    def create_window(*args, **kwargs):
        window = make_window(*args, **kwargs)
        from PySide6.QtCore import QEvent, QObject, QTimer

        show = window.show

        def slowly_shown():  # a slow or busy machine: the paint comes late
            show()
            time.sleep(float(sys.argv[2]))

        window.show = slowly_shown

        class Watch(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and window.library.cards():
                    window.library.removeEventFilter(self)
                    QTimer.singleShot(0, lambda: print(
                        "painted", "AlignmentFlag" in made, "PySide6.QtSvg" in sys.modules,
                        flush=True))
                return False

        window.watch = Watch(window)
        window.library.installEventFilter(window.watch)

        def checked():
            print("checked", "AlignmentFlag" in made, flush=True)
            QTimer.singleShot(300, window.close)  # a first start draws its cards first

        window.loader.finished.connect(checked)
        return window

    app.create_window = create_window
    from simulator.launch import main
    sys.exit(main([]))
""")


def test_the_library_is_painted_before_any_qt_enum_is_named_or_any_svg_drawn(
        scenario_folder: Path, tmp_path: Path) -> None:
    """The first start writes the card cache and keeps the faces; the later ones paint
    their cards from them without Qt's SVG module, even when the paint comes 0.4 s
    after the window is shown (past the window's 250 ms fallback). Only after that
    paint are the `Qt` enums made (the buttons' hand cursor names one): this test
    would see them if anything named one sooner."""
    env = {"RAPPORT_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    said = []
    for delay in ("0", "0", "0.4"):
        run = subprocess.run([sys.executable, "-c", _WATCHED_START, str(scenario_folder),
                              delay], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=60)
        assert run.returncode == 0, run.stderr
        said.append(run.stdout.split("\n"))
    assert said[0][:2] == ["checked True", "painted True True"]  # the first start drew
    assert list((tmp_path / "data" / "faces").glob("*.face"))  # and kept the face
    assert said[1][:2] == said[2][:2] == ["painted False False", "checked True"]
