"""Generate large, valid scenario files for benchmarks.

The shape mimics a real scenario: every node has three responses (best,
unhelpful, harmful) coded on MI, PACE and the 4 R's, with effects on trust and
arousal and conditional branches on the state. Node i always leads on to node
i + 1 (so every node is reachable) and the last node leads only to endings (so
every node can finish); conditions send the conversation to the walk-out or
disengaged endings, or jump ahead a few nodes, when the state calls for it.
"""

from __future__ import annotations

import random

_SAYS = (
    "I don't see why I have to be here.",
    "You people always say the same thing.",
    "Fine. Ask your questions.",
    "It's not my fault, whatever they told you.",
    "I've got better things to do.",
    "Nobody listens anyway.",
)
_CUES = ("arms folded", "looks at the door", "taps the table", "stares at the floor", "")
_BEST = (
    ("You'd rather be anywhere but here.", "CR", "regulate"),
    ("You came anyway, even though it feels pointless.", "AF", "relate"),
    ("What would make this hour worth your while?", "Seek", "relate"),
    ("It's your call what we talk about first.", "Emphasize", "regulate"),
)
_UNHELPFUL = (
    ("Have you been drinking today?", "CQ"),
    ("Did you read the letter we sent?", "CQ"),
    ("The meeting lasts an hour.", "GI"),
)
_HARMFUL = (
    ("Why are you always so negative?", "Confront", "interrogating"),
    ("You need to take this seriously.", "Persuade", "denies_feeling"),
    ("That attitude won't help you in court.", "Confront", "sarcasm"),
)
ENDINGS = {
    "engaged": ("Talking", "engaged", "You kept them talking."),
    "partial": ("Still here", "partial", "They stayed, barely."),
    "disengaged": ("Shut down", "disengaged", "They stopped talking to you."),
    "walkout": ("Walked out", "escalated", "They left the room."),
}


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node(lines: list[str], index: int, n_nodes: int, rng: random.Random,
          turn_conditions: bool) -> None:
    last = index == n_nodes - 1
    following = "engaged" if last else f"n{index + 1}"
    ahead = "partial" if last else f"n{min(n_nodes - 1, index + rng.randint(1, 5))}"
    best_text, best_mi, best_r4 = rng.choice(_BEST)
    worse_text, worse_mi = rng.choice(_UNHELPFUL)
    harm_text, harm_mi, harm_pace = rng.choice(_HARMFUL)
    cue = rng.choice(_CUES)
    lines.append(f"  n{index}:")
    lines.append(f"    says: {_q(rng.choice(_SAYS) + f' ({index})')}")
    if cue:
        lines.append(f"    cue: {cue}")
    lines += [
        "    options:",
        f"      - text: {_q(best_text)}",
        "        grade: best",
        f"        codes: {{mi: {best_mi}, pace: [acceptance, empathy], r4: {best_r4}}}",
        "        effects: {trust: 1, arousal: -1}",
        "        explain: Meets the feeling first.",
        "        next:",
        "          - if: trust >= 9 and arousal <= 3",
        "            goto: engaged",
        f"          - goto: {following}",
        f"      - text: {_q(worse_text)}",
        "        grade: unhelpful",
        f"        codes: {{mi: {worse_mi}}}",
        "        effects: {arousal: 1}",
        "        explain: A closed question that changes the subject.",
        "        next:",
        "          - if: trust >= 6" + (" and turn > 3" if turn_conditions else ""),
        f"            goto: {ahead}",
        f"          - goto: {'partial' if last else following}",
        f"      - text: {_q(harm_text)}",
        "        grade: harmful",
        f"        codes: {{mi: {harm_mi}, pace: [{harm_pace}], r4: reason}}",
        "        effects: {trust: -2, arousal: 2}",
        "        explain: Argues, which draws out more resistance.",
        "        next:",
        "          - if: arousal >= 9",
        "            goto: walkout",
        "          - if: trust <= 1",
        "            goto: disengaged",
        f"          - goto: {'partial' if last else following}",
    ]


def generate_scenario(n_nodes: int, seed: int = 0, *, turn_conditions: bool = True) -> str:
    """A valid scenario of `n_nodes` nodes as YAML text; the same text for the same seed.

    With `turn_conditions` False no condition uses the built-in 'turn' (most
    hand-written scenarios do not), which changes how the lint searches states.
    """
    if n_nodes < 1:
        raise ValueError("a scenario needs at least one node")
    rng = random.Random(seed)
    lines = [
        f"id: generated-{n_nodes}-{seed}",
        f"title: Generated scenario of {n_nodes} nodes",
        "summary: Made by benchmarks/generate.py to measure the core.",
        "setting: criminal_justice",
        "difficulty: intermediate",
        "frameworks: [mi, pace, r4]",
        "resistance: [confrontation, avoidance]",
        "client:",
        "  name: Sam",
        "  age: 30",
        "  background: Sent by the court.",
        "briefing: A generated conversation for benchmarks.",
        "objectives: [Reflect before asking]",
        "state:",
        "  trust: {start: 3}",
        "  arousal: {start: 6}",
        "start: n0",
        "nodes:",
    ]
    for index in range(n_nodes):
        _node(lines, index, n_nodes, rng, turn_conditions)
    lines.append("endings:")
    for eid, (title, outcome, debrief) in ENDINGS.items():
        lines += [f"  {eid}:", f"    title: {title}", f"    outcome: {outcome}",
                  f"    debrief: {debrief}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a convenience for looking at the output
    import sys

    sys.stdout.write(generate_scenario(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
