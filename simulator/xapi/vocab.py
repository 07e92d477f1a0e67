"""The fixed words of Rapport's statements: verbs, activity types and our own IRIs.

Activity and extension IRIs hang off one base so an LRS groups every Rapport record
together and a scenario keeps the same activity id on every machine and in every
version (it is built from the scenario id, never from a file path). The base uses the
reserved ``.invalid`` domain (RFC 6761): it is a name, not a page, and can never
collide with an address someone really owns.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

XAPI_VERSION = "1.0.3"
IRI_BASE = "https://rapport.invalid/xapi"
LANGUAGE = "en"
PLATFORM = "Rapport"

# Statement ids are uuid5 names under this namespace, so building a session's
# statements twice gives the same ids and resending one can never record it twice.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, IRI_BASE)

_ADL = "http://adlnet.gov/expapi"
VERBS = {
    "initialized": f"{_ADL}/verbs/initialized",
    "answered": f"{_ADL}/verbs/answered",
    "completed": f"{_ADL}/verbs/completed",
    "terminated": f"{_ADL}/verbs/terminated",
    "voided": f"{_ADL}/verbs/voided",
}
SIMULATION = f"{_ADL}/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def _segment(text: str) -> str:
    return quote(text, safe="-._~")


def scenario_iri(scenario_id: str) -> str:
    return f"{IRI_BASE}/scenarios/{_segment(scenario_id)}"


def node_iri(scenario_id: str, node_id: str) -> str:
    return f"{scenario_iri(scenario_id)}/nodes/{_segment(node_id)}"


def extension(name: str) -> str:
    """The IRI of one of Rapport's result or context extensions."""
    return f"{IRI_BASE}/extensions/{_segment(name)}"


def option_id(number: int) -> str:
    """The choice id of a response within its decision (xAPI ids may not hold spaces)."""
    return f"option-{number}"
