"""The plain words students see for the core's identifiers, with tooltips for
anything that is jargon. One place, so the library, report and history agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

SETTINGS = {
    "criminal_justice": "Criminal justice",
    "child_protection": "Child protection",
    "mental_health": "Mental health",
    "adult_social_care": "Adult social care",
    "education": "Education",
    "substance_use": "Substance use",
    "youth_justice": "Youth justice",
    "other": "Other settings",
}

RESISTANCE = {
    "ambivalence": "Ambivalence",
    "avoidance": "Avoidance",
    "confrontation": "Confrontation",
    "violence": "Threat of violence",
    "disguised_compliance": "Disguised compliance",
    "reluctance": "Reluctance",
}

RESISTANCE_TIPS = {
    "ambivalence": "Admits there is a problem but puts the responsibility on others; "
                   "contact comes and goes.",
    "avoidance": "Missed appointments, visits cut short, calls left unanswered.",
    "confrontation": "Challenges you or picks a fight, often out of mistrust of services.",
    "violence": "Threatened or actual violence. Rare; your safety and any child's come first.",
    "disguised_compliance": "Agrees to everything on the surface; the agreed tasks do "
                            "not get done.",
    "reluctance": "Goes along quietly without committing to anything.",
}

DIFFICULTY = {
    "introductory": "Introductory",
    "intermediate": "Intermediate",
    "advanced": "Advanced",
}

FRAMEWORK_SHORT = {"mi": "MI", "pace": "PACE", "r4": "4R", "trotter": "Trotter"}

FRAMEWORK_TIPS = {
    "mi": "Motivational Interviewing: responses are coded the way MITI 4.2.1 codes a "
          "worker's turn (reflections, questions, affirmations and so on).",
    "pace": "PACE (Dan Hughes): Playfulness, Acceptance, Curiosity and Empathy, an "
            "attitude that meets the feeling before the behaviour.",
    "r4": "The 4 R's: Regulate, Relate, Reason, Repair. Which one fits depends on how "
          "stirred up and connected the client is at that moment.",
    "trotter": "Trotter's principles for involuntary clients: role clarity, pro-social "
               "modelling, collaborative problem-solving and relationship.",
}

GRADES = {
    "best": "A strong response",
    "acceptable": "A reasonable response",
    "unhelpful": "An unhelpful response",
    "harmful": "A response that could do harm",
}

GRADE_SHORT = {"best": "Strong", "acceptable": "Reasonable", "unhelpful": "Unhelpful",
               "harmful": "Could harm"}

OUTCOMES = {
    "engaged": "Engaged",
    "partial": "Partly engaged",
    "disengaged": "Disengaged",
    "escalated": "Escalated",
    "colluded": "Colluded",
}

OUTCOME_TIPS = {
    "engaged": "The client is working with you by the end.",
    "partial": "The client stayed, but the relationship is still fragile.",
    "disengaged": "The client has withdrawn from the conversation.",
    "escalated": "The situation became unsafe or the client left in anger.",
    "colluded": "The client left comfortable because you took their side against the truth "
                "or the person at risk: calm, but nothing changed.",
}

# The colour of a chip: "good" (green), "neutral" (grey), "warn" (amber) or "bad" (red).
# Unhelpful is amber and harmful red: a learner must tell them apart at a glance.
GRADE_TONES = {"best": "good", "acceptable": "good", "unhelpful": "warn", "harmful": "bad"}


def outcome_tone(outcome: str) -> str:
    return {"engaged": "good", "partial": "neutral"}.get(outcome, "bad")


def points_tone(points: float) -> str:
    return "good" if points > 0 else "bad" if points < 0 else "neutral"


MODES = {
    "practice": "Practice",
    "assessment": "Assessment",
}

MODE_TIPS = {
    "practice": "Feedback after every response, and you can try a different response.",
    "assessment": "No feedback until the end and no going back, like a real meeting.",
}

METER_TIPS = {
    "trust": "How far the client believes you are on their side.",
    "arousal": "How stirred up the client is. At 7 or more they are too upset to "
               "reason with: calm and connect first.",
}

def measure_text(key: str, label: str, about: str = "") -> str:
    """One name for one measure: the scenario's label, then what it measures and the
    name the frameworks use, as in "Heat (how wound up Gary is: arousal)"."""
    about = about or METER_TIPS.get(key, "")
    first = about.split(";")[0].split(". ")[0].strip().rstrip(".")
    first = first[:1].lower() + first[1:]
    parts = [part for part in (first, key if key.lower() != label.lower() else "") if part]
    return f"{label} ({': '.join(parts)})" if parts else label


def measures_of(report: Mapping[str, Any]) -> dict[str, str]:
    """Each measure of a report as `measure_text` names it; older saved reports,
    without the scenario's measures, fall back to the plain names."""
    found = {key: measure_text(key, key.title()) for key in ("trust", "arousal")}
    for key, spec in (report.get("scenario", {}).get("measures") or {}).items():
        if isinstance(spec, Mapping):
            found[key] = measure_text(key, str(spec.get("label") or key.title()),
                                      str(spec.get("about") or ""))
    return found


EXPRESSION_WORDS = {
    "calm": "Looks calm",
    "guarded": "Looks guarded",
    "angry": "Looks angry",
    "upset": "Looks upset",
    "relieved": "Looks relieved",
}

VERDICTS = {
    "good": "good",
    "fair": "fair",
    "below fair": "below fair",
    "not enough data": "not enough responses to say",
}


def setting_name(key: str) -> str:
    return SETTINGS.get(key, key.replace("_", " ").capitalize())


def resistance_name(key: str) -> str:
    return RESISTANCE.get(key, key.replace("_", " ").capitalize())


def list_item(text: str) -> str:
    """One entry of a bulleted list, however its author ended it: capitalised, with no
    closing full stop or semicolon (they doubled up as "conviction.; A father's...")."""
    text = text.strip().rstrip(".;,").rstrip()
    return text[:1].upper() + text[1:]


def minutes_text(minutes: int) -> str:
    return f"about {minutes} min"


def when_text(iso: str, now: datetime | None = None) -> str:
    """A saved time as people say it: "today at 14:05", "3 March 2025"."""
    from datetime import datetime  # here: the library's first paint has no dates

    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
        moment = moment.replace(tzinfo=None)
    now = now or datetime.now()
    if moment.date() == now.date():
        return f"today at {moment:%H:%M}"
    if (now.date() - moment.date()).days == 1:
        return f"yesterday at {moment:%H:%M}"
    return f"{moment.day} {moment:%B %Y}"
