"""The cards' faces kept between starts: read back exactly as drawn, used only for
the very face asked for, and never in the way of drawing one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPixmap

from simulator.ui import face_cache

GARY = ("adult_man", "calm", "Gary")
DRAW = face_cache.draw_face  # drawn from the SVG, uncounted, to compare with


def _same(first: QPixmap, second: QPixmap) -> bool:
    return first.size() == second.size() and first.toImage() == second.toImage()


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """The faces drawn from their SVG (not read from the cache)."""
    calls: list[tuple[str, str, str]] = []
    def counted(face: tuple[str, str, str], pixels: int) -> QPixmap:
        calls.append(face)
        return DRAW(face, pixels)

    monkeypatch.setattr(face_cache, "draw_face", counted)
    return calls


def _kept(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "faces").glob("*.face"))


def test_a_face_drawn_once_is_read_back_the_same_at_the_next_start(
        qapp: Any, drawn: list[Any], _own_data_dir: Path) -> None:
    first = face_cache.face_pixmap(GARY, 64)
    again = face_cache.face_pixmap(GARY, 64)
    assert drawn == [GARY]  # the second came from the file
    assert _same(first, again) and not first.isNull()
    assert _same(again, DRAW(GARY, 64))
    assert len(_kept(_own_data_dir)) == 1


def test_each_face_size_and_name_is_kept_apart(
        qapp: Any, drawn: list[Any], _own_data_dir: Path) -> None:
    odd = ("girl", "upset", "Zoë\n<b>&")  # any name a scenario may give
    for face, pixels in ((GARY, 64), (GARY, 128), (odd, 64), (("adult_man", "calm", "Gar"), 64)):
        face_cache.face_pixmap(face, pixels)
        face_cache.face_pixmap(face, pixels)
    assert len(drawn) == 4 and len(_kept(_own_data_dir)) == 4
    assert face_cache.face_pixmap(GARY, 128).width() == 128
    assert _same(face_cache.face_pixmap(odd, 64), DRAW(odd, 64))


def test_a_damaged_or_foreign_file_is_drawn_again_and_replaced(
        qapp: Any, drawn: list[Any], _own_data_dir: Path) -> None:
    face_cache.face_pixmap(GARY, 64)
    [kept] = _kept(_own_data_dir)
    whole = kept.read_bytes()
    for damage in (whole[:-7], b"", whole.replace(b"Gary", b"Gray", 1), b"\x00" * len(whole)):
        kept.write_bytes(damage)
        assert _same(face_cache.face_pixmap(GARY, 64), DRAW(GARY, 64))
    assert len(drawn) == 5  # the first, then once for each damaged file
    assert kept.read_bytes() == whole  # repaired
    face_cache.face_pixmap(GARY, 64)
    assert len(drawn) == 5


def test_a_changed_drawing_is_never_shown_from_an_older_file(
        qapp: Any, drawn: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    face_cache.face_pixmap(GARY, 64)
    monkeypatch.setattr(face_cache, "drawings_stamp", lambda: "an edited head.svg")
    face_cache.face_pixmap(GARY, 64)
    assert drawn == [GARY, GARY]


def test_the_stamp_follows_the_files_that_draw_faces(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    from simulator.ui import resources

    copy = tmp_path / "assets"
    shutil.copytree(resources.asset("avatars"), copy / "avatars")
    monkeypatch.setattr(resources, "asset", lambda *parts: copy.joinpath(*parts))
    face_cache.drawings_stamp.cache_clear()
    stamp = face_cache.drawings_stamp()
    face_cache.drawings_stamp.cache_clear()
    assert face_cache.drawings_stamp() == stamp and len(stamp) == 8  # the same files
    head = copy / "avatars" / "heads" / "adult_man.svg"
    head.write_text(head.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(head, ns=(1, 1))
    face_cache.drawings_stamp.cache_clear()
    assert face_cache.drawings_stamp() != stamp  # an edited head: a new stamp
    monkeypatch.undo()
    face_cache.drawings_stamp.cache_clear()


def test_faces_from_changed_drawings_and_pieces_left_by_a_crash_are_tidied(
        qapp: Any, monkeypatch: pytest.MonkeyPatch, _own_data_dir: Path) -> None:
    import os

    face_cache.face_pixmap(GARY, 64)
    [old] = _kept(_own_data_dir)
    stale_part = old.with_name("0000.1234.part")
    stale_part.write_bytes(b"half a face")
    os.utime(stale_part, (1, 1))  # from a start that stopped long ago
    fresh_part = old.with_name("0000.5678.part")
    fresh_part.write_bytes(b"another start is writing this")
    monkeypatch.setattr(face_cache, "drawings_stamp", lambda: "0a1b2c3d")  # drawings changed
    face_cache.face_pixmap(GARY, 64)
    [new] = _kept(_own_data_dir)
    assert new != old and new.name.startswith("0a1b2c3d-")
    assert not old.exists() and not stale_part.exists() and fresh_part.exists()


def test_without_a_data_folder_faces_are_still_drawn(
        qapp: Any, drawn: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(blocker))
    assert not face_cache.face_pixmap(GARY, 64).isNull()
    assert not face_cache.face_pixmap(GARY, 64).isNull()
    assert len(drawn) == 2
    assert blocker.read_text(encoding="utf-8") == "not a folder"
