"""The class report's gradebook CSV: one row per student, for Moodle and Canvas.

Columns (in this order; README "In class" documents how to import them):

- ``Student``: the student's name (their id when they gave no name; "Student N"
  when the report is anonymised);
- ``ID``: left empty; Canvas fills its own user id, Rapport does not know it;
- ``SIS User ID``: the student id from their profile (map it to "ID number" in
  Moodle's grade import, or let Canvas match on it);
- ``SIS Login ID``: left empty (Canvas's optional login match);
- ``Section``: the class code from the profile;
- then one column per scenario, ``Rapport: <title>``: the best overall score
  (0-100) of a finished session, empty when the student finished none.

Only grades follow the identity columns: Canvas turns every extra column into
an assignment, so attempts and undone tries are in the PDF, not here. UTF-8,
no byte-order mark (both systems read it; a BOM can stick to the first name in
some importers), CRLF line ends, and text that a spreadsheet would run as a
formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from simulator.core.classreport import ClassReport

from .exports import _text, atomic_write

IDENTITY_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def grade_column(title: str) -> str:
    return f"Rapport: {title}"


def _grade_columns(report: ClassReport) -> list[str]:
    """One name per scenario; two scenarios with one title are told apart by their ids."""
    titles = [s.title for s in report.scenarios]
    return [grade_column(s.title if titles.count(s.title) == 1 else f"{s.title} ({s.id})")
            for s in report.scenarios]


def gradebook_rows(report: ClassReport) -> tuple[list[str], list[dict[str, str]]]:
    names = _grade_columns(report)
    columns = [*IDENTITY_COLUMNS, *names]
    rows = []
    for profile in report.students:
        row = {"Student": _text(profile.name or profile.student_id), "ID": "",
               "SIS User ID": _text(profile.student_id), "SIS Login ID": "",
               "Section": _text(profile.class_code)}
        for name, scenario in zip(names, report.scenarios, strict=True):
            result = next((s for s in scenario.students if s.profile == profile), None)
            best = result.best if result is not None else None
            row[name] = "" if best is None else str(best)
        rows.append(row)
    return columns, rows


def gradebook_csv(report: ClassReport) -> str:
    columns, rows = gradebook_rows(report)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_gradebook(report: ClassReport, path: Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".csv":
        path = path.with_name(path.name + ".csv")
    atomic_write(path, gradebook_csv(report).encode("utf-8"))
    return path
