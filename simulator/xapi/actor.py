"""Who the statements are about: the one place an xAPI actor is made.

Until learners have profiles, the actor is an *account* built from two settings (the
learner's id at their institution and the institution's web address), with their name
for display. A profile can later supply the same `Learner` without anything else
changing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator.core.errors import RapportError


class ActorError(RapportError):
    """The learner is not described well enough to be named in a learning record."""


@dataclass(frozen=True)
class Learner:
    """What an institution knows a learner by; `account_name` is usually a student id."""

    name: str = ""
    account_name: str = ""
    homepage: str = ""
    email: str = ""


def build_actor(learner: Learner) -> dict[str, Any]:
    """The xAPI Agent for a learner: an account if there is one, else their email (mbox)."""
    actor: dict[str, Any] = {"objectType": "Agent"}
    if learner.name.strip():
        actor["name"] = learner.name.strip()
    if learner.account_name.strip() and learner.homepage.strip():
        actor["account"] = {"homePage": learner.homepage.strip(),
                            "name": learner.account_name.strip()}
    elif learner.email.strip():
        actor["mbox"] = f"mailto:{learner.email.strip()}"
    else:
        raise ActorError("Learning records need to say who you are: fill in your student id "
                         "and your university's web address under Settings, Learning "
                         "records.")
    return actor
