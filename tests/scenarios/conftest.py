"""Fixtures for the golden-route tests: a module names its scenario in SCENARIO_ID."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.register_assert_rewrite("tests.scenarios.golden")

from simulator.core.model import Scenario  # noqa: E402
from simulator.core.session import Session  # noqa: E402
from tests.scenarios.golden import load  # noqa: E402


@pytest.fixture(scope="module")
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load(request.module.SCENARIO_ID)


@pytest.fixture
def session(scenario: Scenario) -> Iterator[Session]:
    with Session(scenario) as playing:
        yield playing
