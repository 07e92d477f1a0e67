"""The scenario map's layout: every node placed once, flowing left to right."""

from __future__ import annotations

from pathlib import Path

from simulator.core.layout import layout
from simulator.core.loader import load_scenario

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"


def test_nodes_flow_from_the_start_to_the_endings() -> None:
    scenario = load_scenario(MINI)
    result = layout(scenario)
    assert set(result.nodes) == {"opening", "middle", "engaged", "partial", "walkout"}
    columns = {nid: p.column for nid, p in result.nodes.items()}
    assert columns["opening"] == 0 and columns["middle"] == 1
    assert {columns[e] for e in scenario.endings} == {2}
    assert all(p.is_ending == (nid in scenario.endings) for nid, p in result.nodes.items())


def test_no_two_nodes_share_a_place_and_edges_keep_grades() -> None:
    result = layout(load_scenario(MINI))
    places = {(p.x, p.y) for p in result.nodes.values()}
    assert len(places) == len(result.nodes)
    walkout = [e for e in result.edges if e.target == "walkout"]
    assert walkout[0].grade == "harmful" and walkout[0].condition == "arousal >= 10"
    assert result.width > 0 and result.height > 0
