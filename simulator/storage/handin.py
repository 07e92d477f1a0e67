"""Hand-in files: a student's chosen sessions in one JSON file, sealed by a digest.

The file is the sessions (each with its who/what/when block, the saved choices
and the report) plus ``digest``: the sha256 of the rest of the file written in a
canonical form (keys sorted, no spaces, UTF-8). Reading a file recomputes the
digest; any edit after it was written (a changed score, a renamed student, a
dropped session) no longer matches, and the file is refused with a message
that says so. This detects edits and damage; it is not a secret signature, so a
student who reads this source could reseal an edited file. A trainer who wants
more can replay the saved choices against the scenario (`replay_matches`).

Reading never trusts the file: its size is capped, JSON errors name the line,
and every part is checked before a class report uses it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.core.errors import RapportError
from simulator.core.profile import Profile, ProfileError, slug

from .exports import atomic_write
from .meta import export_meta

KIND = "rapport-hand-in"
FORMAT = 1
SUFFIX = ".rapport.json"
MAX_BYTES = 50 * 1024 * 1024  # far above any real hand-in; stops a wrong file early


class HandInError(RapportError):
    """A hand-in file that cannot be used; the message names the file and what to do."""


@dataclass(frozen=True)
class HandedSession:
    """One session in a hand-in: its metadata, saved choices and report."""

    meta: dict[str, Any]
    saved: dict[str, Any] = field(repr=False)
    report: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class HandIn:
    path: Path
    profile: Profile
    created: str
    sessions: tuple[HandedSession, ...]


def canonical(data: Any) -> bytes:
    """One byte string per value, however the file was indented or its keys ordered."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def seal(body: Mapping[str, Any]) -> str:
    return "sha256:" + hashlib.sha256(canonical(body)).hexdigest()


def build_handin(profile: Profile, sessions: Iterable[tuple[dict[str, Any], dict[str, Any],
                                                            dict[str, Any]]],
                 created: str | None = None) -> dict[str, Any]:
    """The hand-in data: `sessions` are (meta, saved, report) triples, in order."""
    body: dict[str, Any] = {
        "kind": KIND,
        "format": FORMAT,
        "created": created or datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": profile.to_dict(),
        "sessions": [{"meta": meta, "saved": saved, "report": report}
                     for meta, saved, report in sessions],
    }
    return {**body, "digest": seal(body)}


def handin_from_history(history: Any, profile: Profile, record_ids: Iterable[str],
                        created: str | None = None) -> dict[str, Any]:
    """A hand-in of saved sessions (a `History`), each with its attempt number."""
    triples = []
    for record_id in record_ids:
        record = history.get(record_id)
        if record is None:
            raise HandInError("a chosen session is no longer in your history; choose again")
        meta = export_meta(record.report, profile, attempt=history.attempt(record_id),
                           date=record.updated_at)
        triples.append((meta, record.saved, record.report))
    if not triples:
        raise HandInError("choose at least one session to hand in")
    return build_handin(profile, triples, created)


def default_name(profile: Profile, created: str | None = None) -> str:
    """'handin-sw2-s123-20261203-0915.rapport.json': sorts by class, then student."""
    when = datetime.fromisoformat(created) if created else datetime.now(UTC)
    parts = ["handin", slug(profile.class_code, ""), slug(profile.student_id or profile.name)]
    return "-".join(p for p in parts if p) + f"-{when:%Y%m%d-%H%M}{SUFFIX}"


def write_handin(data: Mapping[str, Any], path: Path) -> Path:
    path = Path(path)
    if not path.name.endswith(".json"):
        path = path.with_name(path.name + SUFFIX)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    atomic_write(path, text.encode("utf-8"))
    return path


def _fail(path: Path, what: str, todo: str) -> HandInError:
    return HandInError(f"{path.name}: {what}; {todo}")


def read_handin(path: Path) -> HandIn:
    """A checked hand-in file; HandInError says what is wrong with it and what to do."""
    path = Path(path)
    ask_again = "ask the student to hand it in again"
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(path, f"is {size // (1024 * 1024)} MB, too big to be a hand-in file",
                        "check that it is the file the student handed in")
        raw = path.read_bytes()
    except OSError as error:
        raise _fail(path, f"could not be read ({error.strerror or error})",
                    "check that the file is there and you may open it") from error
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise _fail(path, "is not a text file", "check that it is a Rapport hand-in") from error
    except json.JSONDecodeError as error:
        raise _fail(path, f"is not valid JSON (line {error.lineno}, column {error.colno}: "
                    f"{error.msg})", ask_again) from error
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise _fail(path, "is not a Rapport hand-in file",
                    "students make one with 'Hand in' on their History page")
    if data.get("format") != FORMAT:
        raise _fail(path, f"is a hand-in of format {data.get('format')!r}, which this "
                    "version of Rapport does not read", "update Rapport")
    body = {k: v for k, v in data.items() if k != "digest"}
    try:
        expected = seal(body)
    except ValueError as error:  # NaN or infinity: never written by Rapport
        raise _fail(path, "holds numbers Rapport never writes", ask_again) from error
    if data.get("digest") != expected:
        raise _fail(path, "has been changed since it was handed in (its digest does not "
                    "match its contents)", ask_again)
    try:
        profile = Profile.from_dict(data.get("profile"))
    except ProfileError as error:
        raise _fail(path, f"has an unusable student profile ({error})", ask_again) from error
    sessions = data.get("sessions")
    if not isinstance(sessions, list) or not sessions:
        raise _fail(path, "holds no sessions", ask_again)
    found = []
    for number, item in enumerate(sessions, start=1):
        parts = [item.get(k) if isinstance(item, dict) else None
                 for k in ("meta", "saved", "report")]
        if not all(isinstance(p, dict) for p in parts):
            raise _fail(path, f"session {number} is incomplete", ask_again)
        report = parts[2]
        if not isinstance(report.get("scenario"), dict) or not isinstance(
                report.get("turns"), list):
            raise _fail(path, f"session {number} has no readable report", ask_again)
        found.append(HandedSession(*parts))  # type: ignore[arg-type]
    return HandIn(path, profile, str(data.get("created", "")), tuple(found))


def read_folder(folder: Path) -> tuple[list[HandIn], list[str]]:
    """Every hand-in in a folder (not its subfolders), and a message per file refused.

    The same file handed in twice (identical digest) counts once.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise HandInError(f"{folder}: there is no folder here; check the name")
    handins: list[HandIn] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json"
                       and p.is_file()):
        try:
            handin = read_handin(path)
        except HandInError as error:
            problems.append(str(error))
            continue
        key = hashlib.sha256(canonical([s.meta for s in handin.sessions])
                             + canonical(handin.profile.to_dict())).hexdigest()
        if key in seen:
            problems.append(f"{path.name}: the same sessions as another file; counted once")
            continue
        seen.add(key)
        handins.append(handin)
    return handins, problems


def replay_matches(session: HandedSession, scenario: Any) -> bool:
    """Does replaying the saved choices give the handed-in report's scores?

    Only possible when the trainer has the same version of the scenario.
    """
    from simulator.core.report import build_report
    from simulator.core.session import Session

    if session.saved.get("digest") != scenario.digest:
        return False
    try:
        with Session.restore(scenario, session.saved) as replayed:
            report = build_report(replayed)
    except RapportError:
        return False
    return canonical(report.get("report")) == canonical(session.report.get("report"))
