"""The offline utterance coder: what a worker said (and the client's last line)
-> a MITI 4.2.1 code with a confidence and the reason, plus PACE and the 4 R's.

Two layers, because the data allows no more:
- two readers trained on AnnoMI (`training/train_coder.py`), averaged: a small
  network fine-tuned on it (`coder_net`) and a linear model over word counts
  (`coder_linear`); together they tell the four behaviours AnnoMI labels:
  question, reflection, giving information, other;
- hand-written rules (`coder_rules`) add what AnnoMI does not label: affirming,
  seeking collaboration, emphasising autonomy, confronting, persuading, the
  question and reflection sub-types, PACE and the 4 R's.

Both ship in the package and are read on the first answer (a few tenths of a
second); a sentence takes a few milliseconds on one core.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from . import coder_rules as rules
from .coder_features import normalise, overlap, softmax
from .coder_linear import LINEAR_PATH, read_linear
from .coder_net import NET_PATH, VOCAB_PATH, NetModel

# Which codes answer for one another when the scenario moves on a learner's words.
FAMILIES: Mapping[str, str] = MappingProxyType({
    "Q": "question", "OQ": "question", "CQ": "question",
    "SR": "reflection", "CR": "reflection",
    "GI": "information", "PWP": "information",
    "AF": "adherent", "Seek": "adherent", "Emphasize": "adherent",
    "Confront": "non_adherent", "Persuade": "non_adherent",
    "": "other",
})
FAMILY_WORDS: Mapping[str, str] = MappingProxyType({
    "question": "a question", "reflection": "a reflection",
    "information": "giving information", "adherent": "an MI-adherent response",
    "non_adherent": "an MI non-adherent response", "other": "no MITI behaviour",
})
CODE_NAMES: Mapping[str, str] = MappingProxyType({
    "OQ": "an open question", "CQ": "a closed question", "Q": "a question",
    "SR": "a simple reflection", "CR": "a complex reflection",
    "GI": "giving information", "PWP": "persuading with permission",
    "Persuade": "persuading", "AF": "affirming", "Seek": "seeking collaboration",
    "Emphasize": "emphasising autonomy", "Confront": "confronting",
    "": "no MITI behaviour",
})
BEHAVIOUR_WORDS: Mapping[str, str] = MappingProxyType({
    "question": "a question", "reflection": "a reflection",
    "therapist_input": "giving information or advice", "other": "a filler or a greeting",
})


class CoderModelError(RuntimeError):
    """The shipped model file is missing or damaged (a broken install, not the user)."""


@dataclass(frozen=True, slots=True)
class Coding:
    """How one utterance was coded, and why (in words a learner can read)."""

    code: str  # a MITI code id of frameworks/mi.yaml, or "" for none (a filler, a greeting)
    confidence: float  # 0..1
    behaviour: str  # the AnnoMI behaviour the model saw: question/reflection/therapist_input/other
    probabilities: Mapping[str, float]
    reasons: tuple[str, ...]
    pace: tuple[str, ...] = ()
    r4: str | None = None
    also: tuple[str, ...] = field(default=())  # other codes the words carry

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code, "other")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "confidence": round(self.confidence, 3),
                "behaviour": self.behaviour,
                "probabilities": {k: round(v, 3) for k, v in self.probabilities.items()},
                "reasons": list(self.reasons), "pace": list(self.pace), "r4": self.r4,
                "also": list(self.also)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Coding:
        return cls(str(data.get("code", "")), float(data.get("confidence", 0.0)),
                   str(data.get("behaviour", "other")),
                   {str(k): float(v) for k, v in dict(data.get("probabilities", {})).items()},
                   tuple(str(r) for r in data.get("reasons", ())),
                   tuple(str(p) for p in data.get("pace", ())),
                   None if data.get("r4") is None else str(data["r4"]),
                   tuple(str(a) for a in data.get("also", ())))


class BehaviourModel(Protocol):
    """Anything that reads an utterance into AnnoMI's four behaviours."""

    def probabilities(self, text: str, prev: str) -> dict[str, float]: ...


class Blend:
    """Two readers' probabilities averaged in log space (a normalised geometric mean).

    The fine-tuned network and the linear model over word counts make different
    mistakes; equal weights, fixed before looking at the results, lift agreement
    with AnnoMI's coders above either alone (README, "The utterance coder").
    """

    def __init__(self, *readers: BehaviourModel) -> None:
        self.readers = readers

    def probabilities(self, text: str, prev: str) -> dict[str, float]:
        readings = [reader.probabilities(text, prev) for reader in self.readers]
        labels = list(readings[0])
        return softmax(labels, (sum(math.log(max(r[c], 1e-12)) for r in readings) / len(readings)
                                for c in labels))


def load_model(path: Path = NET_PATH, vocab: Path = VOCAB_PATH,
               linear: Path = LINEAR_PATH) -> Blend:
    """The network and the linear model; CoderModelError names a file that is bad."""
    try:
        for needed in (path, vocab):
            if not needed.is_file():
                raise FileNotFoundError(f"{needed.name} is missing")
        net = NetModel(path, vocab)
    except Exception as error:  # onnxruntime raises its own types for a damaged file
        raise CoderModelError(f"the utterance coder's model {path} cannot be read ({error}); "
                              "reinstall Rapport, or rebuild it with "
                              "'python training/train_coder.py'") from error
    try:
        return Blend(net, read_linear(linear))
    except (OSError, ValueError, KeyError, TypeError, EOFError) as error:
        raise CoderModelError(f"the utterance coder's model {linear} cannot be read "
                              f"({error}); reinstall Rapport, or rebuild it with "
                              "'python training/train_coder.py'") from error


