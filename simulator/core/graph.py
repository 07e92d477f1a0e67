"""The scenario as a Mermaid state diagram, drawn by transitions' mermaid engine
(no graphviz needed). Only for reading: this machine is never run.
"""

from __future__ import annotations

from transitions.extensions import GraphMachine

from .model import Scenario


class _DiagramModel:
    """Declares nothing, so with model_override transitions adds no state-named
    attributes; GraphMachine itself attaches `get_graph`."""


def mermaid(scenario: Scenario) -> str:
    edges = [
        {
            "trigger": f"{option.number} {option.grade}"
            + (f" if {branch.condition.text}" if branch.condition is not None else ""),
            "source": node.id,
            "dest": branch.target,
        }
        for node in scenario.nodes.values()
        for option in node.options
        for branch in option.branches
    ]
    model = _DiagramModel()
    GraphMachine(
        model=model,
        states=[*scenario.nodes, *scenario.endings],
        transitions=edges,
        initial=scenario.start,
        auto_transitions=False,
        graph_engine="mermaid",
        model_override=True,
        title=scenario.title,
        show_conditions=False,
    )
    text: str = getattr(model, "get_graph")().draw(None)  # noqa: B009 - set at run time
    endings = "\n".join(f"  {eid} --> [*]" for eid in scenario.endings)
    return text.rstrip() + "\n" + endings + "\n"
