"""Exports: an SVG that parses, a PNG that loads, the Mermaid text of the core."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from simulator.core.graph import mermaid
from simulator.ui.studio import dialogs


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def answer(name: str) -> None:
        def ask(parent, title, suggested, file_filter):  # type: ignore[no-untyped-def]
            asked.append(suggested)
            return str(tmp_path / name)
        monkeypatch.setattr(dialogs, "ask_save_path", ask)

    answer.asked = asked  # type: ignore[attr-defined]
    return answer


def test_svg_png_and_mermaid_exports(studio, mini_copy: Path, save_to, tmp_path: Path) -> None:
    window = studio(mini_copy)
    window.map.select_node("middle")

    save_to("map.svg")
    assert window.export_svg() == str(tmp_path / "map.svg")
    root = ET.parse(tmp_path / "map.svg").getroot()
    assert root.tag.endswith("svg")
    text = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "opening" in text and "Walked out" in text
    assert save_to.asked[0].endswith("mini-map.svg")
    assert window.map.selected_node() == "middle"  # the export did not lose the selection

    save_to("map.png")
    window.export_png()
    image = QImage(str(tmp_path / "map.png"))
    assert not image.isNull() and image.width() > 100 and image.height() > 100

    save_to("map.mmd")
    window.export_mermaid()
    assert (tmp_path / "map.mmd").read_text(encoding="utf-8") == mermaid(window.scenario)


def test_a_failed_export_is_explained(studio, mini_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    window = studio(mini_copy)
    told: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_path",
                        lambda *a: str(tmp_path / "no such folder" / "map.mmd"))
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, message: told.append(message))
    assert window.export_mermaid() is None
    assert told and "could not save" in told[0]


def test_cancelling_the_save_dialog_writes_nothing(studio, mini_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = studio(mini_copy)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: None)
    assert window.export_png() is None
