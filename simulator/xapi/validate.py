"""Our own check of statements against the xAPI 1.0.3 data rules, run before sending.

An LRS may accept a statement the specification forbids (some are lenient), and another
LRS would then refuse the same record, so Rapport checks what it sends itself rather
than trusting whichever LRS an institution runs. The rules are those of the spec's
"Statement" section (xAPI-Data, 1.0.3): required and allowed properties of each object,
exactly one identifier per agent, IRI, mailto, UUID, ISO 8601 timestamp and duration
formats, language maps, extension keys that are IRIs, score bounds, and the
interaction-component lists allowed for each interactionType. The answer is every
problem found, each with the path to it, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from simulator.core.errors import RapportError

Problems = list[str]

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_IRL = re.compile(r"^https?://[^\s<>\"{}|\\^`/]+[^\s<>\"{}|\\^`]*$", re.IGNORECASE)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                   re.IGNORECASE)
_MBOX = re.compile(r"^mailto:[^@\s]+@[^@\s]+$")
_SHA1 = re.compile(r"^[0-9a-f]{40}$", re.IGNORECASE)
# RFC 5646 well-formed tags: language[-extlang][-script][-region][-variant]*[-ext]*[-x-...]
_LANG_TAG = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-x(?:-[A-Za-z0-9]{1,8})+)?"
    r"|x(?:-[A-Za-z0-9]{1,8})+)$")
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
_DURATION = re.compile(
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$")
_VERSION = re.compile(r"^1\.0(\.\d+)?$")

INTERACTION_TYPES = {"true-false", "choice", "fill-in", "long-fill-in", "matching",
                     "performance", "sequencing", "likert", "numeric", "other"}
_COMPONENT_LISTS = {"choices": {"choice", "sequencing"}, "scale": {"likert"},
                    "source": {"matching"}, "target": {"matching"},
                    "steps": {"performance"}}
_STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp",
                   "stored", "authority", "version", "attachments"}
_SUB_KEYS = {"objectType", "actor", "verb", "object", "result", "context", "timestamp",
             "attachments"}
_AGENT_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def is_irl(text: str) -> bool:
    """Is `text` a web address xAPI accepts as an IRL (an account's homePage, moreInfo)?"""
    return bool(_IRL.match(text))


class InvalidStatement(RapportError):
    """A statement Rapport built breaks the xAPI rules; the message lists how."""


class _Checker:
    def __init__(self) -> None:
        self.problems: Problems = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    # -- shapes ------------------------------------------------------------------------
    def mapping(self, value: Any, path: str, allowed: set[str],
                required: tuple[str, ...] = ()) -> bool:
        if not isinstance(value, Mapping):
            self.add(path, "must be an object")
            return False
        for key in value:
            if key not in allowed:
                self.add(f"{path}.{key}", "is not a property xAPI allows here")
            elif value[key] is None:
                self.add(f"{path}.{key}", "must not be null")
        for key in required:
            if key not in value:
                self.add(path, f"needs '{key}'")
        return True

    def matches(self, value: Any, path: str, pattern: re.Pattern[str], what: str) -> None:
        if value is None:
            return
        if not isinstance(value, str) or not pattern.match(value):
            self.add(path, f"must be {what} (got {value!r:.60})")

    def iri(self, value: Any, path: str) -> None:
        self.matches(value, path, _IRI, "an IRI")

    def string(self, value: Any, path: str) -> None:
        if value is not None and not isinstance(value, str):
            self.add(path, "must be a string")

    def boolean(self, value: Any, path: str) -> None:
        if value is not None and not isinstance(value, bool):
            self.add(path, "must be true or false")

    def language_map(self, value: Any, path: str) -> None:
        if value is None:
            return
        if not isinstance(value, Mapping):
            self.add(path, "must be a language map (an object of language tag: text)")
            return
        for tag, text in value.items():
            if not isinstance(tag, str) or not _LANG_TAG.match(tag):
                self.add(f"{path}.{tag}", "is not an RFC 5646 language tag")
            if not isinstance(text, str):
                self.add(f"{path}.{tag}", "must be a string")

    def extensions(self, value: Any, path: str) -> None:
        if value is None:
            return
        if not isinstance(value, Mapping):
            self.add(path, "must be an object whose keys are IRIs")
            return
        for key in value:
            if not isinstance(key, str) or not _IRI.match(key):
                self.add(f"{path}.{key}", "extension keys must be IRIs")

    # -- xAPI objects --------------------------------------------------------------------
    def agent(self, value: Any, path: str, *, group_member: bool = False) -> None:
        kind = value.get("objectType", "Agent") if isinstance(value, Mapping) else None
        if kind == "Group" and not group_member:
            self.group(value, path)
            return
        allowed = {"objectType", "name", *_AGENT_IFIS}
        if not self.mapping(value, path, allowed):
            return
        if kind != "Agent":
            self.add(f"{path}.objectType", "must be 'Agent' for an agent")
        self.string(value.get("name"), f"{path}.name")
        ifis = [key for key in _AGENT_IFIS if key in value]
        if len(ifis) != 1:
            self.add(path, "an agent needs exactly one of mbox, mbox_sha1sum, openid or "
                           f"account (has {len(ifis)})")
        self.ifi(value, path)

    def ifi(self, value: Mapping[str, Any], path: str) -> None:
        self.matches(value.get("mbox"), f"{path}.mbox", _MBOX, "a mailto: address")
        self.matches(value.get("mbox_sha1sum"), f"{path}.mbox_sha1sum", _SHA1,
                     "40 hex digits")
        self.iri(value.get("openid"), f"{path}.openid")
        if "account" in value:
            account = value["account"]
            if self.mapping(account, f"{path}.account", {"homePage", "name"},
                            ("homePage", "name")):
                self.matches(account.get("homePage"), f"{path}.account.homePage", _IRL,
                             "a web address (IRL)")
                self.string(account.get("name"), f"{path}.account.name")

    def group(self, value: Any, path: str) -> None:
        allowed = {"objectType", "name", "member", *_AGENT_IFIS}
        if not self.mapping(value, path, allowed, ("objectType",)):
            return
        ifis = [key for key in _AGENT_IFIS if key in value]
        if len(ifis) > 1:
            self.add(path, "a group may have at most one identifier")
        if not ifis and not value.get("member"):
            self.add(path, "an anonymous group needs its members")
        self.ifi(value, path)
        members = value.get("member", [])
        if not isinstance(members, list):
            self.add(f"{path}.member", "must be a list of agents")
            return
        for index, member in enumerate(members):
            self.agent(member, f"{path}.member[{index}]", group_member=True)

    def verb(self, value: Any, path: str) -> None:
        if self.mapping(value, path, {"id", "display"}, ("id",)):
            self.iri(value.get("id"), f"{path}.id")
            self.language_map(value.get("display"), f"{path}.display")

    def activity(self, value: Any, path: str) -> None:
        if not self.mapping(value, path, {"objectType", "id", "definition"}, ("id",)):
            return
        if value.get("objectType", "Activity") != "Activity":
            self.add(f"{path}.objectType", "must be 'Activity'")
        self.iri(value.get("id"), f"{path}.id")
        if "definition" in value:
            self.definition(value["definition"], f"{path}.definition")

    def definition(self, value: Any, path: str) -> None:
        allowed = {"name", "description", "type", "moreInfo", "extensions", "interactionType",
                   "correctResponsesPattern", *_COMPONENT_LISTS}
        if not self.mapping(value, path, allowed):
            return
        self.language_map(value.get("name"), f"{path}.name")
        self.language_map(value.get("description"), f"{path}.description")
        self.iri(value.get("type"), f"{path}.type")
        self.matches(value.get("moreInfo"), f"{path}.moreInfo", _IRL, "a web address (IRL)")
        self.extensions(value.get("extensions"), f"{path}.extensions")
        kind = value.get("interactionType")
        if kind is not None and kind not in INTERACTION_TYPES:
            self.add(f"{path}.interactionType", f"'{kind}' is not an xAPI interaction type")
        pattern = value.get("correctResponsesPattern")
        if pattern is not None and (not isinstance(pattern, list)
                                    or not all(isinstance(p, str) for p in pattern)):
            self.add(f"{path}.correctResponsesPattern", "must be a list of strings")
        if pattern is not None and kind is None:
            self.add(path, "correctResponsesPattern needs an interactionType")
        for key, kinds in _COMPONENT_LISTS.items():
            if key in value:
                if kind not in kinds:
                    self.add(f"{path}.{key}", f"is only allowed with interactionType "
                                              f"{' or '.join(sorted(kinds))}")
                self.components(value[key], f"{path}.{key}")

    def components(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            self.add(path, "must be a list of interaction components")
            return
        seen: set[str] = set()
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            if self.mapping(item, where, {"id", "description"}, ("id",)):
                ident = item.get("id")
                if not isinstance(ident, str) or not ident or re.search(r"\s", ident):
                    self.add(f"{where}.id", "must be a string without spaces")
                elif ident in seen:
                    self.add(f"{where}.id", f"'{ident}' is used twice")
                else:
                    seen.add(ident)
                self.language_map(item.get("description"), f"{where}.description")

    def statement_ref(self, value: Any, path: str) -> None:
        if self.mapping(value, path, {"objectType", "id"}, ("objectType", "id")):
            self.matches(value.get("id"), f"{path}.id", _UUID, "a UUID")

    def object(self, value: Any, path: str, *, sub: bool = False) -> None:
        kind = value.get("objectType", "Activity") if isinstance(value, Mapping) else None
        checks: dict[Any, Callable[[Any, str], None]] = {
            "Activity": self.activity, "Agent": self.agent, "Group": self.group,
            "StatementRef": self.statement_ref}
        if kind == "SubStatement":
            if sub:
                self.add(path, "a SubStatement cannot contain another SubStatement")
            else:
                self.body(value, path, _SUB_KEYS, sub=True)
        elif kind in checks:
            checks[kind](value, path)
        elif kind is None:
            self.add(path, "must be an object")
        else:
            self.add(f"{path}.objectType", f"'{kind}' is not an xAPI object type")

    def result(self, value: Any, path: str) -> None:
        allowed = {"score", "success", "completion", "response", "duration", "extensions"}
        if not self.mapping(value, path, allowed):
            return
        self.boolean(value.get("success"), f"{path}.success")
        self.boolean(value.get("completion"), f"{path}.completion")
        self.string(value.get("response"), f"{path}.response")
        self.matches(value.get("duration"), f"{path}.duration", _DURATION,
                     "an ISO 8601 duration such as PT4M30S")
        self.extensions(value.get("extensions"), f"{path}.extensions")
        if "score" in value:
            self.score(value["score"], f"{path}.score")

    def score(self, value: Any, path: str) -> None:
        if not self.mapping(value, path, {"scaled", "raw", "min", "max"}):
            return
        numbers = {}
        for key in ("scaled", "raw", "min", "max"):
            number = value.get(key)
            if number is None:
                continue
            if isinstance(number, bool) or not isinstance(number, int | float):
                self.add(f"{path}.{key}", "must be a number")
            else:
                numbers[key] = number
        scaled = numbers.get("scaled")
        if scaled is not None and not -1 <= scaled <= 1:
            self.add(f"{path}.scaled", f"must be between -1 and 1 (got {scaled})")
        low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
        if low is not None and high is not None and not low < high:
            self.add(path, "min must be less than max")
        if raw is not None and ((low is not None and raw < low)
                                or (high is not None and raw > high)):
            self.add(f"{path}.raw", "must lie between min and max")

    def context(self, value: Any, path: str, object_kind: str) -> None:
        allowed = {"registration", "instructor", "team", "contextActivities", "revision",
                   "platform", "language", "statement", "extensions"}
        if not self.mapping(value, path, allowed):
            return
        self.matches(value.get("registration"), f"{path}.registration", _UUID, "a UUID")
        if "instructor" in value:
            self.agent(value["instructor"], f"{path}.instructor")
        if "team" in value:
            self.group(value["team"], f"{path}.team")
        for key in ("revision", "platform"):
            self.string(value.get(key), f"{path}.{key}")
            if key in value and object_kind != "Activity":
                self.add(f"{path}.{key}", "is only allowed when the object is an activity")
        self.matches(value.get("language"), f"{path}.language", _LANG_TAG,
                     "an RFC 5646 language tag")
        if "statement" in value:
            self.statement_ref(value["statement"], f"{path}.statement")
        self.extensions(value.get("extensions"), f"{path}.extensions")
        activities = value.get("contextActivities")
        if activities is not None and self.mapping(
                activities, f"{path}.contextActivities",
                {"parent", "grouping", "category", "other"}):
            for key, items in activities.items():
                for index, item in enumerate(items if isinstance(items, list) else [items]):
                    self.activity(item, f"{path}.contextActivities.{key}[{index}]")

    def body(self, value: Any, path: str, allowed: set[str], *, sub: bool = False) -> None:
        if not self.mapping(value, path, allowed, ("actor", "verb", "object")):
            return
        if "actor" in value:
            self.agent(value["actor"], f"{path}.actor")
        if "verb" in value:
            self.verb(value["verb"], f"{path}.verb")
        if "object" in value:
            self.object(value["object"], f"{path}.object", sub=sub)
        if "result" in value:
            self.result(value["result"], f"{path}.result")
        if "context" in value:
            obj = value.get("object")
            kind = obj.get("objectType", "Activity") if isinstance(obj, Mapping) else ""
            self.context(value["context"], f"{path}.context", kind)
        self.matches(value.get("timestamp"), f"{path}.timestamp", _TIMESTAMP,
                     "an ISO 8601 time with its time zone")


def statement_problems(statement: Any) -> Problems:
    """Every way `statement` breaks the xAPI 1.0.3 rules; empty when it is valid."""
    checker = _Checker()
    checker.body(statement, "statement", _STATEMENT_KEYS)
    if isinstance(statement, Mapping):
        checker.matches(statement.get("id"), "statement.id", _UUID, "a UUID")
        checker.matches(statement.get("stored"), "statement.stored", _TIMESTAMP,
                        "an ISO 8601 time with its time zone")
        checker.matches(statement.get("version"), "statement.version", _VERSION,
                        "an xAPI 1.0.x version")
        if "authority" in statement:
            checker.agent(statement["authority"], "statement.authority")
    return checker.problems


def check_statement(statement: Any) -> None:
    """Raise `InvalidStatement` naming every problem, or return quietly."""
    problems = statement_problems(statement)
    if problems:
        raise InvalidStatement("this learning record breaks the xAPI 1.0.3 rules: "
                               + "; ".join(problems))
