"""The student profiles of this computer, and which history file each one uses.

A shared lab PC keeps one history per profile, each in its own folder under the
data folder (``profiles/<key>/history.sqlite3``), so one student never sees (or
hands in) another's sessions. Using no profile keeps the original single
history, so a learner on their own laptop notices nothing.

The list itself is a small JSON file written atomically; a damaged list is
treated as empty (the history folders are untouched), never as a crash.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from simulator.core.profile import Profile, ProfileError

from .exports import ExportError, atomic_write
from .history import FILE_NAME, HistoryError, default_path
from .paths import DataFolderError, data_dir

log = logging.getLogger(__name__)
LIST_NAME = "profiles.json"
FOLDER = "profiles"


def history_path(profile: Profile | None, base: Path | None = None) -> Path:
    """The history file of a profile (None: the computer's one shared history)."""
    if profile is None:
        return default_path() if base is None else base / FILE_NAME
    try:
        root = base if base is not None else data_dir()
    except DataFolderError as error:
        raise HistoryError(str(error)) from error
    return root / FOLDER / profile.key / FILE_NAME


class ProfileStore:
    """Profiles known on this computer, the last one used first."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else data_dir() / LIST_NAME

    def profiles(self) -> list[Profile]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as error:
            log.warning("profile list %s is unreadable (%s); treating it as empty",
                        self.path, error)
            return []
        found: list[Profile] = []
        for item in data.get("profiles", []) if isinstance(data, dict) else []:
            try:
                profile = Profile.from_dict(item)
            except ProfileError as error:
                log.warning("skipping a damaged profile in %s: %s", self.path, error)
                continue
            if profile not in found:
                found.append(profile)
        return found

    def last(self) -> Profile | None:
        known = self.profiles()
        return known[0] if known else None

    def use(self, profile: Profile) -> None:
        """Remember a profile as the one last used (adding it if new)."""
        known = [profile, *(p for p in self.profiles() if p != profile)]
        self._write(known)

    def remove(self, profile: Profile) -> None:
        """Forget a profile from the list; its history file is kept on disk."""
        self._write([p for p in self.profiles() if p != profile])

    def _write(self, known: list[Profile]) -> None:
        text = json.dumps({"format": 1, "profiles": [p.to_dict() for p in known]},
                          indent=2, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, text.encode("utf-8"))
        except (OSError, ExportError) as error:
            raise HistoryError(f"Rapport could not save the list of profiles in "
                               f"{self.path.parent} ({error}); check that you may write "
                               "there.") from error
