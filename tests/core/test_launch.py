"""`python main.py`: the app's own options start the app without the command line's
imports; everything else still goes to the command line and gets its messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simulator import cli
from simulator.launch import app_options

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [
    [], ["--scenario", "mini"], ["--scenario=mini"], ["--present", "mini", "--timer", "30"],
    ["--timer=5", "--present=mini"], ["--scenario", "mini", "--present", "dui_group"],
    ["--scenario="],
])
def test_the_apps_options_mean_what_the_command_line_says(argv: list[str]) -> None:
    options = app_options(argv)
    parsed = cli._parser().parse_args(argv)
    assert options is not None and parsed.command is None
    assert (options.get("--scenario"), options.get("--present"), options.get("--timer", 0)) \
        == (parsed.scenario, parsed.present, parsed.timer)


@pytest.mark.parametrize("argv", [
    ["validate"], ["walk", "x.yaml"], ["--help"], ["-h"], ["--timer", "soon"], ["--scen", "mini"],
    ["--scenario"], ["--scenario", "a", "--scenario", "b"], ["--timer", "-5"], ["mini"],
    ["--scenario", "--present"],
])
def test_anything_else_is_left_to_the_command_line(argv: list[str]) -> None:
    assert app_options(argv) is None


def test_a_mistake_gets_the_command_lines_message_not_the_app() -> None:
    done = subprocess.run([sys.executable, "main.py", "--timer", "soon"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--timer: invalid int value: 'soon'" in done.stderr
