"""The command line's SVG map and the studio's map must mean the same by each colour."""

from __future__ import annotations

from simulator.core import map_svg
from simulator.ui.studio import palette


def test_svg_map_and_studio_share_grade_and_outcome_colours_and_words() -> None:
    assert map_svg.GRADE_COLOURS == palette.GRADE_COLOURS
    for outcome, colours in palette.OUTCOME_COLOURS.items():  # the SVG may know more
        assert map_svg.OUTCOME_COLOURS[outcome] == colours
        assert map_svg.OUTCOME_WORDS[outcome] == palette.OUTCOME_WORDS[outcome]
    for name in ("NODE_BORDER", "NODE_FILL", "START_BORDER", "TEXT", "MUTED_TEXT"):
        assert getattr(map_svg, name) == getattr(palette, name)
    assert map_svg.BACKGROUND == palette.MAP_BACKGROUND
