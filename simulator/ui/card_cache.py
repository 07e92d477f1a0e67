"""What a library card shows, remembered between starts, so the cards are on
screen at the first paint instead of after every file has been checked.

The cache is a small JSON file in Rapport's data folder, one item per file,
keyed by the file's path and the sha256 of its bytes (the digest the loader
records). A file whose bytes changed is simply not shown from the cache. Its size
and modification time are kept too: while they are unchanged the file is not read
again before the first paint (hashing meant loading OpenSSL, ~4 ms); when they
differ, the digest decides. The
worker threads still check every file after the first paint and replace each
preview with the real entry; previews of files that are gone are dropped then,
and the cache is written again. No Qt: tested without a screen.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.core.model import Scenario

    from .catalogue import Entry

log = logging.getLogger("rapport.ui")
FORMAT = 1
FILE_NAME = "library-cache.json"


@dataclass(frozen=True, slots=True)
class CardData:
    """Everything a library card, the filters and the search need from a scenario."""

    id: str
    title: str
    setting: str
    difficulty: str
    minutes: int
    summary: str
    client_name: str
    client_age: int | None
    client_role: str
    client_avatar: str
    resistance: tuple[str, ...]
    frameworks: tuple[str, ...]

    @classmethod
    def of(cls, scenario: Scenario) -> CardData:
        client = scenario.client
        return cls(scenario.id, scenario.title, scenario.setting, scenario.difficulty,
                   scenario.minutes, scenario.summary, client.name, client.age, client.role,
                   client.avatar, tuple(scenario.resistance), tuple(scenario.frameworks))

    @classmethod
    def from_json(cls, raw: Any) -> CardData | None:
        """A card from the cache file, or None if the item is not one (a hand edit,
        an older format): a bad cache must never stop the library opening."""
        if not isinstance(raw, dict):
            return None
        names = [f.name for f in fields(cls)]
        if set(raw) != set(names):
            return None
        text = ("id", "title", "setting", "difficulty", "summary", "client_name",
                "client_role", "client_avatar")
        if not all(isinstance(raw[name], str) for name in text):
            return None
        if not isinstance(raw["minutes"], int) or not (
                raw["client_age"] is None or isinstance(raw["client_age"], int)):
            return None
        lists = ("resistance", "frameworks")
        if not all(isinstance(raw[n], list) and all(isinstance(v, str) for v in raw[n])
                   for n in lists):
            return None
        return cls(**{**raw, **{n: tuple(raw[n]) for n in lists}})


def cache_path() -> Path:
    from simulator.storage.paths import data_dir

    return data_dir() / FILE_NAME


def file_digest(path: Path) -> str:
    import hashlib  # only when a file's size or time has changed since the last start

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stamp(path: Path) -> list[int]:
    """What changes when a file is written: its size and modification time (ns)."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _unchanged(path: Path, item: dict[str, Any]) -> bool:
    if item.get("stamp") is not None and item["stamp"] == _stamp(path):
        return True
    return file_digest(path) == item["digest"]


def read(folders: Sequence[tuple[Path, str]], path: Path | None = None) -> list[Entry]:
    """Previews of the cached files in `folders` whose bytes have not changed."""
    from .catalogue import Entry

    try:
        path = path or cache_path()
        raw = json.loads(path.read_text(encoding="utf-8"))
    except Exception as error:  # missing, unreadable, not JSON, no data folder
        if not isinstance(error, FileNotFoundError):
            log.info("library cache not used: %s", error)
        return []
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(
            raw.get("files"), list):
        return []
    wanted = {str(folder): source for folder, source in folders}
    found = []
    for item in raw["files"]:
        if not isinstance(item, dict):
            continue
        card = CardData.from_json(item.get("card"))
        file = item.get("path")
        if card is None or not isinstance(file, str) or not isinstance(item.get("digest"), str):
            continue
        source = wanted.get(str(Path(file).parent))
        try:
            if source is None or not _unchanged(Path(file), item):
                continue
        except OSError:
            continue
        found.append(Entry(file, None, (), source, preview=card))
    return found


def write(entries: Iterable[Entry], path: Path | None = None) -> None:
    """Remember the playable files' cards; never raises (the cache is only a speed-up)."""
    files = [{"path": e.path, "digest": e.scenario.digest, "stamp": _checked_stamp(e),
              "card": asdict(CardData.of(e.scenario))}
             for e in entries if e.scenario is not None and e.scenario.digest]
    try:
        path = path or cache_path()
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps({"format": FORMAT, "files": files}, ensure_ascii=False),
                        encoding="utf-8")
        os.replace(temp, path)
    except Exception as error:  # a read-only data folder: the next start is just slower
        log.info("library cache not written: %s", error)


def _checked_stamp(entry: Entry) -> list[int] | None:
    """The file's size and time, if its bytes are still the ones checked (a file
    saved again since then keeps no stamp: its digest is compared next time)."""
    try:
        path = Path(entry.path)
        stamp = _stamp(path)
        same = entry.scenario is not None and file_digest(path) == entry.scenario.digest
    except OSError:
        return None
    return stamp if same else None
