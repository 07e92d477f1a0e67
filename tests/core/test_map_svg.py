"""`graph --svg`: the scenario map as an SVG file any browser opens, made without Qt.

The file is read back with xml.etree, as a browser's XML parser would: if a
scenario's text could break the markup, the picture would not open at all.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import MappingProxyType

import pytest

from simulator.cli import main
from simulator.core import map_svg, text_fit
from simulator.core.loader import load_scenario
from simulator.core.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "valid" / "mini.yaml"
BUNDLED = sorted(p for p in (ROOT / "scenarios").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    """The <g> elements whose class list holds `kind` ('node', 'ending', 'arrow', ...)."""
    return [g for g in root.iter(f"{SVG}g") if kind in g.get("class", "").split()]


def texts(group: ET.Element) -> list[str]:
    return [t.text or "" for t in group.iter(f"{SVG}text")]


def tip(group: ET.Element) -> str:
    title = group.find(f"{SVG}title")
    assert title is not None
    return title.text or ""


def translation(group: ET.Element) -> tuple[float, float]:
    x, y = group.get("transform", "").removeprefix("translate(").rstrip(")").split(",")
    return float(x), float(y)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_mini_map_has_a_box_for_each_node_and_ending_and_an_arrow_for_each_branch() -> None:
    root = parse(map_svg.svg_map(load_scenario(MINI)))
    assert root.tag == f"{SVG}svg" and root.get("version") == "1.1"
    nodes, endings = groups(root, "node"), groups(root, "ending")
    assert [texts(g)[0] for g in nodes if "start" not in g.get("class", "")] == ["middle"]
    start = groups(root, "start")
    assert len(start) == 1 and texts(start[0])[:2] == ["START", "opening"]
    assert texts(start[0])[2] == "This is a waste of time."
    assert {texts(g)[1]: texts(g)[0] for g in endings} == {
        "Talking": "ENDING · ENGAGED", "Still here": "ENDING · PARTLY ENGAGED",
        "Walked out": "ENDING · ESCALATED"}
    arrows = groups(root, "arrow")
    assert len(arrows) == 7  # 3 + 2 options, two of them with two branches
    dashed = [g for g in arrows if g.find(f"{SVG}path").get("stroke-dasharray")]
    assert sorted(tip(g) for g in dashed) == [
        "Response 1 (best) leads to ending 'engaged' (Talking), only if trust >= 5",
        "Response 2 (harmful) leads to ending 'walkout' (Walked out), only if arousal >= 10"]
    labels = sorted(texts(g)[0] for g in groups(root, "condition"))
    assert labels == ["if arousal >= 10", "if trust >= 5"]


def test_arrows_take_their_grade_colour_and_endings_their_outcome_colour() -> None:
    scenario = load_scenario(MINI)
    root = parse(map_svg.svg_map(scenario))
    for arrow in groups(root, "arrow"):
        grade = tip(arrow).split("(")[1].split(")")[0]
        assert arrow.find(f"{SVG}path").get("stroke") == map_svg.GRADE_COLOURS[grade]
    for box in groups(root, "ending"):
        outcome = scenario.endings[texts(box)[-1]].outcome
        rect = box.find(f"{SVG}rect")
        assert (rect.get("stroke"), rect.get("fill")) == map_svg.OUTCOME_COLOURS[outcome]


def _with_outcomes(scenario: Scenario, outcomes: dict[str, str]) -> Scenario:
    endings = {eid: dataclasses.replace(e, outcome=outcomes.get(eid, e.outcome))
               for eid, e in scenario.endings.items()}
    return dataclasses.replace(scenario, endings=MappingProxyType(endings))


def test_a_colluded_ending_is_brown_and_an_unknown_outcome_still_draws() -> None:
    """'colluded' has its own brown; an outcome added to the format before the map
    learns its colour must still draw, in grey, under its own name."""
    scenario = _with_outcomes(load_scenario(MINI), {"partial": "colluded",
                                                    "walkout": "stalemate"})
    root = parse(map_svg.svg_map(scenario))
    boxes = {texts(g)[-1]: g for g in groups(root, "ending")}
    colluded = boxes["partial"].find(f"{SVG}rect")
    assert (colluded.get("stroke"), colluded.get("fill")) == ("#6d4c41", "#efe5df")
    assert texts(boxes["partial"])[0] == "ENDING · COLLUDED"
    unknown = boxes["walkout"].find(f"{SVG}rect")
    assert (unknown.get("stroke"), unknown.get("fill")) == map_svg.UNKNOWN_OUTCOME
    assert texts(boxes["walkout"])[0] == "ENDING · STALEMATE"
    key = [t.text for t in root.findall(f"{SVG}text")]  # the key is outside the map group
    assert "stalemate" in key and "partly engaged" in key


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_scenario_draws_every_node_ending_and_branch(path: Path) -> None:
    scenario = load_scenario(path)
    root = parse(map_svg.svg_map(scenario))
    nodes = [texts(g)[1 if "start" in g.get("class", "") else 0] for g in groups(root, "node")]
    assert sorted(nodes) == sorted(scenario.nodes)  # ids shorter than a box stay whole
    tips = sorted(tip(g) for g in groups(root, "ending"))
    assert tips == sorted(f"Ending '{eid}': {e.title} ({map_svg.OUTCOME_WORDS[e.outcome]})"
                          for eid, e in scenario.endings.items())
    branches = sum(len(o.branches) for n in scenario.nodes.values() for o in n.options)
    assert len(groups(root, "arrow")) == branches
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    mx, my = translation(groups(root, "map")[0])
    for box in groups(root, "node") + groups(root, "ending"):  # every box inside the picture
        x, y = translation(box)
        assert mx + x > 0 and mx + x + map_svg.BOX_W < width
        assert my + y > 0 and my + y + map_svg.BOX_H < height
    boxes = [translation(box) for box in groups(root, "node") + groups(root, "ending")]
    for label in groups(root, "condition"):  # in the picture, and never over a box's text
        rect = label.find(f"{SVG}rect")
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        assert mx + x > 0 and mx + x + w < width and my + y > 0 and my + y + h < height
        assert not [(bx, by) for bx, by in boxes if x < bx + map_svg.BOX_W and bx < x + w
                    and y < by + map_svg.BOX_H and by < y + h]


# Everything the map may use: SVG 1.1 elements and attributes that browsers, Inkscape,
# LibreOffice, librsvg and QtSvg all draw (no CSS, no SVG 2, no scripts, no links).
SVG11_ELEMENTS = {"svg", "title", "desc", "g", "rect", "path", "polygon", "circle", "text"}
SVG11_ATTRIBUTES = {
    "version", "width", "height", "viewBox", "font-family", "font-size", "font-weight",
    "text-anchor", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "class", "transform", "x", "y", "rx", "cx", "cy", "r", "d", "points"}


@pytest.mark.parametrize("path", [BUNDLED[0], MINI], ids=lambda p: p.stem)
def test_the_map_uses_only_plain_svg_1_1(path: Path) -> None:
    root = parse(map_svg.svg_map(load_scenario(path)))
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= SVG11_ELEMENTS
    assert {name for element in root.iter() for name in element.attrib} <= SVG11_ATTRIBUTES


HOSTILE_TITLE = "<script>alert(1)</script> & \"both\" 'quotes' ]]> \x01\x1b[31m\x7f\ufffe"


def _hostile(tmp_path: Path) -> Path:
    """mini.yaml with markup, control characters and a megabyte-long line in its text."""
    text = MINI.read_text(encoding="utf-8")
    escaped = (HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\x01", "\\x01").replace("\x1b", "\\e").replace("\x7f", "\\x7f")
               .replace("\ufffe", "\\uFFFE"))
    text = text.replace("title: A short test conversation", f'title: "{escaped}"')
    text = text.replace("says: This is a waste of time.",
                        'says: "</text><svg onload=alert(1)> &amp; ' + "word " * 200_000 + '"')
    text = text.replace("title: Walked out", "title: " + "W" * 5000)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_text_is_escaped_cleaned_and_cut(tmp_path: Path) -> None:
    scenario = load_scenario(_hostile(tmp_path))
    assert "\x01" in scenario.title  # the loader keeps it; the map must not
    svg = map_svg.svg_map(scenario)
    root = parse(svg)  # one stray '<' or control character and this raises
    assert root.find(f"{SVG}title").text == (
        "<script>alert(1)</script> & \"both\" 'quotes' ]]> \ufffd\ufffd[31m\ufffd\ufffd")
    assert not [e for e in root.iter() if e.tag.endswith(("script", "}svg")) and e is not root]
    assert not [e for e in root.iter() if "onload" in e.attrib]
    start = groups(root, "start")[0]
    said = texts(start)[2:]
    assert said[0] == "</text><svg" and said[-1].endswith(text_fit.ELLIPSIS) and len(said) == 3
    walkout = next(g for g in groups(root, "ending") if texts(g)[-1] == "walkout")
    assert texts(walkout)[1].startswith("WWW") and texts(walkout)[1].endswith("…")
    for box in groups(root, "node") + groups(root, "ending"):
        for line in box.iter(f"{SVG}text"):
            size = float(line.get("font-size"))
            drawn = text_fit.width(line.text or "", size, line.get("font-weight") == "bold")
            assert drawn <= map_svg.BOX_W - 20
    assert len(svg) < 30_000  # a megabyte of dialogue does not swell the picture


def test_text_fit_wraps_within_the_lines_and_room_given() -> None:
    lines = text_fit.wrap("one two three four five six seven eight nine ten", 12, False,
                          80, 2)
    assert len(lines) == 2 and lines[1].endswith(text_fit.ELLIPSIS)
    assert all(text_fit.width(line, 12) <= 80 for line in lines)
    assert text_fit.wrap("short", 12, False, 80, 2) == ["short"]
    assert text_fit.wrap("   ", 12, False, 80, 2) == []
    middle = text_fit.elide_middle("door-open-calm-and-then-angry", 13, True, 120)
    assert middle.startswith("door") and middle.endswith("angry") and "…" in middle
    assert text_fit.clean("a\tb\nc\x00d\ud800e") == "a b c\ufffdd\ufffde"


def test_cli_writes_the_svg_and_says_where(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    code, text = run("graph", str(MINI), "--svg", str(target))
    assert code == 0
    assert text.startswith(f"wrote {target} (") and "2 moments and 3 endings" in text
    assert len(groups(parse(target.read_text(encoding="utf-8")), "ending")) == 3
    code, text = run("graph", str(MINI), "--svg", "-")
    assert code == 0 and text == target.read_text(encoding="utf-8")
    code, text = run("graph", str(MINI))  # without --svg: Mermaid, as before
    assert code == 0 and "stateDiagram-v2" in text


@pytest.mark.parametrize(("name", "message"), [
    ("missing/map.svg", "the folder {tmp}/missing does not exist; create it first"),
    ("folder.svg", "{tmp}/folder.svg is a folder; give a file name ending in .svg"),
    ("map.png", "{tmp}/map.png: --svg writes an SVG picture; give the file a name ending "
                "in .svg"),
])
def test_cli_explains_an_svg_it_cannot_write(tmp_path: Path, name: str, message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "folder.svg").mkdir()
    code, text = run("graph", str(MINI), "--svg", str(tmp_path / name))
    err = capsys.readouterr().err
    assert code == 1 and text == ""
    assert err.startswith("error: ") and message.format(tmp=tmp_path) in err
    assert "Traceback" not in err and not (tmp_path / "map.png").exists()


def test_graph_svg_runs_where_qt_cannot_be_imported(tmp_path: Path) -> None:
    program = ("import sys\n"
               "for name in ('PySide6', 'shiboken6'): sys.modules[name] = None\n"
               "from simulator.cli import main\n"
               f"sys.exit(main(['graph', {str(MINI)!r}, '--svg', {str(tmp_path / 'm.svg')!r}]))")
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.svg").stat().st_size > 1000
