"""Errors a user can cause, and the located problems a scenario file can have.

One root exception (`RapportError`) lets every front end tell "the user's file
or action was wrong" (show a plain message) apart from a bug (log it, show the
crash dialog).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SHOWN_CHARS = 40  # the most of a writer's own word a message repeats


def shorten(text: object, limit: int = SHOWN_CHARS) -> str:
    """`text` for quoting in a message, cut to `limit` characters with an ellipsis.

    A message quotes the key or value it is about, but a file that is not a
    scenario at all (a password file behind a symlink, a 5,000-character key) must
    not have its contents repeated back whole.
    """
    shown = " ".join(str(text).split())
    return shown if len(shown) <= limit else shown[:limit - 1].rstrip() + "\u2026"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, located so an editor can jump to it.

    Lines and columns are 1-based, as editors show them; 0 means "the whole file".
    """

    file: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


class RapportError(Exception):
    """Root of every error a user can cause; its message is meant for them."""


class ScenarioError(RapportError):
    """A scenario file could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        shown = errors or problems
        super().__init__("\n".join(str(p) for p in shown))


class SessionError(RapportError):
    """An action that the current session cannot take (e.g. undo in assessment)."""


class SavedSessionError(RapportError):
    """A saved session cannot be restored (missing scenario, changed file, corrupt data)."""
