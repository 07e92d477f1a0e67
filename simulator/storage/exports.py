"""A session's report as files a learner can hand in or open in a spreadsheet.

JSON is the report exactly as `build_report` (and the CLI's ``--json``) gives
it, so tools can read either. CSV is one row per turn with the columns a tutor
reads first. Every file is written atomically: a crash, a full disk or a
pulled USB stick leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from pathlib import Path
from typing import Any

from simulator.core.errors import RapportError
from simulator.core.loader_constants import REQUIRED_STATE

from .meta import CSV_COLUMNS, csv_values

# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(RapportError):
    """An export could not be written; the message names the file and what to do."""


def report_json(report: dict[str, Any]) -> str:
    """The report as stable JSON text: indent 2, non-ASCII kept readable, same as the CLI."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def write_json(report: dict[str, Any], path: Path) -> None:
    atomic_write(Path(path), report_json(report).encode("utf-8"))


def _frameworks(report: dict[str, Any]) -> list[str]:
    fids = list(report.get("scenario", {}).get("frameworks", []))
    for turn in report.get("turns", []):
        fids += [fid for fid in turn.get("scores", {}) if fid not in fids]
    return fids


def _state_variables(report: dict[str, Any]) -> list[str]:
    names: list[str] = []
    trajectory = report.get("report", {}).get("trajectory") or [{}]
    sources = [trajectory[0], *(t.get("state_before", {}) for t in report.get("turns", []))]
    for source in sources:
        names += [key for key in source if key != "turn" and key not in names]
    return [*(n for n in REQUIRED_STATE if n in names),
            *(n for n in names if n not in REQUIRED_STATE)]


def csv_columns(report: dict[str, Any]) -> list[str]:
    """The CSV header, in order (the same whether or not the report has turns)."""
    columns = ["turn", "speaker_lines", "response", "grade", "feedback"]
    if isinstance(report.get("meta"), dict):  # who and what first, so merged files stay clear
        columns = [*CSV_COLUMNS, *columns]
    for fid in _frameworks(report):
        columns += [f"{fid}_labels", f"{fid}_verdict"]
    for name in _state_variables(report):
        columns += [f"{name}_before", f"{name}_after"]
    return [*columns, "was_best", "best_alternative", "safety_failure"]


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(value: str) -> str:
    """Text a spreadsheet shows as written, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _line(line: dict[str, Any]) -> str:
    text = f"{line.get('name') or line.get('speaker', '')}: {line.get('says', '')}"
    return f"{text} [{line['cue']}]" if line.get("cue") else text


def report_csv_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    """One row per turn: what was said, the response, how it scored, how the client moved."""
    fids = _frameworks(report)
    names = _state_variables(report)
    rows = []
    meta: dict[str, str] = {}
    if isinstance(report.get("meta"), dict):
        meta = {k: _text(v) for k, v in csv_values(report["meta"]).items()}
    for turn in report.get("turns", []):
        row = {
            **meta,
            "turn": str(turn["number"]),
            "speaker_lines": _text("\n".join(_line(line) for line in turn.get("lines", []))),
            "response": _text(turn.get("text", "")),
            "grade": turn.get("grade", ""),
            "feedback": _text(turn.get("explanation") or ""),
        }
        for fid in fids:
            score = turn.get("scores", {}).get(fid) or {}
            row[f"{fid}_labels"] = "; ".join(score.get("labels", []))
            row[f"{fid}_verdict"] = score.get("verdict") or ""
        for name in names:
            row[f"{name}_before"] = _number(turn.get("state_before", {}).get(name))
            row[f"{name}_after"] = _number(turn.get("state_after", {}).get(name))
        row["was_best"] = "yes" if turn.get("was_best") else "no"
        best = turn.get("best") or {}
        row["best_alternative"] = _text(best.get("text", ""))
        row["safety_failure"] = _text(turn.get("safety_failure") or "")
        rows.append(row)
    return rows


def report_csv(report: dict[str, Any]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(report), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(report_csv_rows(report))
    return buffer.getvalue()


def write_csv(report: dict[str, Any], path: Path) -> None:
    """CSV in UTF-8 with a byte-order mark, so Excel shows accents and quotes correctly."""
    atomic_write(Path(path), report_csv(report).encode("utf-8-sig"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then swap it in."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # os.open with 0o666 lets the umask decide permissions, as for any new file
        # (tempfile would make the export readable by its owner only).
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o666)
    except OSError as error:
        raise _export_error(path, error) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _export_error(path, error) from error
        raise


def _export_error(path: Path, error: OSError) -> ExportError:
    reason = error.strerror or str(error)
    return ExportError(f"Rapport could not save {path.name} in {path.parent} ({reason}); "
                       "choose another folder, or free some space, and try again.")
