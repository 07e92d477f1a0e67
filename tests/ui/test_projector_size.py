"""The 24 pt Projector text size at 1366x768: nothing drawn over the face, no
sideways scrolling, the client's words and responses in view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.ui.fit import face_size, panel_width
from simulator.ui.main_window import MainWindow

DUI = Path(__file__).resolve().parents[2] / "scenarios" / "dui-group.yaml"


def test_the_panel_and_face_give_way_to_a_small_screen() -> None:
    assert panel_width(12, 1366) == 250  # normal text: as before
    assert panel_width(24, 1920) == 456
    assert panel_width(24, 1366) == 409  # 30% of the page at most
    assert face_size(24, 409, 1000) == 320
    assert face_size(24, 409, 140) == 140  # only the height left over
    assert face_size(24, 409, 10) == 72  # never smaller than a thumbnail


def test_projector_text_at_1366x768_keeps_the_layout(make_window: Any, tmp_path: Path,
                                                     qtbot: Any) -> None:
    import shutil

    shutil.copy(DUI, tmp_path / "dui-group.yaml")
    window: MainWindow = make_window(folders=[tmp_path], size=(1366, 768))
    window.settings.update(text_size="projector")
    window.start_conversation("dui-group", "practice")
    page = window.conversation
    qtbot.wait(300)  # the page settles its scrolling after the first paint
    panel = page.client
    face = panel.avatar.geometry()
    assert panel.name.geometry().top() >= face.bottom()  # the name is below the face
    assert panel.layout().totalHeightForWidth(panel.width()) <= page.scroll.height() + 8
    assert page.scroll.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    viewport = page.scroll.viewport()

    def in_view(widget: Any) -> bool:
        top = widget.mapTo(viewport, widget.rect().topLeft()).y()
        return top >= 0 and top + widget.height() <= viewport.height()

    assert in_view(page.bubbles[-1])  # the words the learner answers
    assert in_view(page.options.buttons[0])  # and the responses right under them
    second = page.options.buttons[1]
    assert second.mapTo(viewport, second.rect().topLeft()).y() < viewport.height()
    page.options.buttons[1].click()
    qtbot.waitUntil(lambda: in_view(page.feedback.continue_button), timeout=3000)
