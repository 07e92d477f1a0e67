"""Learning-record settings (off by default, the secret kept private) and `xapi` commands."""

from __future__ import annotations

import io
import json
import stat
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.storage.history import History
from simulator.xapi.config import (
    SECRET_FILE,
    FileSecretStore,
    XapiConfigStore,
    XapiSettings,
    secret_store,
)
from simulator.xapi.outbox import Outbox
from simulator.xapi.validate import statement_problems

from .helpers import play_and_queue

COMPLETE = XapiSettings(send=True, endpoint="https://lrs.example.edu/xapi/", key="k1",
                        learner_name="Ann", account_name="s1234567",
                        account_homepage="https://www.example.edu")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_sending_is_off_until_the_learner_turns_it_on(tmp_path: Path) -> None:
    store = XapiConfigStore(tmp_path, FileSecretStore(tmp_path / SECRET_FILE))
    assert store.load() == XapiSettings()
    assert store.lrs_config() is None
    store.save(COMPLETE, "s3cret")
    assert store.lrs_config() is not None
    from dataclasses import replace
    store.save(replace(COMPLETE, send=False))
    assert store.lrs_config() is None


def test_the_secret_is_kept_apart_and_private(tmp_path: Path) -> None:
    store = XapiConfigStore(tmp_path, FileSecretStore(tmp_path / SECRET_FILE))
    store.save(COMPLETE, "s3cret")
    assert "s3cret" not in store.path.read_text()
    secret_file = tmp_path / SECRET_FILE
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    config = XapiConfigStore(tmp_path, FileSecretStore(secret_file)).lrs_config()
    assert config is not None and (config.key, config.secret) == ("k1", "s3cret")
    store.save(COMPLETE)  # no secret given: the old one stays
    assert store.secret(COMPLETE) == "s3cret"


def test_without_a_keyring_the_secret_goes_to_a_private_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # as if it were not installed
    store = secret_store(tmp_path)
    assert store.kind == "file"
    assert isinstance(store, FileSecretStore) and store.path == tmp_path / SECRET_FILE


def test_a_damaged_settings_file_means_sending_stays_off(tmp_path: Path) -> None:
    (tmp_path / "xapi.json").write_text('{"send": "yes", "endpoint": 3')
    assert XapiConfigStore(tmp_path, FileSecretStore(tmp_path / SECRET_FILE)).load() \
        == XapiSettings()
    (tmp_path / "xapi.json").write_text('{"send": "yes", "endpoint": 3}')
    assert XapiConfigStore(tmp_path, FileSecretStore(tmp_path / SECRET_FILE)).load() \
        == XapiSettings()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("endpoint", "lrs.example.edu", "the record store address must start with https://"),
    ("endpoint", "https://lrs.example.edu/xapi?x=1", "must not contain ? or #"),
    ("key", " ", "the key is missing"),
    ("account_name", "", "your student id"),
    ("account_homepage", "example.edu", "your university's web address must start with"),
])
def test_incomplete_settings_say_what_is_missing(field: str, value: str, message: str) -> None:
    from dataclasses import replace

    problems = replace(COMPLETE, **{field: value}).problems()
    assert len(problems) == 1 and message in problems[0]


def test_export_writes_valid_statements_matching_the_queue(tmp_path: Path) -> None:
    history_file = Path(tmp_path / "h.sqlite3")
    with History(history_file) as history, Outbox(history_file) as outbox:
        record_id = play_and_queue(history, outbox, [1, 1])
        queued = outbox.session_statements(record_id)
    target = tmp_path / "records.json"
    code, text = run("xapi", "export", str(target), "--history", str(history_file),
                     "--account", "s1234567", "--homepage", "https://www.example.edu")
    assert code == 0, text
    assert "wrote 5 statement(s) from 1 session(s)" in text
    exported = json.loads(target.read_text())
    assert exported == queued  # the same ids and times the LRS gets
    assert all(statement_problems(s) == [] for s in exported)


def test_export_of_a_session_never_queued_builds_its_statements(tmp_path: Path) -> None:
    from simulator.core.loader import load_scenario
    from simulator.core.session import Session

    from .helpers import MINI

    history_file = tmp_path / "h.sqlite3"
    with History(history_file) as history, Session(load_scenario(MINI)) as session:
        session.choose(2)  # the client walks out
        record_id = history.save(session)
    code, text = run("xapi", "export", "-", "--history", str(history_file), "--session",
                     record_id, "--account", "s1", "--homepage", "https://www.example.edu")
    assert code == 0
    exported = json.loads(text)
    assert [s["verb"]["display"]["en"] for s in exported] == \
        ["initialized", "answered", "completed", "terminated"]
    assert all(statement_problems(s) == [] for s in exported)
    import sqlite3  # reading must not have created the queue

    with pytest.raises(sqlite3.OperationalError, match="no such table: xapi_outbox"):
        sqlite3.connect(history_file).execute("SELECT 1 FROM xapi_outbox").fetchall()


def test_export_mistakes_give_plain_messages(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    history_file = tmp_path / "h.sqlite3"
    History(history_file).close()
    code, _ = run("xapi", "export", str(tmp_path / "x.json"), "--history", str(history_file))
    assert code == 1
    assert "fill in your student id and your university's web address under Settings" \
        in capsys.readouterr().err
    code, _ = run("xapi", "export", str(tmp_path / "x.json"), "--history", str(history_file),
                  "--account", "s1", "--homepage", "https://www.example.edu")
    assert code == 1
    assert f"no sessions have been saved in {history_file} yet" in capsys.readouterr().err
    code, _ = run("xapi", "export", str(tmp_path / "x.json"), "--history",
                  str(tmp_path / "missing.sqlite3"), "--account", "s1",
                  "--homepage", "https://www.example.edu")
    assert code == 1
    assert "there is no history file here" in capsys.readouterr().err


def test_status_and_send_explain_that_sending_is_off(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.storage.history import default_path

    with History(default_path()) as history, Outbox(history.path) as outbox:
        play_and_queue(history, outbox, [1])
    code, text = run("xapi", "status")
    assert code == 0 and "sending is off; 2 waiting, 0 sent, 0 refused" in text
    code, _ = run("xapi", "send")
    assert code == 1
    assert "sending learning records is switched off" in capsys.readouterr().err


def test_a_chosen_profile_names_the_student_in_the_records() -> None:
    """On a shared lab PC, Settings names whoever set sending up; a student's profile
    must put their own student id on the records, at the same university."""
    from simulator.core.profile import Profile
    from simulator.xapi.actor import build_actor

    student = Profile(name="Bea Kim", student_id="s7654321", class_code="SW2")
    actor = build_actor(COMPLETE.for_profile(student).learner)
    assert actor["name"] == "Bea Kim"
    assert actor["account"] == {"homePage": "https://www.example.edu", "name": "s7654321"}
    assert COMPLETE.for_profile(None) == COMPLETE
    named_only = COMPLETE.for_profile(Profile(name="Cal"))
    assert any("student id" in p for p in named_only.problems())  # never Ann's id
