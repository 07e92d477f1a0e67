"""The learner's preferences, kept in an INI file in Rapport's data folder.

QSettings with an explicit file (not the platform registry) keeps tests
isolated by RAPPORT_DATA_DIR and lets a trainer copy settings between machines.
Values are validated on read, so a hand-edited file cannot break the app.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from simulator.storage.paths import data_dir

from .resources import THEMES

TEXT_SIZES = {
    "small": ("Small", 10),
    "normal": ("Normal", 12),
    "large": ("Large", 15),
    "larger": ("Larger", 18),
    "projector": ("Projector", 24),
}
THEME_NAMES = {"light": "Light", "dark": "Dark", "high_contrast": "High contrast"}
# The session modes (simulator.core.session.MODES; a test keeps the two equal). Not
# imported from there: settings are read before the first paint, the core later.
MODES = ("practice", "assessment")


@dataclass(frozen=True)
class Preferences:
    """The learner's choices, as saved. (Every dataclass made before the first paint
    has a docstring: without one, `dataclass` writes one from `inspect.signature`,
    ~1 ms.)"""

    text_size: str = "normal"
    theme: str = "light"
    meters: bool = True
    default_mode: str = "practice"
    user_folder: str = ""
    export_folder: str = ""  # where the last report was saved: the save dialog opens there
    read_aloud: bool = False  # the client's words read by the computer's speech engine

    @property
    def point_size(self) -> int:
        return TEXT_SIZES.get(self.text_size, TEXT_SIZES["normal"])[1]

    def cleaned(self) -> Preferences:
        return Preferences(
            text_size=self.text_size if self.text_size in TEXT_SIZES else "normal",
            theme=self.theme if self.theme in THEMES else "light",
            meters=bool(self.meters),
            default_mode=self.default_mode if self.default_mode in MODES else "practice",
            user_folder=str(self.user_folder or ""),
            export_folder=str(self.export_folder or ""),
            read_aloud=bool(self.read_aloud),
        )


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


class Settings(QObject):
    """Reads and writes Preferences; announces every change."""

    changed = Signal(object)  # Preferences

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or data_dir() / "settings.ini"
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._prefs = self._read()

    def _read(self) -> Preferences:
        defaults = Preferences()
        raw = {f.name: self._store.value(f.name, getattr(defaults, f.name))
               for f in fields(Preferences)}
        flags = ("meters", "read_aloud")
        for name in flags:
            raw[name] = _as_bool(raw[name])
        return Preferences(**{k: v if k in flags else str(v) for k, v in raw.items()}
                           ).cleaned()

    @property
    def prefs(self) -> Preferences:
        return self._prefs

    def update(self, **changes: object) -> Preferences:
        prefs = replace(self._prefs, **changes).cleaned()  # type: ignore[arg-type]
        if prefs == self._prefs:
            return prefs
        self._prefs = prefs
        for f in fields(Preferences):
            self._store.setValue(f.name, getattr(prefs, f.name))
        self._store.sync()
        self.changed.emit(prefs)
        return prefs
