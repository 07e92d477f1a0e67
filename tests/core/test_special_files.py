"""Paths that are not scenario files: refused before anything is read from them.

A named pipe makes a plain read wait for ever, `/dev/zero` makes it grow without
end, and a symlink can point at either, or at a private file whose lines would
come back in "unknown key" messages. The command line runs in a child process
with a time limit (a hang fails the test instead of stopping the run) and a
memory limit (reading /dev/zero without end fails fast instead of filling RAM).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.core.errors import SHOWN_CHARS
from simulator.core.loader import validate_file
from tests.conftest import ROOT

MINI = Path(__file__).resolve().parent.parent / "data" / "valid" / "mini.yaml"
LIMIT_S = 30  # generous: the answer takes milliseconds; only a hang reaches it
MEMORY = 1 << 30  # 1 GB of address space: far more than validating needs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", str(path)],
                              capture_output=True, text=True, timeout=LIMIT_S,
                              preexec_fn=_limit_memory, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"validate {path.name} was still waiting after {LIMIT_S} s")


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def _dev_zero(tmp_path: Path) -> Path:
    path = tmp_path / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


def _fifo_behind_symlink(tmp_path: Path) -> Path:
    path = tmp_path / "linked.yaml"
    path.symlink_to(_fifo(tmp_path))
    return path


@pytest.mark.parametrize(("make", "kind"), [
    (_fifo, "named pipe"), (_dev_zero, "device"), (_fifo_behind_symlink, "named pipe"),
], ids=["fifo", "dev_zero", "symlink_to_fifo"])
def test_special_files_are_refused_without_reading(make, kind: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    done = _validate(path)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert f"{path}:0:0: error: this is a {kind}, not a file" in done.stdout


def test_a_symlink_to_a_scenario_file_is_followed(tmp_path: Path) -> None:
    link = tmp_path / "shared.yaml"
    link.symlink_to(MINI)
    assert validate_file(link).scenario is not None


def test_unknown_keys_from_a_private_file_are_not_echoed_whole(tmp_path: Path) -> None:
    secret = "root-password-hash-9f8e7d6c5b4a3210-keep-this-private-at-all-costs"
    private = tmp_path / "shadow"
    private.write_text(f"{secret}: 19000\nnodes: {{}}\n")
    link = tmp_path / "scenario.yaml"
    link.symlink_to(private)
    messages = [p.message for p in validate_file(link).problems]
    unknown = [m for m in messages if "unknown key" in m]
    assert unknown, messages
    assert all(secret not in m for m in messages)
    shown = unknown[0].split("'")[1]
    assert shown.endswith("\u2026") and len(shown) == SHOWN_CHARS
    assert secret.startswith(shown[:-1])
