"""A class report from the learning record store instead of hand-in files.

Where students' sessions already reach the university's LRS, a trainer need not
collect hand-in files: each student's "answered" statements say which response was
chosen at every turn of every attempt (one xAPI registration per session). Those
choices are replayed on the trainer's copy of the scenario, so the class report is
built from the same engine, and the same scores, as a hand-in would give; the
statements' own scores are not trusted, just as a hand-in's claimed scores are not.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.core.classreport import Work
from simulator.core.errors import RapportError
from simulator.core.model import Scenario
from simulator.core.profile import Profile, ProfileError
from simulator.core.report import build_report
from simulator.core.session import Session

from .actor import Learner
from .vocab import VERBS, extension

ROSTER_COLUMNS = ("name", "student_id", "class_code")


@dataclass(frozen=True)
class Attempt:
    """One session as its statements tell it: the response chosen at each turn."""

    registration: str
    started: str  # the first statement's timestamp
    mode: str
    digest: str  # the scenario file's version it was played on
    choices: tuple[int, ...]  # option numbers in file order, turn 1 first


def read_roster(path: Path) -> list[Profile]:
    """Students from a CSV with the columns name, student_id, class_code (a header row)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RapportError(f"{path}: the class list cannot be read ({error}); save it as a "
                           "CSV file with the columns name, student_id, class_code") from error
    if not rows or "student_id" not in rows[0]:
        raise RapportError(f"{path}: the class list needs a header row with the columns "
                           "name, student_id, class_code")
    students = []
    for number, row in enumerate(rows, start=2):
        try:
            profile = Profile(name=row.get("name") or "", student_id=row.get("student_id") or "",
                              class_code=row.get("class_code") or "")
        except ProfileError as error:
            raise RapportError(f"{path}:{number}: {error}") from error
        if not profile.student_id:
            raise RapportError(f"{path}:{number}: {profile.label} has no student_id; the "
                               "record store knows students by their id")
        students.append(profile)
    return students


def learner_of(profile: Profile, homepage: str) -> Learner:
    return Learner(profile.name or profile.student_id, profile.student_id, homepage)


def attempts(statements: Iterable[Mapping[str, Any]], scenario_id: str) -> list[Attempt]:
    """The sessions one student played of a scenario, oldest first."""
    answered_verb = VERBS["answered"]
    turns: dict[str, dict[int, tuple[str, int]]] = defaultdict(dict)
    about: dict[str, tuple[str, str, str]] = {}
    for statement in statements:
        context = statement.get("context", {})
        registration = str(context.get("registration", ""))
        if not registration:
            continue
        stamp = str(statement.get("timestamp", ""))
        extensions = context.get("extensions", {})
        started, mode, digest = about.get(registration, (stamp, "", ""))
        about[registration] = (min(started, stamp) if stamp else started,
                               str(extensions.get(extension("mode"), mode)),
                               str(extensions.get(extension("scenario-digest"), digest)))
        if statement.get("verb", {}).get("id") != answered_verb:
            continue
        result = statement.get("result", {})
        turn = result.get("extensions", {}).get(extension("turn"))
        response = str(result.get("response", ""))
        if not isinstance(turn, int) or not response.startswith("option-"):
            continue
        try:
            option = int(response.removeprefix("option-"))
        except ValueError:
            continue
        earlier = turns[registration].get(turn)
        if earlier is None or earlier[0] <= stamp:  # a response taken back: the later one
            turns[registration][turn] = (stamp, option)
    found = []
    for registration, by_turn in turns.items():
        if sorted(by_turn) != list(range(1, len(by_turn) + 1)):
            continue  # some turns have not reached the LRS yet
        started, mode, digest = about[registration]
        found.append(Attempt(registration, started, mode or "practice", digest,
                             tuple(by_turn[t][1] for t in sorted(by_turn))))
    return sorted(found, key=lambda a: (a.started, a.registration))


def works_from_records(records: Mapping[str, Iterable[Mapping[str, Any]]],
                       students: Iterable[Profile],
                       scenario: Scenario) -> tuple[list[Work], list[str]]:
    """Each student's sessions of `scenario`, replayed, and a message per one left out."""
    works: list[Work] = []
    problems: list[str] = []
    for profile in students:
        for number, attempt in enumerate(
                attempts(records.get(profile.student_id, ()), scenario.id), start=1):
            if attempt.digest and attempt.digest != scenario.digest:
                problems.append(f"{profile.label}: attempt {number} was played on another "
                                f"version of '{scenario.id}', so it cannot be replayed here")
                continue
            try:
                with Session(scenario, mode=attempt.mode) as session:
                    for choice in attempt.choices:
                        session.choose(choice)
                    report = build_report(session)
            except RapportError as error:
                problems.append(f"{profile.label}: attempt {number} does not replay ({error})")
                continue
            meta = {"scenario_id": scenario.id, "scenario_digest": scenario.digest,
                    "attempt": number, "date": attempt.started, "mode": attempt.mode,
                    "source": "learning record store"}
            works.append(Work(profile, meta, report))
    return works, problems
