"""The files a learner exports: what they contain, and that a crash never leaves half of one."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest

from simulator.core.errors import RapportError
from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.storage import exports
from simulator.storage.exports import (
    ExportError,
    report_csv_rows,
    report_json,
    write_csv,
    write_json,
)

from . import MINI, played, scenario_copy


@pytest.fixture
def report() -> dict[str, Any]:
    """Sam's conversation: a closed question first, then the best response."""
    return build_report(played(load_scenario(MINI), [3, 1]))


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_json_export_is_the_report(tmp_path: Path, report: dict[str, Any]) -> None:
    target = tmp_path / "session.json"
    write_json(report, target)
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) == report
    assert text == report_json(report)
    assert text.startswith('{\n  "format": 1,\n  "scenario": {\n    "id": "mini"')
    assert text.endswith("}\n")


def test_json_keeps_accented_names_readable(tmp_path: Path) -> None:
    scenario = scenario_copy(tmp_path, "accents", {"name: Sam": "name: Zoë"})
    target = tmp_path / "zoë.json"
    write_json(build_report(played(scenario, [1])), target)
    text = target.read_text(encoding="utf-8")
    assert '"client": "Zoë"' in text
    assert "\\u" not in text


def test_csv_has_one_row_per_turn_with_what_a_tutor_reads(tmp_path: Path,
                                                          report: dict[str, Any]) -> None:
    target = tmp_path / "session.csv"
    write_csv(report, target)
    header, rows = _read_csv(target)

    assert header == ["turn", "speaker_lines", "response", "grade", "feedback",
                      "mi_labels", "mi_verdict", "pace_labels", "pace_verdict",
                      "r4_labels", "r4_verdict", "trust_before", "trust_after",
                      "arousal_before", "arousal_after", "was_best", "best_alternative",
                      "safety_failure"]
    assert len(rows) == 2
    first, second = rows
    assert first["turn"] == "1"
    assert first["speaker_lines"] == "Sam: This is a waste of time. [arms folded]"
    assert first["response"] == "Have you been drinking today?"
    assert first["grade"] == "unhelpful"
    assert first["feedback"] == "Closed and off-topic."
    assert first["mi_labels"] == "CQ"
    assert first["mi_verdict"] == report["turns"][0]["scores"]["mi"]["verdict"]
    assert first["pace_labels"] == ""
    assert (first["trust_before"], first["trust_after"]) == ("3", "3")
    assert (first["arousal_before"], first["arousal_after"]) == ("8", "9")
    assert first["was_best"] == "no"
    assert first["best_alternative"] == "You'd rather be anywhere but here."
    assert first["safety_failure"] == ""

    assert second["turn"] == "2"
    assert second["speaker_lines"] == "Sam: Whatever. So what happens now?"
    assert second["mi_labels"] == "Seek"
    assert second["r4_labels"] == "reason"
    assert (second["trust_before"], second["trust_after"]) == ("3", "4")
    assert second["was_best"] == "yes"
    assert second["best_alternative"] == ""
    assert rows == report_csv_rows(report)


def test_csv_lists_every_pace_element_shown(report: dict[str, Any]) -> None:
    best_first = build_report(played(load_scenario(MINI), [1, 1]))
    row = report_csv_rows(best_first)[0]
    assert row["pace_labels"] == "acceptance; empathy"
    assert row["r4_verdict"] == "well timed"


def test_csv_of_a_session_without_turns_still_has_its_header(tmp_path: Path) -> None:
    target = tmp_path / "empty.csv"
    write_csv(build_report(played(load_scenario(MINI), [])), target)
    header, rows = _read_csv(target)
    assert header[:3] == ["turn", "speaker_lines", "response"] and "trust_after" in header
    assert rows == []


def test_csv_opens_in_excel_with_accents(tmp_path: Path) -> None:
    scenario = scenario_copy(tmp_path, "accents", {"name: Sam": "name: Zoë"})
    target = tmp_path / "zoë.csv"
    write_csv(build_report(played(scenario, [1])), target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the mark Excel needs to read UTF-8
    assert "Zoë: This is a waste of time." in raw.decode("utf-8-sig")


def test_csv_text_never_runs_as_a_spreadsheet_formula(tmp_path: Path) -> None:
    scenario = scenario_copy(tmp_path, "formula", {
        "text: Have you been drinking today?": "text: '=HYPERLINK(\"http://x\",\"Click\")'"})
    row = report_csv_rows(build_report(played(scenario, [3])))[0]
    assert row["response"] == "'=HYPERLINK(\"http://x\",\"Click\")"


@pytest.mark.parametrize("write", [write_json, write_csv])
def test_writes_leave_only_the_finished_file(tmp_path: Path, report: dict[str, Any],
                                             write: Any) -> None:
    target = tmp_path / "export.out"
    target.write_text("an older export")
    write(report, target)
    assert [p.name for p in tmp_path.iterdir()] == ["export.out"]
    assert target.read_text(encoding="utf-8-sig") != "an older export"


@pytest.mark.parametrize("write", [write_json, write_csv])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
        tmp_path: Path, report: dict[str, Any], write: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.out"
    target.write_text("an older export")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exports.os, "replace", disk_full)
    with pytest.raises(ExportError, match="No space left on device") as caught:
        write(report, target)
    assert isinstance(caught.value, RapportError)
    assert "export.out" in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["export.out"]
    assert target.read_text() == "an older export"


def test_a_crash_while_writing_leaves_no_temporary_file(
        tmp_path: Path, report: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(exports.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_json(report, tmp_path / "session.json")
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_missing_folder_is_a_plain_error(tmp_path: Path,
                                                     report: dict[str, Any]) -> None:
    with pytest.raises(ExportError, match="choose another folder"):
        write_csv(report, tmp_path / "gone" / "session.csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX notion")
def test_exports_get_normal_file_permissions(tmp_path: Path, report: dict[str, Any]) -> None:
    umask = os.umask(0o022)
    try:
        write_json(report, tmp_path / "session.json")
    finally:
        os.umask(umask)
    assert (tmp_path / "session.json").stat().st_mode & 0o777 == 0o644
