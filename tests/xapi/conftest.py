"""Fixtures for the learning-record tests: a real LRS (Ralph) and a played session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .lrs import Lrs, lrs_auth, running_lrs

__all__ = ["lrs_auth"]


@pytest.fixture
def lrs(tmp_path_factory: pytest.TempPathFactory,
        lrs_auth: tuple[Path, dict[str, str]]) -> Iterator[Lrs]:
    """A fresh, empty LRS for one test, stopped afterwards whatever happens."""
    yield from running_lrs(tmp_path_factory.mktemp("ralph"), lrs_auth)
