"""The declared shape of a scenario file (see `schema.py` for the machinery).

Docstrings here are shown to writers: as hints when a required key is missing,
and as descriptions in the editor schema.
"""

from __future__ import annotations

from .model import (
    AVATARS,
    DIFFICULTIES,
    EXPRESSIONS,
    GRADES,
    OUTCOMES,
    RESISTANCE_TYPES,
    SETTINGS,
)
from .schema import (
    AnyOf,
    Choice,
    Flag,
    Identifier,
    Key,
    ListOf,
    MapOf,
    Number,
    Record,
    Scalar,
    Text,
)

PERSON_KEYS = {
    "name": Key(Text(doc="the name the learner sees, e.g. 'Dave'"), required=True),
    "role": Key(Text(doc="e.g. 'group member', 'mother of two'")),
    "age": Key(Number(integer=True, minimum=0, maximum=120, doc="age in years")),
    "avatar": Key(Choice(AVATARS, doc="which face set to draw")),
}

PERSON = Record(PERSON_KEYS, doc="another person present, who may speak")
CLIENT = Record(
    {**PERSON_KEYS, "background": Key(Text(doc="what the worker knows before meeting them"),
                                      required=True)},
    doc="the client the learner is talking to",
)

STATE_VAR = Record(
    {
        "start": Key(Number(doc="the value at the start, e.g. 3"), required=True),
        "min": Key(Number(doc="the lowest value, e.g. 0")),
        "max": Key(Number(doc="the highest value, e.g. 10")),
        "label": Key(Text(doc="the name shown on the meter, e.g. 'Trust'")),
        "description": Key(Text(doc="what this variable means, for other writers")),
        "hidden": Key(Flag(doc="true to keep it off the meters while the learner plays "
                           "(only trust and arousal have meters)")),
    },
    doc="a variable of the client's state; min 0 and max 10 unless given",
)

LINE = Record(
    {
        "speaker": Key(Identifier(doc="'client' or a name from 'people'")),
        "says": Key(Text(doc="what they say"), required=True),
        "cue": Key(Text(doc="what the learner sees them do, e.g. 'looks at the floor'")),
    },
    doc="one thing someone says",
)

CODES = MapOf(
    ListOf(Text(), scalar_ok=True, doc="one label, or a list of labels"),
    noun="framework",
    doc="the framework codes of this response, e.g. {mi: CR, pace: [empathy], r4: relate}",
)

IF = Key(Text(doc="a condition on the state, e.g. 'arousal >= 7 and trust < 3'"))
GOTO = Identifier(doc="the node or ending to go to")

BRANCH = Record(
    {
        "if": IF,
        "goto": Key(GOTO),
        "use": Key(Identifier(doc="the name of a set under 'branch_sets': its branches go "
                              "here, in order")),
    },
    doc="go to 'goto' when 'if' holds (the last branch has no 'if': it is the 'otherwise'); "
        "or 'use' a named branch set",
)

SET_BRANCH = Record(
    {"if": IF, "goto": Key(GOTO, required=True)},
    doc="go to 'goto' when 'if' holds (the last branch has no 'if': it is the 'otherwise')",
)

NEXT = AnyOf(
    {"scalar": Identifier(doc="the node or ending to go to"),
     "seq": ListOf(BRANCH, min_items=1, noun="branch")},
    expected="a node name or a list of branches",
    doc="where the conversation goes after this response",
)

EFFECTS = MapOf(
    Scalar(doc="a number such as 2 or -1 to add, or '= 5' to set"),
    noun="variable",
    doc="how this response changes the state, e.g. {trust: 1, arousal: -2}",
)

OPTION = Record(
    {
        "text": Key(Text(doc="the words the learner chooses to say"), required=True),
        "grade": Key(Choice(GRADES, doc="best, acceptable, unhelpful or harmful"), required=True),
        "codes": Key(CODES, required=True),
        "effects": Key(EFFECTS),
        "explain": Key(Text(doc="the feedback: why this response helps or hurts"),
                       required=True),
        "next": Key(NEXT, required=True),
        "colludes": Key(Flag(doc="true when the response sides with the client's account "
                             "against the truth or the person at risk (collusion); the "
                             "report counts it apart from the MI figures")),
        "keep_place": Key(Flag(doc="true to show this response where it is in the file; "
                               "the others are shuffled for each attempt")),
        "safety_failure": Key(Text(doc="why choosing this response fails the client or a "
                                   "child on safety, e.g. 'agrees to keep a bruise secret'; "
                                   "the report calls it out and caps the score")),
    },
    doc="a response the learner can choose",
)

