"""The lock is what runs: every dependency pyproject.toml names is locked, and the
packages installed here are exactly the locked versions.

A dependency added to pyproject.toml without re-running scripts/lock.sh would install on
the author's machine and fail on every fresh one; this catches it before CI does.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked(file: str) -> dict[str, str]:
    text = (ROOT / file).read_text(encoding="utf-8")
    return {_normal(name): version for name, version in PIN.findall(text)}


def _declared(extra: str | None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return {_normal(m.group()) for spec in specs if (m := NAME.match(spec))}


@pytest.mark.parametrize(("file", "extra"), [("requirements.txt", None),
                                             ("requirements-test.txt", "test"),
                                             ("requirements-train.txt", "train")])
def test_every_declared_dependency_is_locked(file: str, extra: str | None) -> None:
    missing = _declared(extra) - set(_locked(file))
    assert not missing, f"run `bash scripts/lock.sh`: {sorted(missing)} not in {file}"


@pytest.mark.parametrize("other", ["requirements-test.txt", "requirements-train.txt"])
def test_every_lock_agrees_with_the_app_lock_on_its_packages(other: str) -> None:
    app, locked = _locked("requirements.txt"), _locked(other)
    assert {name: locked.get(name) for name in app} == app


def test_every_line_of_the_lock_carries_a_hash() -> None:
    for file in ("requirements.txt", "requirements-test.txt", "requirements-train.txt"):
        text = (ROOT / file).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
        pinned = [b for b in blocks if PIN.match(b)]
        assert pinned and all("--hash=sha256:" in b for b in pinned), file


def test_the_installed_packages_are_the_locked_versions() -> None:
    locked = _locked("requirements-test.txt")
    installed = {_normal(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = {name: (version, installed.get(name)) for name, version in locked.items()
             if installed.get(name) != version}
    assert not wrong, f"installed versions differ from the lock (locked, installed): {wrong}"
