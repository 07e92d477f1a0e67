"""The studio window: puts the map, the problems, the file and the test player together.

The window owns no checking or drawing logic. It opens a file, lets the watcher
announce saves, hands each save to the checker and routes the plain results to
the panels. When a save has errors the map keeps the last version that worked,
so the writer never loses their place while fixing a typo.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import Problem
from ...core.model import Scenario
from . import dialogs, exports, palette
from .checker import TEACHING, Checked, Checker
from .legend import Legend
from .map_view import MapView
from .node_panel import NodePanel
from .problems_panel import ProblemsPanel, summary
from .source_view import SourceView
from .test_player import TestPlayer
from .watcher import FileWatcher

EMPTY = "Open a scenario file to see its map"
EMPTY_DETAIL = ("The studio checks the file every time you save it in your own editor, "
                "lists anything to fix underneath and redraws the map.")


class StudioWindow(QMainWindow):
    """The writers' studio for one scenario file at a time."""

    def __init__(self, path: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rapport writers' studio")
        self.setAccessibleName("Rapport writers' studio")
        self.resize(1440, 900)
        self.path = ""
        self.scenario: Scenario | None = None
        # Answers shown for the open file (tests and benchmarks wait on them): the map and
        # errors of a save, and the complete list (teaching points included).
        self.checks_done = 0
        self.final_checks_done = 0
        self.problems_shown: list[Problem] = []
        self._route: list[tuple[str, str, int]] = []  # (from, to, response) played
        self.watcher = FileWatcher(parent=self)
        self.checker = Checker(self)
        self.map = MapView()
        self.problems = ProblemsPanel()
        self.source = SourceView()
        self.node_panel = NodePanel()
        self.player = TestPlayer()
        self._build()
        self._connect()
        self._set_has_map(False)
        if path:
            self.open_path(path)

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self._message = QLabel(EMPTY)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setStyleSheet("font-size: 20px; font-weight: 600;")
        self._message.setAccessibleName("Map status")
        self._detail = detail = QLabel(EMPTY_DETAIL)
        detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail.setWordWrap(True)
        self._open_button = QPushButton("&Open a scenario file…")
        self._open_button.setAccessibleName("Open a scenario file")
        self._open_button.clicked.connect(self.choose_file)
        empty = QWidget()
        column = QVBoxLayout(empty)
        column.addStretch(1)
        column.addWidget(self._message)
        column.addWidget(detail)
        column.addWidget(self._open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        self._banner = QLabel()
        self._banner.setWordWrap(True)
        self._banner.setAccessibleName("Map notice")
        self._banner.setStyleSheet(f"background: #fdf0d5; color: {palette.TEXT}; "
                                   f"border: 1px solid {palette.WARNING}; padding: 6px;")
        self._banner.hide()
        map_page = QWidget()
        map_column = QVBoxLayout(map_page)
        map_column.setContentsMargins(0, 0, 0, 0)
        map_column.setSpacing(0)
        map_column.addWidget(self._banner)
        map_column.addWidget(self.map, 1)
        map_column.addWidget(Legend())
        self._map_stack = QStackedWidget()
        self._map_stack.addWidget(empty)
        self._map_stack.addWidget(map_page)
        self._side = QStackedWidget()
        self._side.addWidget(self.node_panel)
        self._side.addWidget(self.player)
        self._side.setMinimumWidth(340)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self._map_stack)
        top.addWidget(self._side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setSizes([1040, 400])
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.problems)
        bottom.addWidget(self.source)
        bottom.setSizes([820, 620])
        whole = QSplitter(Qt.Orientation.Vertical)
        whole.addWidget(top)
        whole.addWidget(bottom)
        whole.setStretchFactor(0, 3)
        whole.setStretchFactor(1, 1)
        whole.setSizes([640, 240])
        self.setCentralWidget(whole)
        self._build_actions()

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action("&Open…", self.choose_file, QKeySequence.StandardKey.Open,
                                        "Open a scenario file")
        self.reload_action = self._action("&Check again", self.check_again, "F5",
                                          "Check the file again now")
        self.zoom_in_action = self._action("Zoom &in", self.map.zoom_in, "Ctrl+=")
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action("Zoom &out", self.map.zoom_out, "Ctrl+-")
        self.fit_action = self._action("&Fit the map", self.map.fit, "Ctrl+0",
                                       "Show the whole map")
        self.svg_action = self._action("Map as &SVG picture…", self.export_svg)
        self.png_action = self._action("Map as &PNG picture…", self.export_png)
        self.mermaid_action = self._action("&Mermaid text…", self.export_mermaid)
        files = self.menuBar().addMenu("&File")
        files.addActions([self.open_action, self.reload_action])
        export = files.addMenu("&Export")
        export.addActions([self.svg_action, self.png_action, self.mermaid_action])
        files.addSeparator()
        files.addAction(self._action("&Close", self.close, QKeySequence.StandardKey.Close))
        view = self.menuBar().addMenu("&View")
        view.addActions([self.zoom_in_action, self.zoom_out_action, self.fit_action])
        bar = self.addToolBar("Studio")
        bar.setObjectName("studio-toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.open_action, self.reload_action])
        bar.addSeparator()
        bar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_action])
        self._zoom_label = QLabel("")
        self._zoom_label.setAccessibleName("Zoom level")
        self._zoom_label.setMinimumWidth(48)
        bar.addWidget(self._zoom_label)
        bar.addSeparator()
        button = QToolButton()
        button.setText("Export the map")
        button.setAccessibleName("Export the map")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        menu.addActions([self.svg_action, self.png_action, self.mermaid_action])
        button.setMenu(menu)
        bar.addWidget(button)
        self._export_button = button

    def _connect(self) -> None:
        self.watcher.changed.connect(self._on_watcher_changed)
        self.checker.started.connect(self._on_checker_started)
        self.checker.checked.connect(self._on_checker_checked)
        self.problems.problem_chosen.connect(self._on_problems_problem_chosen)
        self.map.node_selected.connect(self._on_map_node_selected)
        self.map.zoom_changed.connect(self._on_map_zoom_changed)
        self.node_panel.node_chosen.connect(self._on_node_panel_node_chosen)
        self.node_panel.play_requested.connect(self._on_node_panel_play_requested)
        self.player.route_changed.connect(self._on_player_route_changed)
        self.player.closed.connect(self._on_player_closed)

    def _set_has_map(self, has_map: bool) -> None:
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action,
                       self.svg_action, self.png_action, self.mermaid_action):
            action.setEnabled(has_map)
        self._export_button.setEnabled(has_map)
        self.reload_action.setEnabled(bool(self.path))
        self._map_stack.setCurrentIndex(1 if has_map else 0)

    # -- opening and checking -------------------------------------------------------------
    def choose_file(self) -> None:
        folder = str(Path(self.path).parent) if self.path else ""
        path = dialogs.ask_open_path(self, folder)
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> None:
        self.path = str(Path(path).resolve())
        self.scenario = None
        self.checks_done = 0
        self.final_checks_done = 0
        self._route = []
        self.player.stop()
        self.map.clear_map()
        self._banner.hide()
        name = Path(self.path).name
        self.setWindowTitle(f"{name} · Rapport writers' studio")
        self._message.setText(f"Checking {name}…")
        self._detail.setText(EMPTY_DETAIL)
        self._set_has_map(False)
        self._set_problems([])
        self.source.set_source("")
        self.watcher.watch(self.path)
        self.checker.check(self.path)

    def check_again(self) -> None:
        if self.path:
            self.checker.check(self.path)

    def _on_watcher_changed(self, path: str) -> None:
        if path == self.path:
            self.checker.check(path)

    def _on_checker_started(self, _path: str) -> None:
        self.problems.set_message("Checking the file…")
        self.statusBar().showMessage("Checking…")

    def _on_checker_checked(self, checked: Checked) -> None:
        if checked.path != self.path:
            return  # a check of a file that is no longer open
        if checked.stage == TEACHING:
            self._show_teaching_points(checked)
            return
        result = checked.result
        self.checks_done += 1
        self._set_problems(result.problems)
        self.source.set_source(checked.text)
        name = Path(self.path).name
        if result.scenario is not None:
            self._show_scenario(result.scenario)
        elif self.scenario is not None:
            self._banner.setText("This version of the file has errors, so the map shows the "
                                 "last version that worked. Fix the errors listed below and "
                                 "save: the map updates by itself.")
            self._banner.show()
        else:
            self._message.setText(f"{name} has errors, so there is no map yet")
            self._detail.setText("Fix the problems listed below and save the file; the map "
                                 "appears as soon as the scenario works.")
        took = f"Checked {name} in {checked.seconds:.2f} s at {time.strftime('%H:%M:%S')}"
        if checked.final:
            self.final_checks_done += 1
            self.statusBar().showMessage(took)
        else:
            self.problems.set_message(self._teaching_message(result.problems))
            self.statusBar().showMessage(f"{took}; now checking the teaching points…")

    def _set_problems(self, problems: list[Problem]) -> None:
        self.problems_shown = list(problems)
        self.problems.set_problems(self.problems_shown)

    @staticmethod
    def _teaching_message(problems: list[Problem]) -> str:
        """The summary while the teaching points are checked (the file has no errors)."""
        so_far = (f"{len(problems)} warning{'' if len(problems) == 1 else 's'} so far"
                  if problems else "No problems so far; the map shows this version")
        return (f"{so_far}. Checking the teaching points… (this plays every route, so it "
                "can take a few seconds; any warnings it finds will be added here)")

    def _show_teaching_points(self, checked: Checked) -> None:
        """Part 2 of a check: the complete list, for the version already on the map."""
        problems = checked.result.problems
        if problems != self.problems_shown:
            self._set_problems(problems)
        else:  # nothing new: leave the list (and the writer's place in it) as it is
            self.problems.set_message(summary(problems))
        self.final_checks_done += 1
        self.statusBar().showMessage(
            f"Checked {Path(self.path).name} in {checked.seconds:.2f} s, teaching points "
            f"included, at {time.strftime('%H:%M:%S')}")

    def _show_scenario(self, scenario: Scenario) -> None:
        again = self.scenario is not None
        self.scenario = scenario
        self._banner.hide()
        self.node_panel.set_scenario(scenario, keep_values=again)
        self._set_has_map(True)
        self.map.show_scenario(scenario, keep_view=again)
        self._draw_route()
        self.player.set_scenario(scenario)

    # -- panels ---------------------------------------------------------------------------
    def _on_problems_problem_chosen(self, line: int, col: int) -> None:
        if line > 0:
            self.source.show_line(line, col)

    def _on_map_node_selected(self, node_id: str) -> None:
        self.node_panel.show_node(node_id)

    def _on_map_zoom_changed(self, scale: float) -> None:
        self._zoom_label.setText(f"{round(scale * 100)}%")

    def _on_node_panel_node_chosen(self, node_id: str) -> None:
        self.map.select_node(node_id)

    def _on_node_panel_play_requested(self, node_id: str, values: dict[str, float],
                                      turns_before: int = 0) -> None:
        if self.scenario is None:
            return
        self._side.setCurrentWidget(self.player)
        self.player.start(self.scenario, node_id, values, turns_before)

    def _draw_route(self) -> None:
        self.map.show_route([(a, b) for a, b, _ in self._route], [n for _, _, n in self._route])

    def _on_player_route_changed(self, steps: list) -> None:
        self._route = [(str(a), str(b), int(n)) for a, b, n in steps]
        self._draw_route()
        if steps:  # follow the conversation: its current box selected, its arrows in focus
            self.map.select_node(str(steps[-1][1]))

    def _on_player_closed(self) -> None:
        self._side.setCurrentWidget(self.node_panel)

    # -- exports --------------------------------------------------------------------------
    def _export(self, title: str, suffix: str, file_filter: str,
                write: Callable[[Scenario, str], object]) -> str | None:
        scenario = self.scenario
        if scenario is None:
            return None
        suggested = str(Path(self.path).with_name(f"{Path(self.path).stem}-map{suffix}"))
        path = dialogs.ask_save_path(self, title, suggested, file_filter)
        if not path:
            return None
        try:
            write(scenario, path)
        except OSError as error:
            dialogs.tell(self, "The map was not saved", f"Rapport could not save {path}: "
                         f"{error.strerror or error}. Try another folder.")
            return None
        self.statusBar().showMessage(f"Saved {path}")
        return path

    def export_svg(self) -> str | None:
        return self._export("Export the map as an SVG picture", ".svg", "SVG pictures (*.svg)",
                            lambda s, p: exports.write_svg(self.map.scene(), p, s.title))

    def export_png(self) -> str | None:
        return self._export("Export the map as a PNG picture", ".png", "PNG pictures (*.png)",
                            lambda s, p: exports.write_png(self.map.scene(), p))

    def export_mermaid(self) -> str | None:
        return self._export("Export the map as Mermaid text", ".mmd",
                            "Mermaid text (*.mmd *.md *.txt)", exports.write_mermaid)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.watcher.stop()
        self.player.stop()
        self.checker.stop()
        self.checker.wait()
        super().closeEvent(event)
