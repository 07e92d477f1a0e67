"""The grading rubric (scenarios/README.md, "The grading rubric"), as checks on the codes.

Independent coders agreed with the authored MITI codes far better than with the
grades (issue 10), so the grades are checked against the codes with one rule per
grade boundary: the code decides what the rubric allows, and a grade that
contradicts it gets a warning naming the option. The older hard rules (a
non-adherent best is an error) stay in `validation`.
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Problem, Severity
from .frameworks import Framework
from .model import GRADE_POINTS, Node, Option, Scenario

# Honest information can be the best response when the moment asks for it: the worker's
# role, a limit on confidentiality, what is and is not negotiable (DOMAIN.md section 1).
INFORMATION_CODES = ("GI", "PWP")
HARMFUL_CODES = ("Confront",)  # arguing, shaming, warning, labelling, doubting honesty


def _weight(option: Option, mi: Framework) -> float | None:
    """MI's weight of a response: of its codes (MITI allows a second), the strongest."""
    points = [mi.elements[label].points for label in option.codes.get("mi", ())
              if label in mi.elements]
    return max(points) if points else None


def _warn(scenario: Scenario, option: Option, message: str, hint: str) -> Problem:
    return Problem(scenario.source, option.line, option.col, Severity.WARNING, message, hint)


def best_is_most_adherent(scenario: Scenario, node: Node, mi: Framework) -> list[Problem]:
    """Best: no other response at the decision is more MI-adherent (by MI's weights)."""
    found: list[Problem] = []
    for best in (o for o in node.options if o.grade == "best"):
        weight = _weight(best, mi)
        if weight is None or any(label in INFORMATION_CODES
                                 for label in best.codes.get("mi", ())):
            continue
        stronger = [o for o in node.options
                    if (w := _weight(o, mi)) is not None and w > weight]
        if stronger:
            other = max(stronger, key=lambda o: (_weight(o, mi) or 0,
                                                 GRADE_POINTS.get(o.grade, 0), -o.number))
            name = max((mi.elements[label] for label in other.codes.get("mi", ())
                        if label in mi.elements), key=lambda e: e.points).name
            found.append(_warn(
                scenario, best,
                f"option {best.number} of node '{node.id}' is graded best, but option "
                f"{other.number} ({name}) is more MI-adherent",
                "best is the most MI-adherent response at its decision: grade the weaker "
                "one acceptable, or check the codes"))
    return found


def harmful_codes_are_harmful(scenario: Scenario, node: Node, mi: Framework) -> list[Problem]:
    """Harmful versus unhelpful: confronting attacks the relationship, so it is harmful."""
    return [_warn(scenario, option,
                  f"option {option.number} of node '{node.id}' is graded unhelpful but coded "
                  f"{mi.elements[label].name}, which the rubric grades harmful",
                  "grade it harmful, or recode it if it does not argue, shame, warn or "
                  "doubt them")
            for option in node.options if option.grade == "unhelpful"
            for label in [next((c for c in option.codes.get("mi", ())
                                if c in HARMFUL_CODES and c in mi.elements), None)]
            if label is not None]


def safety_failures_are_harmful(scenario: Scenario, node: Node) -> list[Problem]:
    return [_warn(scenario, option,
                  f"option {option.number} of node '{node.id}' is marked as a safety failure "
                  f"but graded {option.grade}",
                  "a safety failure is harmful: grade it harmful, or remove safety_failure")
            for option in node.options if option.safety and option.grade != "harmful"]


def rubric_problems(scenario: Scenario, frameworks: Mapping[str, Framework]) -> list[Problem]:
    mi = frameworks.get("mi") if "mi" in scenario.frameworks else None
    found: list[Problem] = []
    for node in scenario.nodes.values():
        if mi is not None:
            found += best_is_most_adherent(scenario, node, mi)
            found += harmful_codes_are_harmful(scenario, node, mi)
        found += safety_failures_are_harmful(scenario, node)
    return found
