"""Where Rapport keeps what it writes: the history database, the log, settings.

One function decides the folder so every part of the app (and the tests, via
RAPPORT_DATA_DIR) agrees on it. The platform defaults follow each system's
convention, so the history sits where a user's backup already looks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from simulator.core.errors import RapportError

ENV_VAR = "RAPPORT_DATA_DIR"
APP_NAME = "Rapport"


class DataFolderError(RapportError):
    """The data folder cannot be created or is not a folder."""


def default_data_dir(platform: str | None = None, env: Mapping[str, str] | None = None,
                     home: Path | None = None) -> Path:
    """The platform's conventional folder, ignoring RAPPORT_DATA_DIR.

    `platform`, `env` and `home` default to this machine's; passing them lets
    tests check every platform's rule on any machine.
    """
    platform = sys.platform if platform is None else platform
    env = os.environ if env is None else env
    home = Path.home() if home is None else home
    if platform.startswith("win"):
        appdata = env.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / APP_NAME
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    xdg = env.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_NAME.lower()


def chosen_data_dir() -> Path:
    """The folder for Rapport's own files (RAPPORT_DATA_DIR wins), whether or not it exists."""
    override = os.environ.get(ENV_VAR, "").strip()
    return Path(override).expanduser() if override else default_data_dir()


def data_dir() -> Path:
    """The folder for Rapport's own files (RAPPORT_DATA_DIR wins), created if missing."""
    override = os.environ.get(ENV_VAR, "").strip()
    folder = chosen_data_dir()
    if folder.exists() and not folder.is_dir():
        raise DataFolderError(f"Rapport's data folder {folder} is a file, not a folder; "
                              f"move that file away, or set {ENV_VAR} to another folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        hint = (f"set {ENV_VAR} to a folder you can write to"
                if override else f"check its permissions, or set {ENV_VAR} to another folder")
        raise DataFolderError(f"Rapport cannot create its data folder {folder} ({reason}); "
                              f"{hint}.") from error
    return folder


def log_file() -> Path:
    """The log the crash dialog points users to."""
    return data_dir() / "rapport.log"


def settings_file() -> Path:
    """Where the preferences are kept; named even when the folder cannot be made, so the
    app still starts (preferences then last until it closes)."""
    try:
        return data_dir() / "settings.ini"
    except DataFolderError:
        return chosen_data_dir() / "settings.ini"
