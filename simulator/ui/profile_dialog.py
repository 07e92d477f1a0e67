"""Choose who is practising: a known profile, a new one, or no profile.

Shown at start on a computer that has profiles (a shared lab PC), and from the
profile button in the navigation bar. It only collects the choice; the window
opens that profile's history.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from simulator.core.profile import Profile, ProfileError

from .widgets import button, hbox, label, vbox


class ProfileDialog(QDialog):
    """`chosen` after accept: the Profile, or None for "no profile"."""

    def __init__(self, known: Sequence[Profile], current: Profile | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is practising?")
        self.setAccessibleName("Who is practising?")
        self.chosen: Profile | None = None
        layout = vbox(self, (20, 18, 20, 18), 10)
        layout.addWidget(label("Who is practising?", "heading"))
        layout.addWidget(label("On a shared computer each student keeps their own history. "
                               "Pick your name, or add yourself below.", "muted"))
        self.list = QListWidget()
        self.list.setAccessibleName("Students on this computer")
        for profile in known:
            item = QListWidgetItem(profile.label)
            item.setData(Qt.ItemDataRole.UserRole, profile)
            self.list.addItem(item)
            if profile == current:
                self.list.setCurrentItem(item)
        if self.list.count() and self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.list.setVisible(bool(known))
        self.list.itemDoubleClicked.connect(lambda _item: self._on_use_clicked())
        layout.addWidget(self.list)
        self.use_button = button("Continue as this student", primary=True)
        self.use_button.setVisible(bool(known))
        self.use_button.clicked.connect(self._on_use_clicked)
        layout.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignLeft)

        layout.addWidget(label("New student", "subheading"))
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name")
        self.student_id = QLineEdit()
        self.student_id.setAccessibleName("Student id")
        self.student_id.setToolTip("The number or login your university gives you; the "
                                   "gradebook uses it to find you.")
        self.class_code = QLineEdit()
        self.class_code.setAccessibleName("Class code")
        self.class_code.setToolTip("The code your trainer gave the class, e.g. SW2-2026.")
        form.addRow("Name", self.name)
        form.addRow("Student id", self.student_id)
        form.addRow("Class code", self.class_code)
        layout.addLayout(form)
        self.problem = label("", "muted")
        self.problem.hide()
        layout.addWidget(self.problem)
        row = hbox(spacing=10)
        self.add_button = button("Add me and continue")
        self.add_button.clicked.connect(self._on_add_clicked)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.none_button = button("Continue without a profile",
                                  tip="Your sessions go in this computer's shared history.")
        self.none_button.clicked.connect(self._on_none_clicked)
        row.addWidget(self.none_button)
        layout.addLayout(row)
        (self.use_button if known else self.name).setFocus()

    def _on_use_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()

    def _on_add_clicked(self) -> None:
        try:
            profile = Profile(self.name.text(), self.student_id.text(), self.class_code.text())
        except ProfileError as error:
            self.problem.setText(f"Almost: {error}.")
            self.problem.show()
            return
        self.chosen = profile
        self.accept()

    def _on_none_clicked(self) -> None:
        self.chosen = None
        self.accept()
