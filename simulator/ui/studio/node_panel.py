"""Read one box of the map, and start a test play from it with the state set by hand.

The writer picks a node on the map (or in the list, for keyboard use), reads
everything said there and where each response leads, sets each state variable
and presses "Play from here". The panel only gathers those choices; the window
starts the session.

When the scenario's conditions use the built-in `turn`, the panel also asks how
many responses the learner has already given, so a branch such as
`if: turn >= 6` can be tested from a late node. It is shown only then: in a
scenario that never reads `turn` the number would change nothing, and a control
that does nothing is one more thing for a writer to wonder about.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.model import Ending, Scenario, StateVar
from ...core.routes import _uses_turn
from ..plain import plain_tip
from . import palette

MAX_TURNS_BEFORE = 99
TURNS_TIP = ("How many responses the learner has already given; conditions that use 'turn' "
             "read this")
RESET_NAME = "Set every state value back to its start value"

NOTHING_CHOSEN = ("<p>Click a box on the map, or pick a node above, to read it here.</p>"
                  "<p>Then set the client's state below and press <b>Play from here</b> to "
                  "test the conversation from that moment.</p>")


def _badge(number: int, grade: str) -> str:
    colour = palette.GRADE_COLOURS.get(grade, "#555")
    return (f"<span style='background:{colour}; color:white; font-weight:bold'>"
            f"&nbsp;{number}&nbsp;</span>")


def lines_html(scenario: Scenario, lines: tuple) -> str:
    """What is said, by whom, with the non-verbal cue under it."""
    parts = []
    for line in lines:
        who = escape(scenario.speaker_name(line.speaker))
        cue = f"<br><i style='color:{palette.MUTED_TEXT}'>({escape(line.cue)})</i>" \
            if line.cue else ""
        parts.append(f"<p><b>{who}:</b> {escape(line.text)}{cue}</p>")
    return "".join(parts)


def describe(scenario: Scenario, node_id: str) -> str:
    """The HTML the panel shows for one node or ending."""
    ending = scenario.endings.get(node_id)
    if ending is not None:
        border, _ = palette.OUTCOME_COLOURS.get(ending.outcome, ("#616161", ""))
        word = palette.OUTCOME_WORDS.get(ending.outcome, ending.outcome)
        return (f"<h3>Ending: {escape(ending.title)}</h3>"
                f"<p style='color:{border}'><b>Outcome: {escape(word)}</b> · id "
                f"<code>{escape(node_id)}</code></p>"
                f"{lines_html(scenario, ending.lines)}"
                f"{_debrief_html(ending)}")
    node = scenario.nodes[node_id]
    start = " (the start)" if node_id == scenario.start else ""
    html = [f"<h3>{escape(node_id)}{start}</h3>", lines_html(scenario, node.lines),
            "<p><b>Responses</b></p>"]
    for option in node.options:
        grade = option.grade
        leads = []
        for branch in option.branches:
            link = f"<a href='node:{escape(branch.target)}'>{escape(branch.target)}</a>"
            kind = " (ending)" if branch.target in scenario.endings else ""
            when = f" if {escape(branch.condition.text)}" if branch.condition else \
                (" otherwise" if len(option.branches) > 1 else "")
            leads.append(f"{link}{kind}{when}")
        html.append(
            f"<p>{_badge(option.number, option.grade)} <b>{escape(grade)}</b>: "
            f"{escape(option.text)}<br>"
            f"<span style='color:{palette.MUTED_TEXT}'>leads to {'; '.join(leads)}</span>"
            + (f"<br><small>{escape(option.explain)}</small>" if option.explain else "")
            + "</p>")
    return "".join(html)


class NodePanel(QWidget):
    """Emits `node_chosen(id)` and `play_requested(id, {variable: value}, responses so far)`."""

    node_chosen = Signal(str)
    play_requested = Signal(str, dict, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scenario: Scenario | None = None
        self._node = ""
        self._spins: dict[str, QDoubleSpinBox] = {}
        self._turns: QSpinBox | None = None  # only when the conditions use 'turn'
        self._picker = QComboBox()
        self._picker.setAccessibleName("Choose a node to read")
        self._picker.setPlaceholderText("Pick a node or an ending")
        self._picker.activated.connect(self._on_picker_activated)
        pick_label = QLabel("&Node:")
        pick_label.setBuddy(self._picker)
        self._details = QTextBrowser()
        self._details.setOpenLinks(False)
        self._details.setAccessibleName("What is said at this node, and the responses")
        self._details.setHtml(NOTHING_CHOSEN)
        self._details.anchorClicked.connect(self._on_details_anchor_clicked)
        self._state_box = QGroupBox("Client's state when you start")
        self._form = QFormLayout(self._state_box)
        self._state_box.hide()  # until a scenario says which variables there are
        self._reset = QPushButton("Use &start values")
        self._reset.setAccessibleName(RESET_NAME)
        self._reset.clicked.connect(self._on_reset_clicked)
        self._play = QPushButton("&Play from here")
        self._play.setAccessibleName("Play from here")
        self._play.setToolTip("Test-play the conversation from this node with the state above")
        self._play.setEnabled(False)
        self._play.clicked.connect(self._on_play_clicked)
        picker_row = QHBoxLayout()
        picker_row.addWidget(pick_label)
        picker_row.addWidget(self._picker, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._reset)
        buttons.addStretch(1)
        buttons.addWidget(self._play)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(picker_row)
        layout.addWidget(self._details, 1)
        layout.addWidget(self._state_box)
        layout.addLayout(buttons)

    @property
    def node(self) -> str:
        return self._node

    def set_scenario(self, scenario: Scenario, keep_values: bool = True) -> None:
        """Show a (re)loaded scenario, keeping the values the writer set if still valid."""
        kept = self.values() if keep_values else {}
        kept_turns = self.turns_before() if keep_values else 0
        self._scenario = scenario
        self._picker.clear()
        for nid in scenario.nodes:
            self._picker.addItem(nid, nid)
        for eid, ending in scenario.endings.items():
            self._picker.addItem(f"{eid} (ending: {ending.title})", eid)
        while self._form.rowCount():
            self._form.removeRow(0)
        self._spins = {}
        for vid, var in scenario.state.items():
            spin = self._spin(var, kept.get(vid, var.start))
            name = QLabel(f"{var.label}:")  # the writer's label: plain text, never markup
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setBuddy(spin)
            self._form.addRow(name, spin)
            self._spins[vid] = spin
        self._turns = self._turns_spin(kept_turns) if _uses_turn(scenario) else None
        if self._turns is not None:
            self._form.addRow("Responses so far:", self._turns)
        self._reset.setAccessibleName(RESET_NAME + (", and the responses so far to 0"
                                                    if self._turns is not None else ""))
        self._state_box.setVisible(bool(self._spins) or self._turns is not None)
        self.show_node(self._node if self._node in self._picker_ids() else "")

    def _spin(self, var: StateVar, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        whole = all(float(v).is_integer() for v in (var.minimum, var.maximum, var.start))
        spin.setDecimals(0 if whole else 1)
        spin.setRange(var.minimum, var.maximum)
        spin.setValue(var.clamp(value))
        spin.setAccessibleName(f"{var.label} at the start of the test play")
        spin.setToolTip(plain_tip(var.description) or f"{var.label}, from {var.minimum:g} "
                        f"to {var.maximum:g}")
        return spin

    def _turns_spin(self, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, MAX_TURNS_BEFORE)
        spin.setValue(value)
        spin.setAccessibleName("Responses so far")
        spin.setAccessibleDescription(TURNS_TIP)
        spin.setToolTip(TURNS_TIP)
        return spin

    @property
    def turns_shown(self) -> bool:
        """Is the "Responses so far" box offered (the conditions use 'turn')?"""
        return self._turns is not None

    def turns_before(self) -> int:
        """The responses the learner has already given when the test starts (0 if not asked)."""
        return self._turns.value() if self._turns is not None else 0

    def set_turns_before(self, count: int) -> None:
        if self._turns is not None:
            self._turns.setValue(count)

    def values(self) -> dict[str, float]:
        return {vid: spin.value() for vid, spin in self._spins.items()}

    def set_values(self, values: dict[str, float]) -> None:
        for vid, value in values.items():
            if vid in self._spins:
                self._spins[vid].setValue(value)

    def show_node(self, node_id: str) -> None:
        self._node = node_id
        scenario = self._scenario
        if scenario is None or not node_id:
            self._details.setHtml(NOTHING_CHOSEN)
            self._play.setEnabled(False)
            self._picker.setCurrentIndex(-1)
            return
        self._details.setHtml(describe(scenario, node_id))
        index = self._picker.findData(node_id)
        if index >= 0:
            self._picker.setCurrentIndex(index)
        playable = node_id in scenario.nodes
        self._play.setEnabled(playable)
        self._play.setToolTip("Test-play the conversation from this node with the state above"
                              if playable else "An ending has nothing to play; pick a node")

    def details_text(self) -> str:
        return self._details.toPlainText()

    def _picker_ids(self) -> list[str]:
        return [self._picker.itemData(i) for i in range(self._picker.count())]

    def _on_picker_activated(self, index: int) -> None:
        self.node_chosen.emit(str(self._picker.itemData(index)))

    def _on_details_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("node:"):
            self.node_chosen.emit(text.removeprefix("node:"))

    def _on_reset_clicked(self) -> None:
        if self._scenario is not None:
            self.set_values({vid: var.start for vid, var in self._scenario.state.items()})
            self.set_turns_before(0)

    def _on_play_clicked(self) -> None:
        if self._node:
            self.play_requested.emit(self._node, self.values(), self.turns_before())


def _debrief_html(ending: Ending) -> str:
    """Every version of the debrief, with the condition that picks it, for the writer."""
    if not ending.debriefs:
        return f"<p><b>Debrief:</b> {escape(ending.debrief)}</p>"
    return "".join(
        f"<p><b>Debrief, {'if ' + escape(part.condition.text) if part.condition else 'otherwise'}"
        f":</b> {escape(part.text)}</p>" for part in ending.debriefs)
