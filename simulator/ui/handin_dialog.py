"""Choose which sessions to hand in: finished ones are ticked, the rest can be."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QWidget

from simulator.storage.history import SessionSummary

from . import words
from .widgets import button, hbox, label, vbox


def describe(record: SessionSummary) -> str:
    score = record.scores.get("overall")
    if record.finished and score is not None:
        result = f"{record.ending_title or 'Finished'}, {score}/100"
    else:
        result = f"not finished ({record.turns} response{'s' if record.turns != 1 else ''})"
    return f"{record.scenario_title} — {result} · {words.when_text(record.updated_at)}"


class HandInDialog(QDialog):
    """`chosen` after accept: the record ids ticked, in the list's order."""

    def __init__(self, records: Sequence[SessionSummary], who: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hand in sessions")
        self.setAccessibleName("Hand in sessions")
        self.chosen: list[str] = []
        layout = vbox(self, (20, 18, 20, 18), 10)
        layout.addWidget(label(f"Hand in as {who}", "heading"))
        layout.addWidget(label("Tick the sessions your trainer asked for. They go into one "
                               "file that you send or upload; your trainer's copy of Rapport "
                               "can tell if the file was changed after you saved it.",
                               "muted"))
        self.list = QListWidget()
        self.list.setAccessibleName("Sessions to hand in")
        self.list.setWordWrap(True)  # long titles wrap: no sideways scrolling
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for record in records:
            item = QListWidgetItem(describe(record))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if record.finished
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self._update())
        layout.addWidget(self.list, 1)
        row = hbox(spacing=10)
        row.addStretch(1)
        cancel = button("Cancel")
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.save_button = button("Save the hand-in file…", primary=True)
        self.save_button.clicked.connect(self._on_save_clicked)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        line = self.fontMetrics().height()  # larger text sizes get a larger dialog
        self.resize(max(760, line * 28), max(460, line * 17))
        self._update()

    def ticked(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _update(self) -> None:
        count = len(self.ticked())
        self.save_button.setEnabled(count > 0)
        self.save_button.setText(f"Save the hand-in file ({count} session"
                                 f"{'s' if count != 1 else ''})…")

    def _on_save_clicked(self) -> None:
        self.chosen = self.ticked()
        if self.chosen:
            self.accept()
