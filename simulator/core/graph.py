"""The scenario as a Mermaid state diagram, drawn by transitions' mermaid engine
(no graphviz needed). Only for reading: this machine is never run.
"""

from __future__ import annotations

import json
import re
from typing import Any

from transitions import State
from transitions.extensions import GraphMachine

from .model import Scenario


class _DiagramModel:
    """Declares nothing, so with model_override transitions adds no state-named
    attributes; GraphMachine itself attaches `get_graph`."""


class _LabelledState(State):
    """A state drawn under a label other than its name (transitions' markup reads
    `label` from the state)."""

    def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = label


class _DiagramMachine(GraphMachine):
    state_cls = _LabelledState


def _mermaid_names(ids: list[str]) -> dict[str, str]:
    """Mermaid state names allow letters, digits and '_' only: 'door-open' breaks the
    diagram. Each id gets a safe, unique name; the id itself stays the label."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for ident in ids:
        base = re.sub(r"\W", "_", ident, flags=re.ASCII) or "state"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        names[ident] = name
    return names


def _edge_label(option_number: int, grade: str, branch_text: str | None,
                after_condition: bool) -> str:
    label = f"{option_number} {grade}"
    if branch_text is not None:
        return f"{label} if {branch_text}"
    return f"{label} otherwise" if after_condition else label


def mermaid(scenario: Scenario) -> str:
    ids = [*scenario.nodes, *scenario.endings]
    name = _mermaid_names(ids)
    edges = [
        {
            "trigger": _edge_label(option.number, option.grade,
                                   branch.condition.text if branch.condition else None,
                                   index > 0),
            "source": name[node.id],
            "dest": name[branch.target],
        }
        for node in scenario.nodes.values()
        for option in node.options
        for index, branch in enumerate(option.branches)
    ]
    model = _DiagramModel()
    _DiagramMachine(
        model=model,
        states=[{"name": name[i], "label": i} for i in ids],
        transitions=edges,
        initial=name[scenario.start],
        auto_transitions=False,
        graph_engine="mermaid",
        model_override=True,
        # transitions writes the title as Mermaid's YAML front matter, as it is: a ':'
        # in it ('First visit: ...') would break the diagram, so it goes in as a key.
        title=f"title: {json.dumps(scenario.title, ensure_ascii=False)}",
        show_conditions=False,
    )
    text: str = getattr(model, "get_graph")().draw(None)  # noqa: B009 - set at run time
    endings = "\n".join(f"  {name[eid]} --> [*]" for eid in scenario.endings)
    return text.rstrip() + "\n" + endings + "\n"
