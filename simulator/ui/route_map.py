"""After a session: the whole scenario as a map, with the path the learner took.

Reuses the writers' studio map (`MapView`) and its key; only the words around
it are the learner's. The main window opens this lazily, so start-up never
loads the studio.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from . import words
from .studio import palette
from .studio.legend import Legend, key_parts
from .studio.map_view import MapView
from .widgets import button, hbox, label, vbox

if TYPE_CHECKING:
    from simulator.core.model import Scenario

Step = tuple[str, str, int]  # (from node, to node or ending, response number)

WHOLE_PATH_SMALLEST = 0.2
INTRO = ("Each box is a moment in the conversation, and each arrow is a response you "
         "could have given. The purple outline shows the responses you chose, starting "
         "from START. Zoom in, or press Back to the start, to read the boxes; click a box to "
         "see every response you could have given there, and drag the map to look around.")
PICK_A_BOX = ("Click a box on the map to read what was said there and every response you "
              "could have given.")
CHANGED = ("This scenario has been changed since you played it, so parts of your path "
           "may not show on the map.")


def legend_html() -> str:
    """The studio's key in the words the report uses."""
    grades, endings = key_parts(words.GRADE_SHORT, words.OUTCOMES)
    return (f"<span style='color:{palette.ROUTE}'><b>&#9646;&#9646;</b></span>&nbsp;"
            f"<b>The path you took</b><br>"
            f"<b>Responses:</b> {grades} &nbsp;&nbsp;<b>- - -</b>&nbsp;only happens "
            "sometimes, depending on how the client feels<br>"
            f"<b>Endings:</b> {endings}")


