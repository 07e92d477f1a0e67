"""The hand-written layer of the utterance coder: what AnnoMI does not label.

AnnoMI marks only question / reflection / input / other, so affirming, seeking
collaboration, emphasising autonomy, confronting and persuading, the question
and reflection sub-types, PACE and the 4 R's are read here from phrases a
trainer would point at. Each rule carries the plain words shown to the learner
as the reason, so a code is never given without a why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    label: str
    pattern: re.Pattern[str]
    reason: str
    confidence: float = 0.8


def _rule(label: str, phrases: Sequence[str], reason: str, confidence: float = 0.8) -> Rule:
    joined = "|".join(phrases)
    return Rule(label, re.compile(rf"(?:^|\b)(?:{joined})(?:\b|$)"), reason, confidence)


# MITI codes AnnoMI does not label, most telling first: a confrontation inside a
# question is still a confrontation.
MITI_RULES: tuple[Rule, ...] = (
    _rule("Confront", [
        r"(?:you (?:need|have|ought) to|you must|you should|just|start) be honest",
        r"be honest with (?:me|yourself|us)",
        r"you'?re (?:lying|in denial|an? (?:alcoholic|addict|liar|bad))",
        r"that'?s (?:not true|a lie|rubbish|nonsense|ridiculous)", r"stop (?:making excuses|lying)",
        r"you should be ashamed", r"should know better", r"whose fault", r"your own fault",
        r"nobody (?:gets|believes)", r"i don'?t believe you", r"don'?t (?:lie|be silly)",
        r"you (?:only|just) have yourself to blame", r"you brought this on yourself",
        r"if you don'?t[^.?!]{0,40}(?:i'?ll have to|i will have to|you'?ll (?:lose|end up|be)|"
        r"we will have to)",
        r"you (?:always|never) (?:do|listen|think|care)", r"grow up",
        r"why (?:are|do) you always", r"you'?re always so", r"pull yourself together",
        r"what did you expect", r"excuses", r"come off it", r"get real",
    ], "it argues, warns, labels or doubts their honesty", 0.85),
    _rule("Emphasize", [
        r"(?:it'?s|that'?s) (?:entirely |completely |really )?(?:your|up to you)",
        r"up to you", r"your (?:choice|decision|call)", r"you decide", r"you get to decide",
        r"nobody can make you", r"no one can make you", r"you don'?t have to",
        r"you'?re the (?:one|expert)", r"whatever you decide", r"you'?re free to",
        r"in charge of", r"your life", r"only you can",
    ], "it makes clear the choice is theirs"),
    _rule("AF", [
        r"well done", r"took (?:real )?(?:courage|guts)", r"that takes (?:courage|guts)",
        r"you'?ve (?:done|managed|worked|kept|made it|come)",
        r"you (?:clearly |really )?care (?:about|for|a lot)", r"(?:that|it) shows",
        r"i (?:really )?(?:appreciate|respect|admire)", r"credit to you", r"good on you",
        r"you'?re (?:someone|a person) who", r"you did (?:well|great|that)", r"proud of you",
        r"(?:a|real) strength", r"you'?re (?:brave|strong|determined|a good)",
        r"thank you for (?:telling|being|coming|trusting|sharing)",
    ], "it recognises a real strength or effort of theirs"),
    _rule("Seek", [
        r"what do you (?:think|reckon) (?:we|i|should|would help|about (?:the|this|that|our) "
        r"plan)", r"what would (?:help|work|you like)",
        r"how would you like", r"what (?:ideas|thoughts) do you", r"where would you like",
        r"shall we", r"could we", r"can we", r"together", r"would it be (?:ok|okay|alright) if",
        r"is it (?:ok|okay|alright) if", r"do you mind if", r"your (?:view|ideas|say)",
        r"what matters (?:most )?to you", r"what would you want", r"work (?:this|it) out",
        r"how can i help", r"what do you need from me",
    ], "it shares power by asking their view or ideas", 0.75),
)
PERMISSION = re.compile(
    r"(?:would it be (?:ok|okay|alright)|is it (?:ok|okay|alright)|can i (?:share|suggest|"
    r"tell|offer)|do you mind if|may i|would you like (?:to hear|me to)|up to you|"
    r"see what you think|you might (?:disagree|not agree)|if you want)")
# An opinion offered with the freedom to disagree is persuading with permission,
# even without "you should" in it.
CAVEAT = re.compile(r"(?:you (?:might|may) (?:disagree|not agree)|see what you think|"
                    r"take it or leave it|this (?:might|may) not (?:fit|suit) you)")
PERSUADE = _rule("Persuade", [
    r"you (?:really )?(?:should|need to|ought to|have to|must|'d better|had better)",
    r"why don'?t you", r"if i were you", r"the best thing (?:is|would be|to do)",
    r"you'?d be better off", r"it'?s time (?:to|you)", r"i'?d (?:recommend|advise|suggest)",
    r"my advice", r"try to", r"make sure you", r"just (?:stop|go|do|tell|get)",
], "it gives advice or an argument meant to change their mind", 0.75)

# A statement about the other person in the second person is how reflections are
# phrased; AnnoMI's "other" holds fillers and greetings, which are not.
SECOND_PERSON = re.compile(
    r"^(?:(?:so|and|okay|ok|well|right|yeah|mm),?\s+)*"
    r"(?:you(?:'re|'d|'ve|'ll)?(?! know\b| see\b| guys\b)|your|"
    r"it sounds|sounds like|it seems|part of you|for you)\b")
OPEN_START = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|right),?\s+)*(?:what|how|why|tell me|describe|"
    r"help me understand|talk me through|walk me through|in what way|which|where|who|when"
    r"|i'?m wondering|i wonder)\b")
CLOSED_START = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|right),?\s+)*(?:is|are|was|were|do|does|did|have|has|"
    r"had|can|could|will|would|should|shall|may|might|am|isn'?t|aren'?t|don'?t|didn'?t|"
    r"won'?t|wouldn'?t|haven'?t)\b")

FEELING = re.compile(
    r"\b(?:feel(?:s|ing)?|felt|angry|scared|afraid|frightened|worried|hurt|ashamed|"
    r"embarrass\w*|frustrat\w*|fed up|sad|lonely|alone|upset|exhausted|tired|humiliat\w*|"
    r"betrayed|trapped|furious|guilty|anxious|nervous|unfair|powerless|overwhelm\w*|"
    r"hopeless|helpless|stuck|judged|proud|relieved|terrif\w*|gutted|sick of|hate|"
    r"care|matters?|important|want(?:s|ed)? (?:to|the|your))\b")
DOUBLE_SIDED = re.compile(
    r"\b(?:on (?:the )?one hand|part of you|and yet|and at the same time|but at the same "
    r"time|and also|even though|on the other hand|but also|while also)\b")
AMPLIFY = re.compile(r"\b(?:never|always|nothing|everything|everyone|nobody|no one|all|"
                     r"completely|totally|whole|at all)\b")
GUESS = re.compile(r"\b(?:sounds? like|seems? like|it'?s as if|i guess|i imagine|"
                   r"i get the sense|i'?m getting|what i'?m hearing|you'?re wondering|"
                   r"you'?re worried|maybe|perhaps|could be)\b")

PACE_RULES: tuple[Rule, ...] = (
    _rule("playfulness", [r"haha", r"ha ha", r"cheeky", r"race you", r"bet you", r"deal\?",
                          r"high five", r"silly me", r"i'?ll let you win", r"joke"],
          "a light, warm touch"),
    _rule("acceptance", [r"makes sense", r"it'?s (?:ok|okay|alright|fine) to (?:feel|be)",
                         r"of course you", r"anyone would", r"no wonder",
                         r"you'?re allowed to", r"fair enough", r"i can see why",
                         r"it feels like you"],
          "it accepts the feeling without judging it"),
    _rule("curiosity", [r"i wonder", r"i'?m wondering", r"could it be", r"i'?m curious",
                        r"help me understand", r"tell me if i'?m", r"tell me more",
                        r"i'?d like to understand", r"what was that like", r"i'?m guessing"],
          "it wonders gently about what lies behind it"),
    _rule("empathy", [r"must be (?:so |really )?(?:hard|awful|difficult|scary|painful|"
                      r"frightening|exhausting|lonely)", r"sounds (?:so |really )?(?:hard|"
                      r"awful|difficult|scary|painful|frightening|exhausting|lonely|"
                      r"horrible)", r"i'?m (?:so |really )?sorry", r"that'?s (?:so |really )?"
                      r"(?:hard|awful|tough|painful)", r"no one should have to",
                      r"i can hear how", r"you'?ve been through"],
          "it names the distress and stays with it"),
    _rule("sarcasm", [r"yeah,? right", r"oh,? (?:great|brilliant|lovely)", r"poor you",
                      r"boo hoo", r"big deal", r"whatever you say"],
          "it mocks or makes light of something serious"),
    _rule("denies_feeling", [r"you don'?t (?:really )?(?:hate|mean|feel)", r"don'?t be silly",
                             r"there'?s no need to be", r"you shouldn'?t feel",
                             r"you'?re not (?:really )?(?:angry|upset|scared)",
                             r"don'?t be (?:upset|angry|sad)", r"no reason to be"],
          "it argues with what they feel"),
    _rule("interrogating", [r"why (?:did|would|do|are|were|didn'?t|don'?t|can'?t|won'?t|"
                            r"aren'?t) you",
                            r"what were you thinking", r"explain yourself",
                            r"what'?s wrong with you"],
          "it demands a justification"),
    _rule("minimising", [r"life'?s (?:not fair|unfair)", r"it'?s not that bad",
                         r"at least", r"calm down", r"get over", r"should be grateful",
                         r"could be worse", r"worse off", r"it'?s only", r"no big deal",
                         r"cheer up", r"move on"],
          "it skips past the hurt"),
)

R4_RULES: tuple[Rule, ...] = (
    _rule("repair", [r"i'?m sorry (?:i|that i|for)", r"i got that wrong", r"i shouldn'?t have",
                     r"came out wrong", r"that wasn'?t fair of me", r"i was wrong",
                     r"we'?re (?:still )?(?:ok|okay|alright)", r"i'?m still here",
                     r"let me try that again", r"i apologi[sz]e"],
          "it mends the relationship after a break"),
    _rule("regulate", [r"take a (?:breath|moment|minute|second)", r"slow (?:down|things)",
                       r"you'?re safe", r"no rush", r"take your time", r"let'?s pause",
                       r"breathe", r"sit (?:down|with me)", r"step outside",
                       r"a glass of water", r"we can stop", r"let'?s stop"],
          "it helps them calm down first"),
    _rule("reason", [r"\bplan\b", r"next time", r"consequence", r"what (?:could|can|will) "
                     r"you do", r"what happens if", r"let'?s (?:think|work out|look at)",
                     r"options", r"the (?:court|order|report|rules?)", r"step(?:s)? ",
                     r"goal", r"deadline", r"by (?:monday|tuesday|wednesday|thursday|friday|"
                     r"next week|tomorrow)"],
          "it talks through plans or consequences"),
)


def first(rules: Sequence[Rule], text: str) -> Rule | None:
    return next((r for r in rules if r.pattern.search(text)), None)


def every(rules: Sequence[Rule], text: str) -> list[Rule]:
    return [r for r in rules if r.pattern.search(text)]
