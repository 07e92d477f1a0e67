"""``main.py xapi ...``: learning records from the command line, no display needed.

export FILE  writes a session's statements to a JSON file (an array of xAPI 1.0.3
             statements), for an LMS that imports files instead of using an LRS;
status       says what is waiting to be sent;
send         sends what is waiting now (when sending is switched on in the settings).

Only argparse is imported here; the rest is imported when a command runs, so the
app's start-up does not pay for it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO


def add_parser(commands: Any) -> None:
    xapi = commands.add_parser("xapi", help="learning records (xAPI): export, status, send")
    actions = xapi.add_subparsers(dest="xapi_command", required=True)
    export = actions.add_parser("export", help="write a session's xAPI statements to a file")
    export.add_argument("file", help="the JSON file to write ('-' prints them)")
    export.add_argument("--session", metavar="ID",
                        help="the saved session (default: the one played most recently)")
    export.add_argument("--all", action="store_true", help="every saved session")
    export.add_argument("--history", metavar="FILE",
                        help="the history database to read (default: the app's own)")
    export.add_argument("--name", help="the learner's name (default: from the settings)")
    export.add_argument("--account", metavar="ID",
                        help="the learner's student id (default: from the settings)")
    export.add_argument("--homepage", metavar="URL",
                        help="the university's web address (default: from the settings)")
    actions.add_parser("status", help="how many learning records are waiting to be sent")
    actions.add_parser("send", help="send the waiting learning records now")


def cmd_xapi(args: argparse.Namespace, out: TextIO) -> int:
    if args.xapi_command == "export":
        return _export(args, out)
    return _status(out) if args.xapi_command == "status" else _send(out)


def _history_file(args: argparse.Namespace) -> Path:
    from simulator.core.errors import RapportError
    from simulator.storage.history import default_path

    path = Path(args.history) if getattr(args, "history", None) else default_path()
    if not path.is_file():
        where = "" if getattr(args, "history", None) else " (no session has been saved yet)"
        raise RapportError(f"{path}: there is no history file here{where}; check the name, "
                           "or play a session in the app first")
    return path


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from dataclasses import replace

    from simulator.core.errors import RapportError
    from simulator.storage.history import History

    from .actor import ActorError, build_actor
    from .config import XapiConfigStore
    from .outbox import queued_statements
    from .records import export_session

    learner = XapiConfigStore().load().learner
    learner = replace(learner, **{field: value for field, value in (
        ("name", args.name), ("account_name", args.account), ("homepage", args.homepage))
        if value is not None})
    try:
        build_actor(learner)
    except ActorError as error:
        raise RapportError(f"{error} Or pass --account and --homepage.") from None
    path = _history_file(args)
    with History(path, recover=False) as history:
        if args.all:
            records = history.sessions()
        elif args.session:
            record = history.get(args.session)
            if record is None:
                raise RapportError(f"there is no saved session '{args.session}' in {path}")
            records = [record]
        else:
            records = history.sessions()[:1]
    if not records:
        raise RapportError(f"no sessions have been saved in {path} yet")
    statements: list[dict[str, Any]] = []
    for record in reversed(records):  # oldest first, as an LRS would have received them
        statements += export_session(record.report, record.id, learner,
                                     started_at=record.started_at,
                                     updated_at=record.updated_at,
                                     queued=queued_statements(path, record.id))
    text = json.dumps(statements, indent=2, ensure_ascii=False) + "\n"
    if args.file == "-":
        out.write(text)
        return 0
    target = Path(args.file)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise RapportError(f"{target}: could not write the file ({error.strerror or error}); "
                           "choose a folder you can write to") from error
    print(f"wrote {len(statements)} statement(s) from {len(records)} session(s) to {target}",
          file=out)
    return 0


def _status(out: TextIO) -> int:
    from .config import XapiConfigStore
    from .outbox import Outbox

    settings = XapiConfigStore().load()
    with Outbox(_history_file(argparse.Namespace())) as outbox:
        backlog = outbox.backlog()
        error = outbox.last_error() if backlog.waiting else None
    state = "on" if settings.send else "off"
    print(f"sending is {state}; {backlog.waiting} waiting, {backlog.sent} sent, "
          f"{backlog.rejected} refused", file=out)
    if error:
        print(f"last problem: {error}", file=out)
    for problem in settings.problems() if settings.send else []:
        print(f"settings: {problem}", file=out)
    return 0


def _send(out: TextIO) -> int:
    from simulator.core.errors import RapportError

    from .client import LrsClient
    from .config import XapiConfigStore
    from .outbox import Outbox
    from .sender import Sender

    store = XapiConfigStore()
    settings = store.load()
    if not settings.send:
        raise RapportError("sending learning records is switched off; switch it on under "
                           "Settings, Learning records")
    problems = settings.problems()
    if problems:
        raise RapportError("the learning-record settings are not complete: "
                           + "; ".join(problems))
    config = store.lrs_config(settings)
    if config is None:
        raise RapportError("the LRS secret is missing; enter it under Settings, Learning "
                           "records")
    with Outbox(_history_file(argparse.Namespace())) as outbox:
        result = Sender(outbox, LrsClient(config)).drain()
        waiting = outbox.backlog().waiting
    print(f"sent {result.sent}; {waiting} still waiting", file=out)
    if result.failure is not None:
        print(f"error: {result.failure.message}", file=out)
        return 1
    return 0