@cache
def shared_model() -> BehaviourModel:
    """The shipped model, read once per process."""
    return load_model(NET_PATH, VOCAB_PATH, LINEAR_PATH)


def clear_cache() -> None:
    """Forget remembered readings (for benchmarks that time the network itself)."""
    _probabilities.cache_clear()


@lru_cache(maxsize=4096)
def _probabilities(model: BehaviourModel, text: str, prev: str) -> Mapping[str, float]:
    # Writers' checks and the learner's retries code the same words again and again.
    return MappingProxyType(model.probabilities(text, prev))


def _question_code(low: str) -> tuple[str, str]:
    last = [s for s in re.split(r"(?<=[.!])\s+", low) if "?" in s]
    target = (last[-1] if last else low).strip(" -\"'")
    if rules.OPEN_START.search(target):
        return "OQ", "an open question: it invites them to answer in their own words"
    if rules.CLOSED_START.search(target):
        return "CQ", "a closed question: it can be answered in a word"
    if rules.OPEN_START.search(low):
        return "OQ", "an open question: it invites them to answer in their own words"
    return "CQ", "a closed question: it can be answered in a word"


def _reflection_code(low: str, prev: str) -> tuple[str, str]:
    why = []
    heard = normalise(prev)
    if rules.DOUBLE_SIDED.search(low):
        why.append("holds both sides of what they feel")
    # A feeling counts as added meaning only if the client did not say it first.
    if any(m.group(0) not in heard for m in rules.FEELING.finditer(low)):
        why.append("names a feeling or what matters to them")
    if rules.GUESS.search(low):
        why.append("makes a guess at the meaning underneath")
    if rules.AMPLIFY.search(low) and not why:
        why.append("turns the volume up on what they said")
    if not why and prev and overlap(low, prev) < 0.35 and len(low.split()) > 6:
        why.append("says it in new words that add meaning")
    if why:
        return "CR", "a complex reflection: it " + " and ".join(why[:2])
    return "SR", "a simple reflection: it gives back what they said without adding much"


def code(text: str, prev: str = "", model: BehaviourModel | None = None) -> Coding:
    """Code one worker utterance; `prev` is the client's last line (context)."""
    model = model or shared_model()
    low = normalise(text).strip()
    probs = _probabilities(model, text, prev)
    behaviour = max(probs, key=lambda c: probs[c])
    confidence = probs[behaviour]
    reasons = [f"The model read it as {BEHAVIOUR_WORDS.get(behaviour, behaviour)} "
               f"({round(100 * confidence)}% sure)."]
    if behaviour == "other" and probs["reflection"] >= 0.2 and "?" not in low \
            and len(low.split()) >= 4 and rules.SECOND_PERSON.search(low):
        behaviour, confidence = "reflection", probs["reflection"] + probs["other"]
        reasons.append("It is a statement about them, in the second person, which is how "
                       "reflections are phrased.")
    also: list[str] = []
    if behaviour == "question":
        base, why = _question_code(low)
    elif behaviour == "reflection":
        base, why = _reflection_code(low, prev)
    elif behaviour == "therapist_input":
        if rules.PERSUADE.pattern.search(low):
            permitted = bool(rules.PERMISSION.search(low))
            base = "PWP" if permitted else "Persuade"
            why = ("persuading with permission: advice, offered after asking or leaving "
                   "them free to disagree" if permitted else
                   "persuading: " + rules.PERSUADE.reason)
        else:
            base, why = "GI", "giving information: facts offered without pushing"
    else:
        base, why = "", "no MITI behaviour: a filler, a greeting or a remark about the meeting"
    hit = rules.first(rules.MITI_RULES, low)
    # Advice is advice whatever its grammar ("you need to..." is not a reflection),
    # though a question stays a question.
    if hit is None and base not in ("Persuade", "PWP") and behaviour != "question" \
            and (rules.PERSUADE.pattern.search(low) or rules.CAVEAT.search(low)):
        if rules.PERMISSION.search(low) or rules.CAVEAT.search(low):
            base, why = "PWP", ("persuading with permission: advice, offered after asking "
                                "or leaving them free to disagree")
        else:
            hit = rules.PERSUADE
    if hit is not None and hit.label != base:
        if base:
            also.append(base)
        code_id = hit.label
        confidence = max(hit.confidence, confidence) if base == "" else hit.confidence
        reasons.append(f"Coded as {CODE_NAMES[hit.label]} because {hit.reason}"
                       + (f" (it is also {why.split(':')[0]})." if base else "."))
    else:
        code_id = base
        reasons.append(f"Coded as {why}.")
    pace = tuple(r.label for r in rules.every(rules.PACE_RULES, low))
    r4 = rules.first(rules.R4_RULES, low)
    r4_label = r4.label if r4 else None
    if r4_label is None and (code_id in ("SR", "CR") or {"empathy", "curiosity",
                                                         "acceptance"} & set(pace)):
        r4_label = "relate"
    return Coding(code_id, confidence, behaviour, probs, tuple(reasons),
                  pace, r4_label, tuple(also))
