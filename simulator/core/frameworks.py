"""The scoring frameworks, read from the YAML files shipped beside this module.

A framework is one of three kinds, and each kind is scored by one piece of
code in `scoring.py`; everything else (codes, points, explanations,
thresholds, which R fits which client state) is data. So a new framework of an
existing kind, such as Trotter's principles, is a new YAML file and nothing
more.

- ``code``: each response has exactly one code (MI's MITI codes);
- ``tags``: a response shows any number of elements or their opposites (PACE);
- ``timing``: a response performs at most one step, and whether it fits
  depends on the client's state at that moment (the 4 R's).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .conditions import Condition, parse_condition
from .errors import RapportError
from .yaml_reader import read_text

KINDS = ("code", "tags", "timing")


@dataclass(frozen=True, slots=True)
class Element:
    """One code, element or step of a framework."""

    id: str
    name: str
    explain: str
    points: float = 0.0
    adherence: str = "neutral"  # code kind: adherent / neutral / non_adherent
    counts_as: str = ""  # code kind: the MITI group it is counted in (OQ -> Q)
    opposite_of: str = ""  # tags kind: the element this one works against
    order: int = 0  # timing kind: its place in the sequence


@dataclass(frozen=True, slots=True)
class Ratio:
    """A summary score: sum of some code counts over others, with thresholds."""

    id: str
    label: str
    tooltip: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    format: str  # "ratio" or "percent"
    fair: float
    good: float


@dataclass(frozen=True, slots=True)
class ClientState:
    """A state the client can be in, for timing frameworks (first match wins)."""

    id: str
    when: Condition | None
    describe: str
    fits: dict[str, str]  # element id -> timing id


@dataclass(frozen=True, slots=True)
class Timing:
    id: str
    label: str
    points: float


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    name: str
    short: str
    kind: str
    about: str
    elements: dict[str, Element]
    summary: tuple[Ratio, ...] = ()
    client_states: tuple[ClientState, ...] = ()
    timing: dict[str, Timing] | None = None
    # The lowest and highest points one response can earn here: read on every scored
    # response, so worked out once when the framework is read.
    points_range: tuple[float, float] = (0.0, 0.0)


def _points_range(kind: str, elements: dict[str, Element],
                  timing: dict[str, Timing] | None) -> tuple[float, float]:
    if kind == "timing" and timing:
        values = [t.points for t in timing.values()]
        return min(values), max(values)
    points = [e.points for e in elements.values()]
    if kind == "tags":
        return sum(p for p in points if p < 0), sum(p for p in points if p > 0)
    return min(points), max(points)


def _element(eid: str, raw: dict[str, Any]) -> Element:
    return Element(
        id=eid,
        name=str(raw["name"]),
        explain=" ".join(str(raw.get("explain", "")).split()),
        points=float(raw.get("points", 0)),
        adherence=str(raw.get("adherence", "neutral")),
        counts_as=str(raw.get("counts_as", eid)),
        opposite_of=str(raw.get("opposite_of", "")),
        order=int(raw.get("order", 0)),
    )


def parse_framework(name: str, text: str) -> Framework:
    """Build a Framework from YAML text; a bad shipped file is a RapportError."""
    tree, problems = read_text(name, text)
    if tree is None:
        raise RapportError("\n".join(str(p) for p in problems))
    raw = tree.plain()
    try:
        kind = raw["kind"]
        if kind not in KINDS:
            raise RapportError(f"{name}: kind must be one of {', '.join(KINDS)}")
        source = raw.get("codes") if kind == "code" else raw.get("elements")
        elements = {eid: _element(eid, spec) for eid, spec in (source or {}).items()}
        summary = tuple(
            Ratio(
                id=rid,
                label=str(spec["label"]),
                tooltip=" ".join(str(spec.get("tooltip", "")).split()),
                numerator=tuple(spec["numerator"]),
                denominator=tuple(spec["denominator"]),
                format=str(spec.get("format", "ratio")),
                fair=float(spec["fair"]),
                good=float(spec["good"]),
            )
            for rid, spec in (raw.get("summary") or {}).items()
        )
        states = tuple(
            ClientState(
                id=str(spec["id"]),
                when=parse_condition(str(spec["when"])) if "when" in spec else None,
                describe=str(spec.get("describe", spec["id"])),
                fits={str(k): str(v) for k, v in spec["fits"].items()},
            )
            for spec in raw.get("client_states") or []
        )
        timing = {
            tid: Timing(tid, str(spec["label"]), float(spec["points"]))
            for tid, spec in (raw.get("timing") or {}).items()
        } or None
        return Framework(
            id=str(raw["id"]),
            name=str(raw["name"]),
            short=str(raw.get("short", raw["name"])),
            kind=kind,
            about=" ".join(str(raw.get("about", "")).split()),
            elements=elements,
            summary=summary,
            client_states=states,
            timing=timing,
            points_range=_points_range(kind, elements, timing),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RapportError(f"{name}: the framework file is incomplete ({error!r})") from error


@cache
def builtin_frameworks() -> dict[str, Framework]:
    """Every framework shipped in the package, by id (read once per process)."""
    folder = resources.files("simulator.core") / "frameworks"
    found: dict[str, Framework] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            framework = parse_framework(entry.name, entry.read_text(encoding="utf-8"))
            found[framework.id] = framework
    return found
