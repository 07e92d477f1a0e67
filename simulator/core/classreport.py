"""A class's handed-in sessions turned into a class report: how the class chose
at each decision, where it ended, its MITI summaries against the thresholds,
the R's it most often mistimed, safety failures, collusion, and one grade per
student.

Pure functions over plain data (the reports inside hand-in files), so the CLI,
the app's Class page and the benchmark all build the same report, with no Qt
and no files. Reading and checking the files is `simulator.storage.handin`.

Decisions made where a trainer needs one rule:
- Every handed-in session counts towards the choice counts and the endings
  (a class discussion is about what people did, tries included).
- A student's grade for a scenario is their best overall score among finished
  sessions; their MITI values are those of that same session, so the class
  summary and the gradebook describe the same work.
- The same session handed in twice (same scenario, attempt and date) counts once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .profile import Profile

SAFETY_KEYS = ("safety_failure",)  # what a report's turn says about safety (may be absent)


@dataclass(frozen=True)
class Work:
    """One handed-in session: who, its metadata and its report."""

    profile: Profile
    meta: Mapping[str, Any]
    report: Mapping[str, Any]


@dataclass
class OptionCount:
    number: int
    text: str
    grade: str
    count: int = 0


@dataclass
class Decision:
    node: str
    says: str  # the client's first line there, so a trainer recognises the moment
    turn: int  # the earliest response number it came at: decisions are listed in that order
    options: dict[int, OptionCount] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(o.count for o in self.options.values())


@dataclass(frozen=True)
class RatioSummary:
    """One MITI summary score for the class: the mean, and students per verdict."""

    id: str
    label: str
    format: str  # "ratio" or "percent"
    fair: float
    good: float
    mean: float | None
    verdicts: dict[str, int]


@dataclass(frozen=True)
class Mistake:
    """One response at one moment, and how many times the class gave it there."""

    node: str
    option: int
    text: str
    detail: str  # e.g. "Reason while very stirred up"
    count: int
    students: int


@dataclass(frozen=True)
class StudentResult:
    profile: Profile
    sessions: int
    finished: int
    best: int | None  # best overall score of a finished session, 0-100
    undone: int


@dataclass
class ScenarioClass:
    id: str
    title: str
    versions: set[str]
    decisions: list[Decision]
    endings: Counter[tuple[str, str]]  # (title, outcome) -> sessions; unfinished: ("", "")
    miti: list[RatioSummary]
    mistimed: list[Mistake]
    safety: list[Mistake]
    collusion: list[Mistake]  # responses the writer marked as colluding (``colludes``)
    students: list[StudentResult]


@dataclass
class ClassReport:
    scenarios: list[ScenarioClass]
    students: list[Profile]
    sessions: int
    anonymised: bool = False

    def scenario(self, scenario_id: str) -> ScenarioClass | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def anonymise(works: Iterable[Work]) -> list[Work]:
    """The same work under 'Student 1', 'Student 2'... (numbered in a stable order).

    The class code stays (it names a group, not a person); name and id go.
    """
    works = list(works)
    order = sorted({w.profile for w in works}, key=lambda p: p.key)
    names = {p: Profile(f"Student {n}", "", p.class_code) for n, p in enumerate(order, 1)}
    return [Work(names[w.profile], w.meta, w.report) for w in works]


def _unique(works: Iterable[Work]) -> list[Work]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for work in works:
        key = (work.profile, work.meta.get("scenario_id"), work.meta.get("attempt"),
               work.meta.get("date"), len(work.report.get("turns", [])))
        if key not in seen:
            seen.add(key)
            kept.append(work)
    return kept


def _safety_reason(turn: Mapping[str, Any]) -> str | None:
    """Why a response was a safety failure, or None when it was not one.

    A report marks one with ``safety_failure``: the writer's reason (a string) in
    today's reports, ``true`` in others; a report without the key has none.
    """
    for key in SAFETY_KEYS:
        value = turn.get(key)
        if isinstance(value, str) and value.strip() and value.lower() not in ("false", "no"):
            return value.strip()
        if value is True:
            return str(turn.get("explanation") or "")
    flags = turn.get("flags")
    if isinstance(flags, list) and "safety_failure" in flags:
        return str(turn.get("explanation") or "")
    return None


def _state_words(framework_id: str, state_id: str) -> str:
    """A client state in the framework's own words, without the numbers (which differ
    from student to student): 'very stirred up', not 'dysregulated (arousal 9 of 10)'."""
    from .frameworks import builtin_frameworks

    framework = builtin_frameworks().get(framework_id)
    for state in framework.client_states if framework is not None else ():
        if state.id == state_id:
            return " ".join(state.describe.split(" (")[0].split())
    return state_id.replace("_", " ")


def _overall(report: Mapping[str, Any]) -> int | None:
    score = report.get("report", {}).get("overall", {}).get("score")
    return score if isinstance(score, int) else None


def _mistakes(found: Mapping[tuple[str, int], list[tuple[Profile, str, str]]]
              ) -> list[Mistake]:
    result = []
    for (node, option), hits in found.items():
        details = Counter(detail for _, _, detail in hits)
        result.append(Mistake(node, option, hits[0][1], details.most_common(1)[0][0],
                              len(hits), len({p for p, _, _ in hits})))
    return sorted(result, key=lambda m: (-m.count, m.node, m.option))


def _miti(best: list[Mapping[str, Any]]) -> list[RatioSummary]:
    """Class means of MITI's summary scores, from each student's counted session."""
    summaries = [r.get("report", {}).get("mi") for r in best]
    summaries = [s for s in summaries if isinstance(s, Mapping)]
    if not summaries:
        return []
    result = []
    for ratio_id, threshold in summaries[0].get("thresholds", {}).items():
        values = [s.get(ratio_id) for s in summaries]
        numbers = [v for v in values if isinstance(v, int | float)]
        verdicts = Counter(s.get("verdicts", {}).get(ratio_id, "not enough data")
                           for s in summaries)
        result.append(RatioSummary(ratio_id, threshold.get("label", ratio_id),
                                   threshold.get("format", "ratio"),
                                   float(threshold.get("fair", 0)),
                                   float(threshold.get("good", 0)),
                                   sum(numbers) / len(numbers) if numbers else None,
                                   dict(verdicts)))
    return result


def _scenario_class(scenario_id: str, works: list[Work]) -> ScenarioClass:
    title = str(works[0].report.get("scenario", {}).get("title", scenario_id))
    versions = {str(w.report.get("scenario", {}).get("digest", "")) for w in works}
    decisions: dict[str, Decision] = {}
    endings: Counter[tuple[str, str]] = Counter()
    mistimed: dict[tuple[str, int], list[tuple[Profile, str, str]]] = defaultdict(list)
    safety: dict[tuple[str, int], list[tuple[Profile, str, str]]] = defaultdict(list)
    collusion: dict[tuple[str, int], list[tuple[Profile, str, str]]] = defaultdict(list)
    by_student: dict[Profile, list[Work]] = defaultdict(list)
    for work in works:
        report = work.report
        by_student[work.profile].append(work)
        ending = report.get("ending")
        endings[(ending.get("title", ""), ending.get("outcome", "")) if ending else ("", "")] += 1
        for turn in report.get("turns", []):
            node, number = str(turn.get("node", "")), int(turn.get("option", 0))
            lines = turn.get("lines") or [{}]
            turn_number = int(turn.get("number", 0))
            decision = decisions.setdefault(node, Decision(
                node, str(lines[0].get("says", "")), turn_number))
            decision.turn = min(decision.turn, turn_number)
            option = decision.options.setdefault(number, OptionCount(
                number, str(turn.get("text", "")), str(turn.get("grade", ""))))
            option.count += 1
            for fid, score in (turn.get("scores") or {}).items():
                if isinstance(score, Mapping) and score.get("timing") == "mistimed":
                    step = ", ".join(score.get("names") or []) or "this step"
                    state = _state_words(str(fid), str(score.get("client_state") or ""))
                    detail = f"{step} while the client was {state}" if state else step
                    mistimed[(node, number)].append((work.profile, option.text, detail))
            if turn.get("colludes") is True:
                collusion[(node, number)].append((work.profile, option.text,
                                                  str(turn.get("explanation") or "")))
            reason = _safety_reason(turn)
            if reason is not None:
                safety[(node, number)].append((work.profile, option.text, reason))
    students = []
    counted = []
    for profile, done in by_student.items():
        finished = [w for w in done if w.report.get("finished")]
        scored = [w for w in finished if _overall(w.report) is not None]
        best = max(scored, key=lambda w: _overall(w.report) or 0, default=None)
        if best is not None:
            counted.append(best.report)
        students.append(StudentResult(
            profile, len(done), len(finished), _overall(best.report) if best else None,
            sum(len(w.report.get("undone") or []) for w in done)))
    for decision in decisions.values():
        decision.options = dict(sorted(decision.options.items()))
    ordered = sorted(decisions.values(), key=lambda d: (d.turn, d.node))
    return ScenarioClass(scenario_id, title, versions, ordered, endings,
                         _miti(counted), _mistakes(mistimed), _mistakes(safety),
                         _mistakes(collusion),
                         sorted(students, key=lambda s: s.profile.label.lower()))


def build_class_report(works: Iterable[Work], *, anonymised: bool = False) -> ClassReport:
    """The class report of every handed-in session (see the module for the rules)."""
    works = _unique(works)
    if anonymised:
        works = anonymise(works)
    by_scenario: dict[str, list[Work]] = defaultdict(list)
    for work in works:
        scenario_id = str(work.report.get("scenario", {}).get("id", "")) or "unknown"
        by_scenario[scenario_id].append(work)
    scenarios = [_scenario_class(sid, found) for sid, found in sorted(by_scenario.items())]
    students = sorted({w.profile for w in works}, key=lambda p: p.label.lower())
    return ClassReport(scenarios, students, len(works), anonymised)
