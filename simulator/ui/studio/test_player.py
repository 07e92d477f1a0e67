"""A plain test player for writers: play from any node with the state set by hand.

Unlike the learner's conversation screen it shows everything a writer needs to
check a branch: each response's grade before choosing, the state values and
what the last response changed. It drives the real engine (`Session`), so what
the writer sees is what a learner will get.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import RapportError
from ...core.model import Scenario
from ...core.session import Session
from . import palette
from .node_panel import lines_html


def _number(value: float) -> str:
    return f"{value:g}"


class TestPlayer(QWidget):
    """Emits `route_changed([(from, to, response number), ...])` after each move, `closed()`."""

    __test__ = False  # not a pytest test class, despite the name

    route_changed = Signal(list)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Session | None = None
        self._newer: Scenario | None = None
        self._start = ""
        self._state: dict[str, float] = {}
        self._turns_before = 0
        self._heading = QLabel()
        self._heading.setWordWrap(True)
        self._heading.setStyleSheet("font-weight: 600;")
        self._state_label = QLabel()
        self._state_label.setWordWrap(True)
        self._state_label.setAccessibleName("The client's state now")
        self._notice = QLabel()
        self._notice.setWordWrap(True)
        self._notice.setStyleSheet(f"color: {palette.WARNING};")
        self._notice.hide()
        self._said = QTextBrowser()
        self._said.setAccessibleName("What is said")
        self._said.setMinimumHeight(120)
        self._options = QVBoxLayout()
        options_box = QWidget()
        options_box.setLayout(self._options)
        self._scroll = scroll = QScrollArea()
        scroll.setWidget(options_box)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Responses")
        self._undo = QPushButton("&Undo")
        self._undo.setAccessibleName("Undo the last response")
        self._undo.setShortcut(QKeySequence.StandardKey.Undo)
        self._undo.clicked.connect(self.undo)
        self._restart = QPushButton("&Restart")
        self._restart.setAccessibleName("Restart from the same node and state")
        self._restart.clicked.connect(self.restart)
        self._back = QPushButton("&Back to the node")
        self._back.setAccessibleName("Stop testing and go back to the node")
        self._back.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        for button in (self._undo, self._restart):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self._back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._heading)
        layout.addWidget(self._state_label)
        layout.addWidget(self._notice)
        layout.addWidget(self._said, 2)
        layout.addWidget(scroll, 3)
        layout.addLayout(buttons)

    @property
    def session(self) -> Session | None:
        return self._session

    def start(self, scenario: Scenario, node_id: str, state: dict[str, float],
              turns_before: int = 0) -> None:
        """Begin at `node_id` with `state`, as if `turns_before` responses had been given
        (a new session; any earlier one is closed)."""
        self._start, self._state, self._turns_before = node_id, dict(state), turns_before
        self._begin(scenario)

    def _begin(self, scenario: Scenario) -> None:
        self._close_session()
        self._newer = None
        self._notice.hide()
        try:
            self._session = Session(scenario, start=self._start, state=self._state,
                                    turns_before=self._turns_before)
        except RapportError as error:
            self._show_notice(f"This test cannot start: {error}")
            return
        self._render()

    def set_scenario(self, scenario: Scenario) -> None:
        """The file was saved again: keep playing, and offer the new version on restart."""
        if self._session is not None:
            self._newer = scenario
            self._show_notice("The file has changed. Press Restart to play the new version.")

    def choose(self, number: int) -> None:
        if self._session is None:
            return
        try:
            self._session.choose(number)
        except RapportError as error:
            self._show_notice(str(error))
            return
        self._render()

    def undo(self) -> None:
        if self._session is not None and self._session.can_undo:
            self._session.undo()
            self._render()

    def restart(self) -> None:
        if self._session is not None:
            self._begin(self._newer or self._session.scenario)

    def stop(self) -> None:
        """Close the session; the route stays drawn on the map."""
        self._close_session()
        self.closed.emit()

    def _close_session(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def _show_notice(self, text: str) -> None:
        self._notice.setText(text)
        self._notice.show()

    # -- drawing --------------------------------------------------------------------------
    def _render(self) -> None:
        session = self._session
        assert session is not None
        turns = session.turns
        before = session.turns_before
        counted = before + len(turns)
        earlier = (f" after {before} earlier response{'' if before == 1 else 's'}"
                   if before else "")
        here = f" ({len(turns)} in this test)" if before else ""
        self._heading.setText(f"Testing from '{self._start}'{earlier} · now at "
                              f"'{session.position}' · {counted} "
                              f"response{'' if counted == 1 else 's'} so far{here}")
        self._state_label.setText(self._state_text(session))
        self._said.setHtml(self._said_html(session))
        self._undo.setEnabled(session.can_undo)
        while self._options.count():
            item = self._options.takeAt(0)
            old = item.widget()
            if old is not None:
                old.hide()  # at once: deleteLater only happens on the next loop turn
                old.deleteLater()
        node = session.node
        for option in node.options if node is not None else ():
            grade = option.grade
            button = QCommandLinkButton(f"{option.number} · {grade}", option.text)
            button.setAccessibleName(f"Response {option.number}, {grade}: {option.text}")
            colour = palette.GRADE_COLOURS.get(option.grade, "#555")
            button.setStyleSheet(f"QCommandLinkButton {{ border-left: 6px solid {colour}; "
                                 f"color: {colour}; }}")
            button.clicked.connect(lambda _=False, n=option.number: self.choose(n))
            self._options.addWidget(button)
        self._options.addStretch(1)
        self._scroll.setVisible(node is not None)  # at an ending the debrief gets the room
        self.route_changed.emit([(t.node_id, t.target, t.option_number) for t in turns])

    def _state_text(self, session: Session) -> str:
        scenario = session.scenario
        values = session.values
        last = session.turns[-1] if session.turns else None
        parts = []
        for vid, var in scenario.state.items():
            text = f"{var.label} {_number(values[vid])}"
            if last is not None:
                change = values[vid] - last.state_before.get(vid, values[vid])
                text += f" ({change:+g})" if change else ""
            parts.append(text)
        return "State: " + " · ".join(parts)

    def option_texts(self) -> list[str]:
        """The response buttons shown now (for tests)."""
        return [self._options.itemAt(i).widget().text() for i in range(self._options.count())
                if self._options.itemAt(i).widget() is not None]

    def _said_html(self, session: Session) -> str:
        scenario = session.scenario
        html = []
        if session.turns:
            last = session.turns[-1]
            option = last.option(scenario)
            html.append(f"<p style='color:{palette.MUTED_TEXT}'>You chose {option.number} "
                        f"({escape(option.grade)}): {escape(option.text)}<br>"
                        f"<i>{escape(last.score.headline)}</i></p><hr>")
        ending = session.ending
        node = session.node
        lines = ending.lines if ending is not None else node.lines if node is not None else ()
        html.append(lines_html(scenario, lines))
        if ending is not None:
            border, _ = palette.OUTCOME_COLOURS.get(ending.outcome, ("#616161", ""))
            word = palette.OUTCOME_WORDS.get(ending.outcome, ending.outcome)
            html.append(f"<h3 style='color:{border}'>Ending: {escape(ending.title)} "
                        f"({escape(word)})</h3><p>{escape(session.debrief)}</p>"
                        "<p>The route is drawn on the map. Undo to try another response.</p>")
        return "".join(html)
