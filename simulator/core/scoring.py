"""Score one response against each framework, with the rule behind every score.

Pure functions over frozen data: the same option in the same client state
always gets the same score and the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .frameworks import ClientState, Framework
from .model import GRADE_POINTS, Option, Scenario

GRADE_WORDS = {
    "best": "A strong response",
    "acceptable": "A reasonable response",
    "unhelpful": "An unhelpful response",
    "harmful": "A response that could do harm",
}
ADHERENCE_WORDS = {
    "adherent": "MI-adherent",
    "neutral": "neutral",
    "non_adherent": "MI non-adherent",
}


@dataclass(frozen=True, slots=True)
class FrameworkScore:
    """How one response fared on one framework."""

    framework: str
    short: str
    labels: tuple[str, ...]  # the codes / elements / step of the response
    label_names: tuple[str, ...]
    points: float
    normalized: float | None  # 0..1 within the framework's range, None when it does not apply
    verdict: str  # e.g. "MI-adherent", "2 elements", "well timed"
    explanation: str
    timing: str | None = None  # timing kind: well_timed / acceptable / mistimed
    client_state: str | None = None  # timing kind: the state the client was in

    def to_dict(self) -> dict[str, object]:
        return {
            "framework": self.framework,
            "labels": list(self.labels),
            "names": list(self.label_names),
            "points": self.points,
            "normalized": None if self.normalized is None else round(self.normalized, 4),
            "verdict": self.verdict,
            "explanation": self.explanation,
            "timing": self.timing,
            "client_state": self.client_state,
        }


@dataclass(frozen=True, slots=True)
class TurnScore:
    grade: str
    grade_points: int
    headline: str
    frameworks: tuple[FrameworkScore, ...]

    def get(self, framework: str) -> FrameworkScore | None:
        return next((f for f in self.frameworks if f.framework == framework), None)


class _Fmt(dict):  # type: ignore[type-arg]
    """str.format_map helper: numbers shown without '.0', unknown names left as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _normalize(points: float, framework: Framework) -> float:
    low, high = framework.points_range
    return 0.5 if high == low else (points - low) / (high - low)


def client_state(framework: Framework, values: Mapping[str, float], rupture: bool,
                 scenario: Scenario) -> ClientState | None:
    """The first of the framework's client states whose condition holds now."""
    env = {**values, "rupture": 1.0 if rupture else 0.0}
    for state in framework.client_states:
        if state.when is None or state.when.evaluate(env):
            return state
    return None


def _describe_state(state: ClientState, values: Mapping[str, float], scenario: Scenario) -> str:
    fields = _Fmt({k: _number(v) for k, v in values.items()})
    fields.update({f"{k}_max": _number(var.maximum) for k, var in scenario.state.items()})
    return state.describe.format_map(fields)


def _score_code(framework: Framework, option: Option) -> FrameworkScore:
    label = option.code(framework.id)
    element = framework.elements.get(label or "")
    if element is None:
        return FrameworkScore(framework.id, framework.short, (), (), 0.0, None, "not coded",
                              f"This response has no {framework.short} code.")
    verdict = ADHERENCE_WORDS.get(element.adherence, element.adherence)
    also = [framework.elements[label] for label in option.codes.get(framework.id, ())[1:]
            if label in framework.elements]
    explanation = element.explain
    for second in also:  # MITI double-coding: counted in the summary, scored on the first
        explanation += (f" It also counts as {second.name}"
                        f" ({ADHERENCE_WORDS.get(second.adherence, second.adherence)}), so the "
                        "summary counts both.")
    return FrameworkScore(framework.id, framework.short,
                          (element.id, *(e.id for e in also)),
                          (element.name, *(e.name for e in also)),
                          element.points, _normalize(element.points, framework), verdict,
                          explanation)


def _score_tags(framework: Framework, option: Option) -> FrameworkScore:
    elements = [framework.elements[label] for label in option.codes.get(framework.id, ())
                if label in framework.elements]
    if not elements:
        return FrameworkScore(framework.id, framework.short, (), (), 0.0, None, "none shown",
                              f"No {framework.short} element stood out in this response.")
    points = sum(e.points for e in elements)
    good = [e for e in elements if e.points > 0]
    bad = [e for e in elements if e.points < 0]
    parts = []
    if good:
        parts.append(f"{len(good)} element{'s' if len(good) > 1 else ''} shown")
    if bad:
        parts.append(f"{len(bad)} working against {framework.short}")
    return FrameworkScore(framework.id, framework.short, tuple(e.id for e in elements),
                          tuple(e.name for e in elements), points,
                          _normalize(points, framework), ", ".join(parts),
                          " ".join(e.explain for e in elements))


def _score_timing(framework: Framework, option: Option, values: Mapping[str, float],
                  rupture: bool, scenario: Scenario) -> FrameworkScore:
    label = option.code(framework.id)
    state = client_state(framework, values, rupture, scenario)
    element = framework.elements.get(label or "")
    if element is None or state is None or not framework.timing:
        return FrameworkScore(framework.id, framework.short, (), (), 0.0, None, "no step",
                              f"This response does not perform one of {framework.name}.",
                              client_state=state.id if state else None)
    fit_id = state.fits.get(element.id, "acceptable")
    fit = framework.timing.get(fit_id) or next(iter(framework.timing.values()))
    described = _describe_state(state, values, scenario)
    text = f"{element.explain} The client was {described}, so {element.name} was {fit.label}."
    if fit_id == "mistimed":
        better = [framework.elements[e].name for e, t in state.fits.items()
                  if t == "well_timed" and e in framework.elements]
        if better:
            text += f" What fits at this moment: {' or '.join(better)}."
    return FrameworkScore(framework.id, framework.short, (element.id,), (element.name,),
                          fit.points, _normalize(fit.points, framework), fit.label, text,
                          timing=fit_id, client_state=state.id)


def score_option(option: Option, scenario: Scenario, values: Mapping[str, float],
                 rupture: bool, frameworks: Mapping[str, Framework]) -> TurnScore:
    """Score a response given the client's state when the learner chose it."""
    scores: list[FrameworkScore] = []
    for fid in scenario.frameworks:
        framework = frameworks[fid]
        if framework.kind == "code":
            scores.append(_score_code(framework, option))
        elif framework.kind == "tags":
            scores.append(_score_tags(framework, option))
        else:
            scores.append(_score_timing(framework, option, values, rupture, scenario))
    return TurnScore(option.grade, GRADE_POINTS.get(option.grade, 0),
                     GRADE_WORDS.get(option.grade, option.grade), tuple(scores))
