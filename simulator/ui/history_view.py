"""The history screen: every session, finished or not, to open, resume or
delete, and the learner's progress per framework over time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from simulator.storage.history import SessionSummary

from . import charts, progress, words
from .plain import plain_tip
from .widgets import button, card, hbox, label, scrolling_page, vbox

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QKeyEvent

COLUMNS = ("Saved", "Scenario", "Mode", "Result", "Score")
SCORE_NAMES = {"overall": "Overall", "mi": "MI", "pace": "PACE", "r4": "4 R's",
               "trotter": "Trotter"}


class _Table(QTableWidget):
    activated_row = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated_row.emit()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class HistoryPage(QWidget):
    open_requested = Signal(str)  # record id (finished: its report)
    resume_requested = Signal(str)  # record id (unfinished: back into the conversation)
    delete_requested = Signal(str)  # record id
    hand_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.records: list[SessionSummary] = []
        layout = scrolling_page(self, (28, 22, 28, 22), 12)
        layout.addWidget(label("Your history", "title"))
        layout.addWidget(label("Every session you have played, newest first. Open a finished "
                               "one to see its report again, or continue one you left.",
                               "muted"))
        self.chart_card = card()
        chart_layout = vbox(self.chart_card, (18, 12, 18, 12), 6)
        chart_top = hbox(spacing=10)
        self.progress_title = label("Your progress", "heading", wrap=False)
        chart_top.addWidget(self.progress_title)
        # One scenario at a time: scores from different scenarios make no trend.
        self.progress_box = QComboBox()
        self.progress_box.setAccessibleName("Show your progress in this scenario")
        self.progress_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.progress_box.currentIndexChanged.connect(self._on_progress_box_changed)
        chart_top.addWidget(self.progress_box)
        chart_top.addStretch(1)
        chart_layout.addLayout(chart_top)
        self.progress_groups: list[progress.ScenarioProgress] = []
        self._chart_look: tuple[Mapping[str, str], QFont] | None = None
        self.chart_note = label("", "muted")
        chart_layout.addWidget(self.chart_note)
        self.chart_frame = QFrame()
        self.chart_holder = vbox(self.chart_frame, spacing=0)
        chart_layout.addWidget(self.chart_frame)
        self.table = _Table(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Saved sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(240)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.cellDoubleClicked.connect(lambda *_: self._on_open_clicked())
        self.table.activated_row.connect(self._on_open_clicked)
        self.table.delete_pressed.connect(self._on_delete_clicked)
        layout.addWidget(self.table, 1)
        self.empty = label("Nothing here yet. Sessions you play will appear here, and you can "
                           "continue any you leave part-way.", "muted")
        layout.addWidget(self.empty)
        row = hbox(spacing=10)
        self.open_button = button("Open report", "Open the selected session", primary=True)
        self.open_button.clicked.connect(self._on_open_clicked)
        row.addWidget(self.open_button)
        self.delete_button = button("Delete…", "Delete the selected session")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.hand_in_button = button("Hand in…", "Hand in sessions to your trainer",
                                     tip="Put the sessions your trainer asked for in one "
                                         "file to send them.")
        self.hand_in_button.clicked.connect(self.hand_in_requested)
        row.addWidget(self.hand_in_button)
        layout.addLayout(row)
        layout.addWidget(self.chart_card)
        self._on_table_selection_changed()

    def show_records(self, records: Sequence[SessionSummary], progress: Sequence[SessionSummary],
                     colours: Mapping[str, str], font: QFont) -> None:
        self.records = list(records)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            if record.finished:
                outcome = words.OUTCOMES.get(record.ending_outcome or "", "")
                result = f"{record.ending_title or 'Finished'} ({outcome})"
            else:
                result = f"In progress: {record.turns} response{'s' if record.turns != 1 else ''}"
            score = record.scores.get("overall")
            values = (words.when_text(record.updated_at), record.scenario_title,
                      words.MODES.get(record.mode, record.mode), result,
                      "" if score is None or not record.finished else f"{score}/100")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, record.id)
                item.setToolTip(plain_tip(value))  # the full text where a narrow column cuts it
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.records))
        self.empty.setVisible(not self.records)
        if self.records:
            self.table.selectRow(0)
        self._show_progress(progress, colours, font)
        self._on_table_selection_changed()

    def _show_progress(self, finished: Sequence[SessionSummary], colours: Mapping[str, str],
                       font: QFont) -> None:
        self._chart_look = (colours, font)
        wanted = self.progress_box.currentData()
        self.progress_groups = progress.by_scenario(finished)
        self.progress_box.blockSignals(True)
        self.progress_box.clear()
        for group in self.progress_groups:
            times = len(group.sessions)
            self.progress_box.addItem(f"{group.title} ({times} finished)", group.scenario_id)
        self.progress_box.setCurrentIndex(max(0, self.progress_box.findData(wanted)))
        self.progress_box.blockSignals(False)
        self.progress_box.setVisible(bool(self.progress_groups))
        self.progress_title.setText("Your progress in" if self.progress_groups
                                    else "Your progress")
        self._draw_progress()

    def _on_progress_box_changed(self, _index: int) -> None:
        self._draw_progress()

    def _draw_progress(self) -> None:
        while self.chart_holder.count():
            item = self.chart_holder.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        index = self.progress_box.currentIndex()
        if not self.progress_groups or index < 0 or self._chart_look is None:
            self.chart_note.setText("Finish a session to see your scores here, one scenario "
                                    "at a time.")
            self.chart_frame.hide()
            return
        group = self.progress_groups[index]
        self.chart_note.setText(progress.note(group))
        if len(group.sessions) < 2:
            self.chart_frame.hide()
            return
        points = group.points()
        colours, font = self._chart_look
        chart = charts.progress_chart(points, SCORE_NAMES, colours, font)
        view = charts.chart_view(chart, f"Progress chart: {group.title}", "; ".join(
            f"{SCORE_NAMES.get(k, k)}: {', '.join(str(v) for _, v in vals)}"
            for k, vals in points.items()))
        view.setMinimumHeight(320)
        self.chart_holder.addWidget(view)
        self.chart_frame.show()

    def selected(self) -> SessionSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        index = rows[0].row()
        return self.records[index] if 0 <= index < len(self.records) else None

    def _on_table_selection_changed(self) -> None:
        record = self.selected()
        self.open_button.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)
        finished = record is None or record.finished
        self.open_button.setText("Open report" if finished else "Continue")

    def _on_open_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        if record.finished:
            self.open_requested.emit(record.id)
        else:
            self.resume_requested.emit(record.id)

    def _on_delete_clicked(self) -> None:
        record = self.selected()
        if record is not None:
            self.delete_requested.emit(record.id)
