"""Apply a theme and a text size to the whole app.

One style sheet template, filled from the theme's palette, so the three themes
cannot drift apart. Sizes are points derived from the chosen base size, so the
projector size enlarges headings and chips along with body text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette

from . import resources

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

_TOKEN = re.compile(r"@([a-z_]+)@")
_applied = ["light"]  # the theme last applied to the app


def current() -> str:
    """The theme on screen, for widgets that draw themselves (library cards)."""
    return _applied[0]


def sizes(base: int) -> dict[str, str]:
    return {
        "base": str(base),
        "small": str(max(8, round(base * 0.86))),
        "large": str(round(base * 1.25)),
        "title": str(round(base * 1.6)),
    }


def colours(theme: str) -> dict[str, str]:
    palette = {"border_width": "1px", **resources.theme_palette(theme)}
    return palette


def stylesheet(theme: str, base: int) -> str:
    palette = colours(theme)
    icons = {
        "check_icon": resources.file_path("icons", f"check-{palette.get('check', 'light')}.svg"),
        "arrow_icon": resources.file_path("icons", f"chevron-{palette.get('arrow', 'dark')}.svg"),
    }
    values = {**palette, **sizes(base), **{k: Path(v).as_posix() for k, v in icons.items()}}
    return _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)),
                      resources.stylesheet_template())


def qpalette(theme: str) -> QPalette:
    """A matching QPalette, for the parts style sheets do not reach (menus, dialogs)."""
    c = colours(theme)
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["window"],
        QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["surface"],
        QPalette.ColorRole.AlternateBase: c["surface_alt"],
        QPalette.ColorRole.Text: c["text"],
        QPalette.ColorRole.Button: c["surface"],
        QPalette.ColorRole.ButtonText: c["text"],
        QPalette.ColorRole.Highlight: c["selection"],
        QPalette.ColorRole.HighlightedText: c["text"],
        QPalette.ColorRole.ToolTipBase: c["surface"],
        QPalette.ColorRole.ToolTipText: c["text"],
        QPalette.ColorRole.PlaceholderText: c["muted"],
        QPalette.ColorRole.Link: c["accent"],
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    return pal


def apply(app: QApplication, theme: str, base: int) -> None:
    font = QFont(app.font())
    font.setPointSize(base)
    app.setFont(font)
    app.setPalette(qpalette(theme))
    _applied[0] = theme
    app.setStyleSheet(stylesheet(theme, base))