NODE = Record(
    {
        "speaker": Key(Identifier(doc="'client' (the default) or a name from 'people'")),
        "says": Key(Text(doc="what they say")),
        "cue": Key(Text(doc="what the learner sees them do")),
        "lines": Key(ListOf(LINE, min_items=1, noun="line",
                            doc="several people speaking, in order")),
        "expression": Key(Choice(EXPRESSIONS, doc="the client's face; by default it follows "
                                 "their state")),
        "rupture": Key(Flag(doc="true when the client is reacting to a break in the "
                            "relationship (Repair fits here)")),
        "options": Key(ListOf(OPTION, min_items=1, noun="option",
                              doc="the responses the learner can choose"), required=True),
    },
    doc="a moment in the conversation: someone speaks, the learner responds",
)

DEBRIEF_PART = Record(
    {"if": IF,
     "text": Key(Text(doc="the debrief when 'if' holds at the end"), required=True)},
    doc="one version of the debrief (the last has no 'if': it is the 'otherwise')",
)

DEBRIEF = AnyOf(
    {"scalar": Text(doc="what the learner should take away from this ending"),
     "seq": ListOf(DEBRIEF_PART, min_items=1, noun="version")},
    expected="a text or a list of versions with 'if' and 'text'",
    doc="what the learner should take away; a list of versions with 'if' to fit the debrief "
        "to how the conversation went",
)

ENDING = Record(
    {
        "title": Key(Text(doc="e.g. 'A door left open'"), required=True),
        "outcome": Key(Choice(OUTCOMES, doc="engaged, partial, disengaged, escalated or "
                              "colluded"),
                       required=True),
        "debrief": Key(DEBRIEF, required=True),
        "says": Key(Text(doc="the client's last words")),
        "cue": Key(Text(doc="what the learner sees at the end")),
        "expression": Key(Choice(EXPRESSIONS)),
    },
    doc="one way the conversation can end",
)

SCENARIO = Record(
    {
        "id": Key(Identifier(doc="a short unique name, e.g. dui-group"), required=True),
        "title": Key(Text(doc="the title on the library card"), required=True),
        "summary": Key(Text(doc="one or two sentences for the library card")),
        "setting": Key(Choice(SETTINGS, doc="the practice setting"), required=True),
        "difficulty": Key(Choice(DIFFICULTIES), required=True),
        "minutes": Key(Number(integer=True, minimum=1, maximum=240,
                              doc="typical minutes to play")),
        "frameworks": Key(ListOf(Identifier(), min_items=1,
                                 doc="what it is scored on, e.g. [mi, pace, r4]"),
                          required=True),
        "resistance": Key(ListOf(Choice(RESISTANCE_TYPES), min_items=1,
                                 doc="the kinds of resistance the client shows"),
                          required=True),
        "client": Key(CLIENT, required=True),
        "people": Key(MapOf(PERSON, noun="person", doc="other people present")),
        "briefing": Key(Text(doc="what the learner reads before starting"), required=True),
        "objectives": Key(ListOf(Text(), min_items=1, doc="learning objectives"),
                          required=True),
        "content_notes": Key(ListOf(Text(), doc="distressing material the learner should "
                                    "know about before starting")),
        "state": Key(MapOf(STATE_VAR, noun="variable", min_items=2,
                           doc="the client's state; trust and arousal are required"),
                     required=True),
        "branch_sets": Key(MapOf(ListOf(SET_BRANCH, min_items=1, noun="branch"),
                                 noun="branch set",
                                 doc="named lists of branches that several options share: "
                                     "write 'next: [{use: NAME}]'")),
        "start": Key(Identifier(doc="the first node"), required=True),
        "nodes": Key(MapOf(NODE, noun="node", min_items=1), required=True),
        "endings": Key(MapOf(ENDING, noun="ending", min_items=1), required=True),
    },
    doc="a Rapport scenario",
)