class RouteMapWindow(QWidget):
    """A separate, non-modal window: the scenario map with one route outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("page")
        self.setAccessibleName("Map of your conversation")
        if parent is not None:  # nearly as big as the app: a map needs room
            self.resize(max(900, parent.width() - 60), max(600, parent.height() - 40))
        else:
            self.resize(1100, 720)
        self.route: list[Step] = []
        layout = vbox(self, (20, 14, 20, 14), 10)
        self.heading = label("", "title", name="Map heading")
        layout.addWidget(self.heading)
        self.intro = label(INTRO, "muted")
        layout.addWidget(self.intro)
        self.notice = label(CHANGED, name="Map notice")
        self.notice.setProperty("notice", True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.map = MapView()
        self.map.fade_off_route = True  # the learner's path stands out from the rest
        self.map.learner = True  # titles and words on the boxes, never writers' ids
        self.map.setAccessibleName("Map of the conversation")
        self.map.setAccessibleDescription(
            "Each box is a moment in the conversation; arrows are the responses. The "
            "responses you chose are outlined in purple. Drag to move around; hold Ctrl "
            "and scroll, or use the zoom buttons, to zoom.")
        middle = hbox(spacing=12)
        middle.addWidget(self.map, 1)
        middle.addWidget(self._responses_panel())
        layout.addLayout(middle, 1)
        self.map.node_selected.connect(self._on_map_node_selected)
        self.scenario: Scenario | None = None
        self.legend = Legend()
        self.legend.setText(legend_html())
        self.legend.setAccessibleDescription(
            "Purple outline: the path you took. Arrow colours: strong green, reasonable "
            "blue, unhelpful amber, could harm red; dashed arrows only happen sometimes, "
            "depending on how the client feels. Endings: engaged green, partly engaged "
            "amber, disengaged grey, escalated red, colluded brown.")
        # The key's colours are chosen for the map's light background, in every theme.
        self.legend.setStyleSheet(f"background: {palette.MAP_BACKGROUND}; "
                                  f"color: {palette.TEXT}; padding: 6px 10px;")
        layout.addWidget(self.legend)
        row = hbox(spacing=8)
        self.zoom_out_button = button("Zoom out", "Zoom out", tip="See more of the map (Ctrl+-)")
        self.zoom_in_button = button("Zoom in", "Zoom in", tip="See the boxes larger (Ctrl++)")
        self.start_button = button("Back to the start", "Back to the start of your path",
                                   tip="Where your conversation began, at a size you can "
                                       "read (Ctrl+0)")
        self.path_button = button("All of your path", "Show all of your path",
                                  tip="Your whole path at once, from the first moment to "
                                      "the ending")
        self.whole_button = button("The whole map", "Show the whole map",
                                   tip="Every moment and ending in the conversation at once")
        self.close_button = button("Close", "Close the map", primary=True,
                                   tip="Close this map (Esc). Your report stays open.")
        self.zoom_out_button.clicked.connect(self.map.zoom_out)
        self.zoom_in_button.clicked.connect(self.map.zoom_in)
        self.start_button.clicked.connect(self.show_path)
        self.path_button.clicked.connect(lambda: self.show_path(readable=False))
        self.whole_button.clicked.connect(self.map.fit)
        self.close_button.clicked.connect(self.close)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.start_button,
                       self.path_button, self.whole_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.map.zoom_in),
                           (QKeySequence("Ctrl+="), self.map.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.map.zoom_out),
                           (QKeySequence("Ctrl+0"), self.show_path)):
            QShortcut(QKeySequence(keys), self, slot)
        self._fit_on_show = False

    def _responses_panel(self) -> QScrollArea:
        """Beside the map: the moment clicked, and every response possible there."""
        self.responses = label(PICK_A_BOX, rich=True, name="The moment you clicked")
        self.responses.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.responses.setProperty("card", "true")
        self.responses.setMargin(10)
        panel = QScrollArea()
        panel.setWidgetResizable(True)
        panel.setFrameShape(QFrame.Shape.NoFrame)
        panel.setWidget(self.responses)
        panel.setFixedWidth(340)
        panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return panel

    def _on_map_node_selected(self, node_id: str) -> None:
        scenario = self.scenario
        self.responses.setText(moment_html(scenario, node_id, self.route)
                               if scenario is not None and node_id else PICK_A_BOX)

    def show_route(self, scenario: Scenario, route: list[Step],
                   changed: bool = False) -> None:
        """Draw `scenario` with `route` outlined; `changed`: the file was edited since."""
        self.route = list(route)
        self.scenario = scenario
        self.responses.setText(PICK_A_BOX)
        title = scenario.title
        self.setWindowTitle(f"Your path through {title} · Rapport")
        self.heading.setText(f"The path you took through {title}")
        self.notice.setVisible(changed)
        self.map.show_scenario(scenario)
        self.map.show_route([(a, b) for a, b, _ in self.route], [n for _, _, n in self.route])
        if self.isVisible():
            self.show_path()
        else:
            self._fit_on_show = True  # the view's size is known once it is shown

    def show_path(self, readable: bool = True) -> None:
        """The route: all of it, or (`readable`) its beginning at a readable size when
        the whole of it would be too small to make out at all.

        Where the path ended matters most to a learner, and endings sit in the map's
        last column, so a short path to an early walk-out can span the whole map: the
        whole path is shown down to WHOLE_PATH_SMALLEST, where the boxes' words are too
        small to read but the outline, the boxes and the ending's colour are clear."""
        self.map.fit_route(self.route[0][0] if self.route else "", readable,
                           smallest=WHOLE_PATH_SMALLEST)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if self._fit_on_show:
            self._fit_on_show = False
            self.show_path()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # from the map or any button
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.map.scene().clearSelection()
        super().closeEvent(event)


def moment_html(scenario: Scenario, node_id: str, route: list[Step]) -> str:
    """What was said at one box and every response the learner could have given,
    the ones they chose marked (an ending: its title and what the client said)."""
    esc = html.escape
    parts: list[str] = []
    ending = scenario.endings.get(node_id)
    node = scenario.nodes.get(node_id)
    lines = ending.lines if ending is not None else node.lines if node is not None else ()
    if ending is not None:
        outcome = words.OUTCOMES.get(ending.outcome, ending.outcome)
        parts.append(f"<p><b>Ending: {esc(ending.title)}</b> ({esc(outcome)})</p>")
    for line in lines:
        cue = f" <i>({esc(line.cue)})</i>" if line.cue else ""
        parts.append(f"<p><b>{esc(scenario.speaker_name(line.speaker))}</b>{cue}: "
                     f"“{esc(line.text)}”</p>")
    if node is None:
        return "".join(parts)
    chosen = {number for source, _target, number in route if source == node_id}
    parts.append("<p><b>The responses you could have given here</b></p>")
    for option in node.options:
        grade = words.GRADE_SHORT.get(option.grade, option.grade)
        mark = " <b>← you chose this</b>" if option.number in chosen else ""
        parts.append(f"<p>{option.number}. “{esc(option.text)}” <i>({esc(grade)})</i>"
                     f"{mark}</p>")
    return "".join(parts)
