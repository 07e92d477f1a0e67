"""The core must run where Qt cannot be imported (a server, CI without a screen)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = r"""
import builtins, importlib, pkgutil, sys
real_import = builtins.__import__
def guarded(name, *args, **kwargs):
    if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
        raise ImportError("Qt is blocked in this test: " + name)
    return real_import(name, *args, **kwargs)
builtins.__import__ = guarded
import simulator.core, simulator.cli
for pkg in ("simulator.core", "simulator.storage", "simulator.xapi"):
    try:
        module = importlib.import_module(pkg)
    except ModuleNotFoundError:
        continue
    for info in pkgutil.walk_packages(module.__path__, pkg + "."):
        importlib.import_module(info.name)
assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
print("qt-free")
"""


def test_core_and_cli_import_with_qt_blocked() -> None:
    result = subprocess.run([sys.executable, "-c", PROGRAM], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "qt-free"


def test_cli_commands_run_with_qt_blocked() -> None:
    program = PROGRAM.replace('print("qt-free")', (
        "from simulator.cli import main\n"
        "sys.exit(main(['walk', 'tests/data/valid/mini.yaml', '--strategy', 'best']))"))
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Ending: Talking" in result.stdout
