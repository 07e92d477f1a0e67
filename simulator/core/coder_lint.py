"""A teaching warning for writers: an option whose MITI code the coder reads
very differently.

A learner in free-text mode who writes an option's words would be coded by the
coder, so an option coded Q that reads as a reflection (or the other way round)
teaches one thing in the options and another in free text, and moves the R:Q
score. Only confident question-versus-reflection disagreements are reported (the
distinction the model draws best, and the one MITI's ratios count), plus a
confrontation the rules find in an option coded as MI-consistent. Giving
information is left out: it is the model's weakest class. AnnoMI has no labels for affirming,
seeking collaboration or emphasising autonomy, which MITI codes on top of a
question or a reflection, so those codes are never second-guessed, and neither
is a writer's Confront or Persuade (their own judgement of tone beats a phrase list).
"""

from __future__ import annotations

from .coder import CODE_NAMES, FAMILIES, Coding, code
from .errors import Problem, Severity
from .freetext import last_client_line
from .model import Option, Scenario

# The coder's probability above which its reading counts as confident. 0.90 flags
# nothing in the bundled library (its most confident question-for-reflection reading
# of a bundled option is 0.60) and catches a plain reflection coded as a question,
# which it reads at 0.97-0.99.
CONFIDENT = 0.90
MODEL_FAMILIES = ("question", "reflection")
MI_CONSISTENT = ("question", "reflection", "information", "adherent")


def disagreement(option: Option, coding: Coding) -> bool:
    """Does the coder confidently read `option` as another kind of behaviour?"""
    authored = option.code("mi")
    if authored is None or authored not in FAMILIES:
        return False
    family = FAMILIES[authored]
    if coding.code == "Confront":
        return family in MI_CONSISTENT
    if family not in MODEL_FAMILIES or coding.family not in MODEL_FAMILIES:
        return False
    return coding.family != family and coding.confidence >= CONFIDENT \
        and authored not in coding.also


def code_disagreements(scenario: Scenario) -> list[Problem]:
    if "mi" not in scenario.frameworks:
        return []
    found: list[Problem] = []
    for node in scenario.nodes.values():
        context = last_client_line(node)
        for option in node.options:
            coding = code(option.text, context)
            if not disagreement(option, coding):
                continue
            authored = option.code("mi") or ""
            found.append(Problem(
                scenario.source, option.line, option.col, Severity.WARNING,
                f"option {option.number} of node '{node.id}' is coded {authored}, but the "
                f"utterance coder reads it as {CODE_NAMES.get(coding.code, coding.code)} "
                f"({round(100 * coding.confidence)}% sure)",
                "check the code; a learner who writes these words in free-text mode is coded "
                "the coder's way"))
    return found
