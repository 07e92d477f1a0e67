"""A real LRS for the tests: Ralph with its file-system backend, on a free local port.

Started once per test module that asks for it, in a subprocess (see ralph_launcher),
and always torn down. If Ralph cannot start, the fixture fails at once with Ralph's
own output rather than letting a test hang on a port nobody answers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "rapport-test", "a-long-test-secret"
START_TIMEOUT_S = 30.0


@dataclass
class Lrs:
    """A running Ralph: its address, credentials and files, and how to stop or restart it."""

    port: int
    folder: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def statements_file(self) -> Path:
        return self.folder / "data" / "fs_lrs.jsonl"

    def start(self) -> None:
        log = (self.folder / "ralph.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.xapi.ralph_launcher", str(self.port)],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"Ralph exited with status {self.process.returncode}")
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.stop()
        self._fail(f"Ralph did not answer within {START_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None

    def stored_ids(self) -> list[str]:
        """Statement ids in Ralph's file, in the order stored, repeats included."""
        import json

        if not self.statements_file.exists():
            return []
        with self.statements_file.open(encoding="utf-8") as handle:
            return [json.loads(line)["id"] for line in handle if line.strip()]

    def _fail(self, why: str) -> None:
        output = (self.folder / "ralph.log").read_text(errors="replace")[-3000:]
        pytest.fail(f"the test LRS could not start: {why}.\n{output}", pytrace=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_auth_file(folder: Path, env: dict[str, str]) -> None:
    """Ralph's own CLI writes the credentials file (to RALPH_AUTH_FILE)."""
    ralph = shutil.which("ralph", path=str(Path(sys.executable).parent))
    command = [ralph] if ralph else [sys.executable, "-m", "ralph"]
    result = subprocess.run(
        [*command, "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
         "-M", "mailto:teacher@example.com", "-N", "Test LRS", "-w"],
        env=env, cwd=folder, capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or not Path(env["RALPH_AUTH_FILE"]).exists():
        pytest.fail(f"'ralph auth' could not write the LRS credentials:\n"
                    f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}", pytrace=False)


def lrs_environment(folder: Path) -> dict[str, str]:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
    env.update({
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_APP_DIR": str(folder / "app"),
        "RALPH_AUTH_FILE": str(folder / "auth.json"),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
        "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
        "RALPH_SENTRY_DSN": "",
    })
    return env


@pytest.fixture(scope="session")
def lrs_auth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Credentials made once per test run ('ralph auth' takes a few seconds)."""
    folder = tmp_path_factory.mktemp("ralph-auth")
    env = lrs_environment(folder)
    make_auth_file(folder, env)
    return Path(env["RALPH_AUTH_FILE"]), env


def running_lrs(tmp_path: Path, auth: tuple[Path, dict[str, str]]) -> Iterator[Lrs]:
    auth_file, _ = auth
    env = lrs_environment(tmp_path)
    env["RALPH_AUTH_FILE"] = str(auth_file)
    lrs = Lrs(free_port(), tmp_path, env)
    lrs.start()
    try:
        yield lrs
    finally:
        lrs.stop()


@pytest.fixture(scope="session")
def shared_lrs(tmp_path_factory: pytest.TempPathFactory,
               lrs_auth: tuple[Path, dict[str, str]]) -> Iterator[Lrs]:
    """One Ralph for the whole run (it takes a few seconds to start), stopped at the end."""
    yield from running_lrs(tmp_path_factory.mktemp("ralph"), lrs_auth)


@pytest.fixture
def lrs(shared_lrs: Lrs) -> Lrs:
    """The shared LRS, running and empty: each test starts from no statements.

    Ralph's file backend opens its one file for every read and write, so emptying the
    file between tests empties the LRS. A test that stopped it (offline) gets it back.
    """
    if shared_lrs.process is None or shared_lrs.process.poll() is not None:
        shared_lrs.start()
    shared_lrs.statements_file.write_text("")
    return shared_lrs
