"""Who, what and when, attached to every file a learner exports or hands in.

A tutor who collects forty exports must be able to tell them apart and merge
them: each carries the student's profile, the scenario's id and version (the
sha256 of its file, so a tutor sees who played an older copy), the date, the
mode, which attempt at this scenario it was and how many responses were taken
back. The same block goes at the top of a JSON export, in the first columns of
every CSV row (so concatenated CSVs stay readable) and under a PDF's title.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from simulator.core.profile import Profile, slug

META_FORMAT = 1
# The CSV columns, in order; each row of an exported CSV starts with them.
CSV_COLUMNS = ("student", "student_id", "class_code", "scenario_id", "scenario_version",
               "date", "mode", "attempt", "undone_tries")


def export_meta(report: dict[str, Any], profile: Profile | None, *, attempt: int | None,
                date: str | None = None) -> dict[str, Any]:
    """The metadata block of one session's export.

    `date` is when the session was last played (ISO 8601, UTC); it defaults to now,
    which is right for a report exported straight after finishing.
    """
    scenario = report.get("scenario", {})
    return {
        "format": META_FORMAT,
        "profile": profile.to_dict() if profile is not None else None,
        "scenario_id": scenario.get("id", ""),
        "scenario_version": scenario.get("digest", ""),
        "date": date or datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": report.get("mode", ""),
        "attempt": attempt,
        "undone_tries": len(report.get("undone") or []),
    }


def with_meta(report: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """The report with its metadata first (a new dict; the report is not changed)."""
    return {"meta": meta, **{k: v for k, v in report.items() if k != "meta"}}


def csv_values(meta: dict[str, Any]) -> dict[str, str]:
    """The metadata as the first cells of a CSV row."""
    profile = meta.get("profile") or {}
    attempt = meta.get("attempt")
    return {
        "student": profile.get("name", ""),
        "student_id": profile.get("student_id", ""),
        "class_code": profile.get("class_code", ""),
        "scenario_id": str(meta.get("scenario_id", "")),
        "scenario_version": str(meta.get("scenario_version", ""))[:12],
        "date": str(meta.get("date", "")),
        "mode": str(meta.get("mode", "")),
        "attempt": "" if attempt is None else str(attempt),
        "undone_tries": str(meta.get("undone_tries", 0)),
    }


def default_file_name(meta: dict[str, Any], suffix: str) -> str:
    """A file name no two exports share: scenario, student, date and time, attempt.

    'rapport-dui-group-alex-kim-20261203-0915-attempt2.pdf'
    """
    profile = meta.get("profile") or {}
    who = slug(profile.get("student_id") or profile.get("name") or "", "")
    try:
        when = datetime.fromisoformat(str(meta.get("date"))).strftime("%Y%m%d-%H%M")
    except ValueError:
        when = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    parts = ["rapport", slug(str(meta.get("scenario_id") or "report"), "report")]
    if who:
        parts.append(who)
    parts.append(when)
    if meta.get("attempt"):
        parts.append(f"attempt{meta['attempt']}")
    return "-".join(parts) + suffix
