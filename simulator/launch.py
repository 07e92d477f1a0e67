"""What `python main.py` (and the `rapport` command) runs first: the desktop app,
straight away, or the command line.

The command line (`simulator.cli`) imports the whole scenario core to build its
commands (the loader, YAML, the frameworks, sessions, reports: ~110 ms), which the
app does not need until after its window is painted: the library's files are read
on worker threads then. So a start with no command, or with only the app's own
options, goes to the app without importing the command line; anything else
(a command, --help, a mistake) goes to the command line, which says what is wrong.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence

# The app's options, as `simulator.cli` declares them; each takes one value.
APP_OPTIONS: dict[str, Callable[[str], str | int]] = {
    "--scenario": str, "--present": str, "--timer": int}


def app_options(argv: Sequence[str]) -> dict[str, str | int] | None:
    """The app's options if `argv` asks only for the app, else None.

    Whatever is not plainly the app's options (a command, an abbreviation, a value
    that is not a number, an option twice) is left to the command line's parser,
    so its messages and its choices stay the only ones.
    """
    found: dict[str, str | int] = {}
    items = list(argv)
    index = 0
    while index < len(items):
        name, equals, value = items[index].partition("=")
        if name not in APP_OPTIONS or name in found:
            return None
        if not equals:
            index += 1
            if index == len(items):
                return None
            value = items[index]
        if value.startswith("-"):
            return None
        try:
            found[name] = APP_OPTIONS[name](value)
        except ValueError:
            return None
        index += 1
    return found


def start_app(scenario_id: str | None, present: str | None = None, timer: int = 0) -> int:
    """The desktop app until its window closes; a plain message where Qt is missing.

    The cyclic garbage collector is paused until the library's first paint (run_app
    starts it again then): importing Qt and building the window make only objects
    that live on, which it walked over and over (~8 ms in 46 passes).
    """
    gc.disable()
    try:
        from .ui.app import run_app
    except ImportError as error:  # the core must work where Qt is missing
        gc.enable()
        print(f"The desktop app cannot start: {error}. Run scripts/start.sh to install it.",
              file=sys.stderr)
        return 1
    if present:
        return run_app(scenario_id=scenario_id, present=(present, max(0, timer)))
    return run_app(scenario_id=scenario_id)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    options = app_options(argv)
    if options is None:
        from .cli import main as command_line

        return command_line(argv)
    present = options.get("--present")
    return start_app(_text(options.get("--scenario")), _text(present),
                     int(options.get("--timer", 0)))


def _text(value: str | int | None) -> str | None:
    return None if value is None else str(value)
