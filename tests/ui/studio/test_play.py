"""Play from here: start at any node with the state set by hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt


def test_play_from_middle_with_trust_nine_reaches_engaged(studio, mini_copy: Path,
                                                         qtbot) -> None:
    window = studio(mini_copy)
    window.map.select_node("middle")
    panel = window.node_panel
    assert panel.node == "middle"
    assert "What would make today worth your while?" in panel.details_text()
    assert panel.values() == {"trust": 3, "arousal": 8}  # the start values by default
    panel._spins["trust"].setValue(9)
    qtbot.mouseClick(panel._play, Qt.MouseButton.LeftButton)

    player = window.player
    assert window._side.currentWidget() is player
    session = player.session
    assert session is not None and session.position == "middle"
    assert session.values["trust"] == 9
    assert player.option_texts() == ["1 · best", "2 · harmful"]

    player.choose(1)
    assert session.ending is not None and session.ending.id == "engaged"
    assert window.map.route_nodes() == {"middle", "engaged"}
    assert [(e.edge.source, e.edge.target, e.edge.option) for e in window.map.route_edges()] \
        == [("middle", "engaged", 1)]
    assert player.option_texts() == []

    player.undo()
    assert session.position == "middle" and session.values["trust"] == 9
    assert window.map.route_nodes() == set()
    player.choose(2)
    assert session.ending is not None and session.ending.id == "partial"
    player.restart()
    assert player.session is not session
    assert player.session.position == "middle" and player.session.values["trust"] == 9

    player.stop()
    assert window._side.currentWidget() is panel
    assert player.session is None


def test_an_ending_cannot_be_played_from(studio, mini_copy: Path) -> None:
    window = studio(mini_copy)
    window.map.select_node("walkout")
    assert "Walked out" in window.node_panel.details_text()
    assert not window.node_panel._play.isEnabled()


def test_a_saved_file_is_offered_on_restart(studio, mini_copy: Path, qtbot) -> None:
    window = studio(mini_copy)
    window.map.select_node("opening")
    window.node_panel._on_play_clicked()
    old = window.player.session
    mini_copy.write_text(mini_copy.read_text(encoding="utf-8").replace(
        "This is a waste of time.", "This is a total waste of time."), encoding="utf-8")
    qtbot.waitUntil(lambda: window.checks_done >= 2, timeout=5_000)
    assert window.player.session is old  # the writer's game is not interrupted
    assert "Restart" in window.player._notice.text()
    window.player.restart()
    assert window.player.session.node.lines[0].text == "This is a total waste of time."


def _timed_copy(mini_copy: Path) -> Path:
    """mini.yaml where 'middle' ends the conversation once six responses have been given."""
    old = "        next:\n          - if: trust >= 5\n"
    text = mini_copy.read_text(encoding="utf-8")
    assert old in text
    mini_copy.write_text(text.replace(old, "        next:\n          - if: turn >= 6\n"
                                           "            goto: walkout\n"
                                           "          - if: trust >= 5\n"), encoding="utf-8")
    return mini_copy


def test_responses_so_far_reach_a_branch_on_turn(studio, mini_copy: Path, qtbot) -> None:
    window = studio(_timed_copy(mini_copy))
    panel = window.node_panel
    assert panel.turns_shown
    spin = panel._turns
    assert spin.accessibleName() == "Responses so far"
    assert "conditions that use 'turn' read this" in spin.toolTip()
    assert (spin.minimum(), spin.maximum(), spin.value()) == (0, 99, 0)
    window.map.select_node("middle")
    panel._spins["trust"].setValue(9)

    qtbot.mouseClick(panel._play, Qt.MouseButton.LeftButton)  # turn 1: trust decides
    window.player.choose(1)
    assert window.player.session.ending.id == "engaged"

    window.player.stop()
    window.map.select_node("middle")  # the map followed the test to its ending
    spin.setValue(5)
    qtbot.mouseClick(panel._play, Qt.MouseButton.LeftButton)  # turn 6: time is up
    player = window.player
    assert player.session is not None, player._notice.text()
    assert player.session.turns_before == 5
    assert "after 5 earlier responses" in player._heading.text()
    player.choose(1)
    assert player.session.ending.id == "walkout"
    assert "6 responses so far (1 in this test)" in player._heading.text()
    player.restart()
    assert player.session.turns_before == 5  # a restart keeps the responses so far

    player.stop()
    mini_copy.write_text(mini_copy.read_text(encoding="utf-8") + "\n# saved again\n",
                         encoding="utf-8")
    qtbot.waitUntil(lambda: window.checks_done >= 2, timeout=5_000)
    assert panel.turns_before() == 5  # kept across a reload, like the state values
    panel._reset.click()
    assert panel.turns_before() == 0 and panel.values()["trust"] == 3


def test_responses_so_far_are_not_asked_when_no_condition_uses_turn(studio,
                                                                    mini_copy: Path) -> None:
    window = studio(mini_copy)
    assert not window.node_panel.turns_shown
    assert window.node_panel.turns_before() == 0
