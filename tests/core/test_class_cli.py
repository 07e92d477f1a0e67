"""`main.py class FOLDER`: the class report and gradebook from the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from simulator.cli import main
from tests.handins import MINI, write_class

MINI_FOLDER = MINI.parent


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_class_prints_the_report_and_writes_the_gradebook(tmp_path: Path) -> None:
    write_class(tmp_path / "hand-ins")
    (tmp_path / "hand-ins" / "broken.json").write_text("{", encoding="utf-8")
    code, text = run("class", str(tmp_path / "hand-ins"), "--csv", str(tmp_path / "grades"))
    assert code == 0
    assert "Class report: 3 student(s), 4 session(s)" in text
    assert "skipped broken.json: is not valid JSON (line 1" in text
    assert "     1   25%  Walked out (escalated)" in text
    assert "Ben (S2, SW2): 1 session(s), best 0/100" in text
    rows = list(csv.DictReader(io.StringIO((tmp_path / "grades.csv").read_text("utf-8"))))
    assert [r["SIS User ID"] for r in rows] == ["S1", "S2", "S3"]


def test_class_anonymised_names_nobody(tmp_path: Path) -> None:
    write_class(tmp_path)
    code, text = run("class", str(tmp_path), "--anonymise")
    assert code == 0 and "Student 3 (SW2)" in text
    assert "Ana" not in text and "S1" not in text


def test_class_of_an_empty_or_missing_folder_is_a_plain_error(tmp_path: Path,
                                                              capsys: object) -> None:
    code, _ = run("class", str(tmp_path))
    assert code == 1
    assert "no usable hand-in files here" in capsys.readouterr().err  # type: ignore[attr-defined]
    code, _ = run("class", str(tmp_path / "nowhere"))
    assert code == 1
    assert "there is no folder here" in capsys.readouterr().err  # type: ignore[attr-defined]


def test_a_file_edited_and_resealed_is_caught_by_replaying_it(tmp_path: Path) -> None:
    import json

    from simulator.storage.handin import seal

    paths = write_class(tmp_path / "in")
    data = json.loads(paths[1].read_text(encoding="utf-8"))  # Ben walked out: 0/100
    data["sessions"][0]["report"]["report"]["overall"]["score"] = 100
    data["sessions"][0]["report"]["ending"]["outcome"] = "engaged"
    data["digest"] = seal({k: v for k, v in data.items() if k != "digest"})
    paths[1].write_text(json.dumps(data), encoding="utf-8")
    code, text = run("class", str(tmp_path / "in"), "--scenarios", str(MINI_FOLDER))
    assert code == 0
    assert f"skipped {paths[1].name}: session 1 does not replay to the scores it claims" in text
    assert "Class report: 2 student(s), 3 session(s)" in text
    (tmp_path / "empty").mkdir()
    code, text = run("class", str(tmp_path / "in"), "--scenarios", str(tmp_path / "empty"))
    assert "Class report: 3 student(s), 4 session(s)" in text  # no scenario: digest only
    assert run("class", str(tmp_path / "in"), "--scenarios", str(tmp_path / "none"))[0] == 1
