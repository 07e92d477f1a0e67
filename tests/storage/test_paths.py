"""Where Rapport keeps its files on each platform, and RAPPORT_DATA_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.errors import RapportError
from simulator.storage.paths import DataFolderError, data_dir, default_data_dir, log_file

HOME = Path("/home/learner")


def test_data_dir_follows_the_environment_and_is_created(_own_data_dir: Path) -> None:
    assert not _own_data_dir.exists()
    assert data_dir() == _own_data_dir
    assert _own_data_dir.is_dir()


def test_log_file_is_in_the_data_folder() -> None:
    assert log_file() == data_dir() / "rapport.log"


def test_user_folder_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    monkeypatch.setenv("RAPPORT_DATA_DIR", "~/rapport-here")
    assert data_dir() == tmp_path / "rapport-here"


def test_without_the_variable_the_platform_folder_is_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAPPORT_DATA_DIR")
    for variable in ("HOME", "USERPROFILE"):
        monkeypatch.setenv(variable, str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    folder = data_dir()
    assert folder == default_data_dir()
    assert folder.is_dir() and tmp_path in folder.parents


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("linux", {}, HOME / ".local/share/rapport"),
    ("linux", {"XDG_DATA_HOME": "/data/xdg"}, Path("/data/xdg/rapport")),
    ("linux", {"XDG_DATA_HOME": "relative/xdg"}, HOME / ".local/share/rapport"),
    ("freebsd14", {}, HOME / ".local/share/rapport"),
    ("darwin", {"XDG_DATA_HOME": "/ignored"}, HOME / "Library/Application Support/Rapport"),
    ("win32", {"APPDATA": "C:/Users/learner/AppData/Roaming"},
     Path("C:/Users/learner/AppData/Roaming/Rapport")),
    ("win32", {}, HOME / "AppData/Roaming/Rapport"),
])
def test_platform_folders(platform: str, env: dict[str, str], expected: Path) -> None:
    assert default_data_dir(platform, env, HOME) == expected


def test_a_file_in_place_of_the_folder_is_a_plain_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(blocker))
    with pytest.raises(DataFolderError, match="is a file, not a folder"):
        data_dir()
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(blocker / "below"))
    with pytest.raises(RapportError, match="RAPPORT_DATA_DIR"):
        data_dir()
