"""Who is practising: a student profile (name or student id, class code).

Kept as one small frozen dataclass with no behaviour beyond checking and naming
itself, because several parts read it: the history (one file per profile on a
shared lab PC), every export and hand-in file (who handed it in), and the class
report (one gradebook row per student). Anything that needs to say "who" takes a
`Profile`; nothing reaches into settings for it.

- `name` and `student_id` are what a trainer recognises; one of them is enough.
- `class_code` groups students of one course or seminar (e.g. "SW2-2026"); it
  becomes the gradebook's Section column.
- `key` is a stable, file-name-safe identity: the same three values always give
  the same key, so a profile finds its history again after a restart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .errors import RapportError

MAX_LENGTH = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ProfileError(RapportError):
    """A profile that cannot be used; the message says which field and what to do."""


def _clean(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProfileError(f"the {what} must be text, not {type(value).__name__}")
    text = " ".join(value.split())
    if _CONTROL.search(text):
        raise ProfileError(f"the {what} contains a control character; type it again")
    if len(text) > MAX_LENGTH:
        raise ProfileError(f"the {what} is {len(text)} characters long; keep it to "
                           f"{MAX_LENGTH} or fewer")
    return text


def slug(text: str, fallback: str = "student") -> str:
    """ASCII letters, digits and dashes only: safe in a file name on every system."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()
    return cleaned[:40] or fallback


@dataclass(frozen=True)
class Profile:
    """One student on this computer (or in a class report)."""

    name: str = ""
    student_id: str = ""
    class_code: str = ""

    def __post_init__(self) -> None:
        for field_name, what in (("name", "name"), ("student_id", "student id"),
                                 ("class_code", "class code")):
            object.__setattr__(self, field_name, _clean(getattr(self, field_name), what))
        if not self.name and not self.student_id:
            raise ProfileError("a profile needs a name or a student id; type one of them")

    @property
    def label(self) -> str:
        """How lists and reports show the student: 'Alex Kim (S123, SW2)'."""
        extra = ", ".join(p for p in (self.student_id if self.name else "", self.class_code) if p)
        head = self.name or self.student_id
        return f"{head} ({extra})" if extra else head

    @property
    def key(self) -> str:
        """A stable file-name-safe id: a readable part plus a short hash of all three fields."""
        digest = hashlib.sha256("\x1f".join((self.name, self.student_id, self.class_code))
                                .encode("utf-8")).hexdigest()[:8]
        return f"{slug(self.name or self.student_id)}-{digest}"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """A profile from saved or handed-in data; bad data raises ProfileError."""
        if not isinstance(data, Mapping):
            raise ProfileError("the profile is not a set of fields")
        return cls(name=data.get("name") or "", student_id=data.get("student_id") or "",
                   class_code=data.get("class_code") or "")
