"""Every file the app ships is found through this module and nowhere else.

Assets live in the repository's `assets/` folder, which `simulator/assets`
links to, so they are found the same way in a checkout, an installed wheel or
(through `importlib.resources`) a zip. Reading is cached: avatars are redrawn
on every turn.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import simulator

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

THEMES = ("light", "dark", "high_contrast")


@cache
def _assets() -> Traversable:
    """The assets folder: on disk (a checkout, an installed wheel) as a plain path,
    which costs nothing to import; elsewhere (a zip) through importlib.resources."""
    folder = Path(simulator.__file__).parent / "assets"
    if folder.is_dir():
        return folder
    from importlib.resources import files

    return files("simulator") / "assets"


def asset(*parts: str) -> Traversable:
    """A shipped file or folder, e.g. asset("themes", "light.qss")."""
    node = _assets()
    for part in parts:
        node = node / part
    return node


@cache
def read_text(*parts: str) -> str:
    return asset(*parts).read_text(encoding="utf-8")


@cache
def read_bytes(*parts: str) -> bytes:
    return asset(*parts).read_bytes()


@cache
def avatar_heads(kind: str) -> tuple[str, ...]:
    """The head drawings of an avatar kind: "child", then variants "child-2", ..."""
    names = sorted(entry.name.removesuffix(".svg") for entry in asset("avatars", "heads")
                   .iterdir() if entry.name.endswith(".svg"))
    return tuple(n for n in names if n == kind or n.startswith(f"{kind}-"))


def avatar_head(name: str) -> str:
    """The SVG of a head (hair, shoulders, face shape): a kind or one of its variants."""
    return read_text("avatars", "heads", f"{name}.svg")


def avatar_face(expression: str) -> str:
    """The SVG of the eyes, brows and mouth for one expression."""
    return read_text("avatars", "faces", f"{expression}.svg")


def stylesheet_template() -> str:
    """The one style sheet, with @name@ tokens for the theme's colours and sizes."""
    return read_text("themes", "app.qss")


@cache
def theme_palette(theme: str) -> dict[str, str]:
    """A theme's named colours (light, dark or high contrast)."""
    name = theme if theme in THEMES else "light"
    return dict(json.loads(read_text("themes", f"{name}.json")))


def icon_svg(name: str) -> bytes:
    return read_bytes("icons", f"{name}.svg")


def file_path(*parts: str) -> str:
    """A shipped file as a path on disk, for style sheets (``url(...)``) that need one."""
    return str(asset(*parts))


def bundled_scenarios() -> Path:
    """The scenarios folder that ships beside the package."""
    return Path(simulator.__file__).resolve().parent.parent / "scenarios"
