"""Plain view data for presenter mode, built from a `ClassVote`: what the
presenter window draws, and nothing it has to work out itself."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core.classvote import ENDED, REVEALED, ClassVote, WhatIf

from . import words


@dataclass(frozen=True, slots=True)
class OptionRowView:
    number: int  # its place on the screen (the shuffled order, when the session has one)
    text: str
    votes: int
    highlighted: bool
    revealed: bool
    grade: str = ""  # the grade's words, when revealed
    tone: str = ""  # good / bad, when revealed
    reason: str = ""  # the option's explanation, when revealed
    chosen: bool = False  # the class's choice, when revealed


@dataclass(frozen=True, slots=True)
class Stage:
    title: str
    decision: int  # 1 for the first decision
    phase: str
    client: str  # the client's name (and age)
    cue: str
    says: str  # every line at this moment, "Name: words" for people other than the client
    expression: str
    avatar: str
    options: tuple[OptionRowView, ...]
    total: int
    hint: str
    said: str = ""  # the class's last response, so the client's reply has its context
    ending_title: str = ""
    ending_outcome: str = ""
    debrief: str = ""


def _hint(vote: ClassVote) -> str:
    if vote.phase == ENDED:
        return "The conversation has ended and is saved.  Esc: leave presenter mode"
    if vote.phase == REVEALED:
        tied = vote.tied()
        tie = (f"Tie between {', '.join(map(str, tied))}: the highlighted one is played.  "
               if tied else "")
        return (f"{tie}Enter or Page Down: play the class's choice  ·  ↑↓: highlight  ·  "
                "W: what would have happened  ·  Page Up: back to the vote")
    return ("Type the votes for the highlighted response  ·  ←→: one fewer/more  ·  "
            "↑↓ or Page Up/Down: next response  ·  Enter: reveal  ·  T: timer")


def stage(vote: ClassVote) -> Stage:
    session = vote.session
    scenario = session.scenario
    client = scenario.client
    name = client.name + (f", {client.age}" if client.age else "")
    ending = session.ending
    node = session.node
    lines = ending.lines if ending is not None else node.lines if node is not None else ()
    said = []
    cue = ""
    for line in lines:
        if line.speaker == "client":
            said.append(line.text)
            cue = cue or line.cue
        else:
            said.append(f"{scenario.speaker_name(line.speaker)}: {line.text}")
    expression = (ending.expression if ending is not None else node.expression if node
                  is not None else None)
    from .expression import expression_for

    ranges = {vid: (var.minimum, var.maximum) for vid, var in scenario.state.items()}
    expression = expression_for(expression, session.values, ranges)
    revealed = vote.phase == REVEALED
    choice = vote.class_choice() if revealed else 0
    rows = []
    shown = vote.order if node is not None and ending is None else ()
    for place, number in enumerate(shown, start=1):
        option = node.options[number - 1]  # type: ignore[union-attr]
        rows.append(OptionRowView(
            place, option.text, vote.count(place), place == vote.highlighted, revealed,
            words.GRADE_SHORT.get(option.grade, option.grade) if revealed else "",
            words.GRADE_TONES.get(option.grade, "bad") if revealed else "",
            option.explain if revealed else "", place == choice))
    return Stage(scenario.title, len(session.turns) + 1, vote.phase, name, cue,
                 "\n".join(said), expression, client.avatar, tuple(rows), vote.total,
                 _hint(vote),
                 session.turns[-1].option(scenario).text if session.turns else "",
                 ending.title if ending else "",
                 words.OUTCOMES.get(ending.outcome, ending.outcome) if ending else "",
                 ending.debrief if ending else "")


def what_if_text(vote: ClassVote, what: WhatIf) -> tuple[str, str]:
    """A heading and the words, for the "what would have happened" panel."""
    scenario = vote.session.scenario
    text = "\n".join(line.text if line.speaker == "client" else
                     f"{scenario.speaker_name(line.speaker)}: {line.text}"
                     for line in what.lines)
    if what.ending_title:
        outcome = words.OUTCOMES.get(what.ending_outcome, what.ending_outcome)
        text = (text + "\n" if text else "") + f"The conversation would have ended: " \
            f"{what.ending_title} ({outcome})."
    return f"If the class had chosen {what.option}, {scenario.client.name} would say:", text
