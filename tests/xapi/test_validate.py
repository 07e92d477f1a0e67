"""Our xAPI 1.0.3 check: every statement Rapport builds passes, and broken ones are named."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest

from simulator.core.loader import load_scenario
from simulator.core.report import build_report
from simulator.core.routes import strategy, walk
from simulator.core.session import Session
from simulator.xapi.actor import build_actor
from simulator.xapi.statements import session_statements
from simulator.xapi.validate import InvalidStatement, check_statement, statement_problems

from .helpers import LEARNER, ROOT_SCENARIOS

GOOD: dict[str, Any] = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "actor": {"objectType": "Agent", "name": "Ann",
              "account": {"homePage": "https://www.example.edu", "name": "s1"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-GB": "answered"}},
    "object": {"objectType": "Activity", "id": "https://rapport.invalid/xapi/scenarios/x",
               "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                              "interactionType": "choice",
                              "correctResponsesPattern": ["option-1"],
                              "choices": [{"id": "option-1", "description": {"en": "Yes"}},
                                          {"id": "option-2", "description": {"en": "No"}}]}},
    "result": {"response": "option-1", "success": True, "duration": "PT1M30.5S",
               "score": {"scaled": -0.5, "raw": 1, "min": 0, "max": 3},
               "extensions": {"https://rapport.invalid/xapi/extensions/grade": "best"}},
    "context": {"registration": "9a0a3b6c-0ee4-4f4d-8d4f-7f7a0a0a0a0a", "platform": "Rapport",
                "language": "en", "contextActivities": {
                    "parent": {"id": "https://rapport.invalid/xapi/scenarios/x"}}},
    "timestamp": "2026-12-03T05:00:00.123+00:00",
    "version": "1.0.3",
}


def broken(path: str, value: Any) -> dict[str, Any]:
    """GOOD with the property at dotted `path` set to `value` (or removed if value is ...)."""
    statement = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target = statement
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return statement


def test_a_complete_statement_passes() -> None:
    assert statement_problems(GOOD) == []
    check_statement(GOOD)


@pytest.mark.parametrize(("path", "value", "expected"), [
    ("actor", ..., "statement: needs 'actor'"),
    ("verb.id", "answered", "statement.verb.id: must be an IRI"),
    ("id", "12345", "statement.id: must be a UUID"),
    ("actor.mbox", "mailto:ann@example.edu",
     "an agent needs exactly one of mbox, mbox_sha1sum, openid or account (has 2)"),
    ("actor.account", ..., "an agent needs exactly one of"),
    ("actor.account.homePage", "www.example.edu", "must be a web address (IRL)"),
    ("actor.account.name", ..., "statement.actor.account: needs 'name'"),
    ("actor.objectType", "Person", "must be 'Agent'"),
    ("result.score.scaled", 1.5, "must be between -1 and 1 (got 1.5)"),
    ("result.score.raw", 4, "statement.result.score.raw: must lie between min and max"),
    ("result.score.min", 3, "min must be less than max"),
    ("result.success", "yes", "statement.result.success: must be true or false"),
    ("result.duration", "90 seconds", "must be an ISO 8601 duration"),
    ("result.duration", "PT", "must be an ISO 8601 duration"),
    ("result.extensions", {"grade": "best"}, "extension keys must be IRIs"),
    ("verb.display", {"en_GB": "answered"}, "is not an RFC 5646 language tag"),
    ("verb.display", "answered", "must be a language map"),
    ("timestamp", "2026-12-03T05:00:00", "must be an ISO 8601 time with its time zone"),
    ("timestamp", "yesterday", "must be an ISO 8601 time with its time zone"),
    ("version", "2.0.0", "must be an xAPI 1.0.x version"),
    ("object.definition.interactionType", "multiple", "is not an xAPI interaction type"),
    ("object.definition.interactionType", "true-false",
     "choices: is only allowed with interactionType choice or sequencing"),
    ("object.definition.choices", [{"id": "option 1"}], "must be a string without spaces"),
    ("object.definition.choices", [{"id": "a"}, {"id": "a"}], "'a' is used twice"),
    ("object.objectType", "Thing", "'Thing' is not an xAPI object type"),
    ("context.registration", "session-1", "statement.context.registration: must be a UUID"),
    ("context.language", "English (UK)", "must be an RFC 5646 language tag"),
    ("result.mood", "good", "statement.result.mood: is not a property xAPI allows here"),
    ("result.response", None, "statement.result.response: must not be null"),
    ("context.contextActivities.parent", {"name": "x"}, "needs 'id'"),
])
def test_each_broken_rule_is_named(path: str, value: Any, expected: str) -> None:
    problems = statement_problems(broken(path, value))
    assert any(expected in problem for problem in problems), problems
    with pytest.raises(InvalidStatement, match=r"breaks the xAPI 1\.0\.3 rules"):
        check_statement(broken(path, value))


def test_platform_is_refused_when_the_object_is_not_an_activity() -> None:
    statement = broken("object", {"objectType": "StatementRef",
                                  "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0"})
    assert "statement.context.platform: is only allowed when the object is an activity" \
        in statement_problems(statement)


def test_a_substatement_may_not_hold_another() -> None:
    inner = {"objectType": "SubStatement", "actor": GOOD["actor"], "verb": GOOD["verb"],
             "object": {"objectType": "SubStatement", "actor": GOOD["actor"],
                        "verb": GOOD["verb"], "object": GOOD["object"]}}
    problems = statement_problems(broken("object", inner))
    assert "statement.object.object: a SubStatement cannot contain another SubStatement" \
        in problems
    allowed = broken("object", dict(inner, object=GOOD["object"]))
    del allowed["context"]  # platform is for activities only
    assert statement_problems(allowed) == []


def test_every_problem_is_reported_not_just_the_first() -> None:
    statement = broken("result.score.scaled", 2)
    statement["id"] = "nope"
    statement["timestamp"] = "soon"
    assert len(statement_problems(statement)) == 3


def test_an_anonymous_group_needs_members() -> None:
    problems = statement_problems(broken("context.team", {"objectType": "Group"}))
    assert "statement.context.team: an anonymous group needs its members" in problems


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(ROOT_SCENARIOS.glob("[!_]*.yaml")),
                         ids=lambda p: p.stem)
def test_every_statement_of_every_library_scenario_is_valid(path) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(path)
    for name in ("best", "worst"):
        with Session(scenario) as session:
            walk(session, [], strategy(name, 0))
            report = build_report(session)
        statements = session_statements(report, uuid.uuid4().hex, build_actor(LEARNER),
                                        started_at="2026-12-03T05:00:00+00:00",
                                        now="2026-12-03T05:09:00.250+00:00",
                                        duration="PT9M")
        assert [statement_problems(s) for s in statements] == [[]] * len(statements)


def test_a_free_text_answer_carries_the_learners_words_and_how_they_were_read() -> None:
    """In free-text mode the record must hold what the learner wrote, not the written
    option it was matched to, and say how it was coded."""
    from simulator.core.freetext import answer
    from simulator.xapi.vocab import extension

    from .helpers import MINI

    scenario = load_scenario(MINI)
    with Session(scenario) as session:
        said = answer(session.node, "You'd rather be anywhere but this room.")
        session.choose(said.match.option, said=said)
        report = build_report(session)
    actor = build_actor(LEARNER)
    built = session_statements(report, "s-1", actor, started_at="2026-12-03T10:00:00+00:00",
                               now="2026-12-03T10:01:00+00:00")
    answered = [s for s in built if s["verb"]["id"].endswith("/answered")]
    assert len(answered) == 1
    extensions = answered[0]["result"]["extensions"]
    assert extensions[extension("response-text")] == "You'd rather be anywhere but this room."
    read = extensions[extension("free-text")]
    assert read["matched-text"] == "You'd rather be anywhere but here."
    assert read["coding"]["code"] in ("SR", "CR")  # read as a reflection, as written
    assert all(statement_problems(s) == [] for s in built)
