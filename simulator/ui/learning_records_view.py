"""The "Learning records" card on the settings screen: where to send, who you are, and
the switch. It only shows and collects; `learning_records.LearningRecords` acts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from simulator.xapi.config import XapiSettings

from .widgets import button, card, hbox, label, vbox

LRS_TIP = ("A learning record store (LRS) is where your university keeps records of "
           "learning, often beside its virtual learning environment. Your tutor gives you "
           "its address, a key and a secret.")


class LearningRecordsCard(QWidget):
    save_requested = Signal(object, object)  # XapiSettings, the new secret or None
    send_now_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = vbox(self)
        frame = card()
        outer.addWidget(frame)
        layout = vbox(frame, (18, 16, 18, 16), 8)
        layout.addWidget(label("Learning records", "heading"))
        intro = label("Your university can keep a record of your practice: the responses "
                      "you chose, how they were scored, and how each conversation ended. "
                      "Nothing is sent unless you switch this on.", "muted")
        intro.setToolTip(LRS_TIP)
        layout.addWidget(intro)
        self.send = QCheckBox("Send my learning records to my university")
        self.send.setAccessibleName("Send learning records")
        self.send.setToolTip("While this is off, nothing about your sessions leaves this "
                             "computer.")
        layout.addWidget(self.send)

        form = QFormLayout()
        form.setSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.endpoint = self._field(form, "Record store address",
                                    "https://lrs.example.edu/xapi/", LRS_TIP)
        self.key = self._field(form, "Key", "from your tutor")
        self.secret = self._field(form, "Secret", "from your tutor")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.learner_name = self._field(form, "Your name", "as your tutor knows you")
        self.account_name = self._field(form, "Student id", "e.g. s1234567",
                                        "Your student number or user name at your "
                                        "university; records are filed under it.")
        self.homepage = self._field(form, "University web address",
                                    "https://www.example.edu",
                                    "Your university's main web address; with your student "
                                    "id it tells the record store who you are.")
        layout.addLayout(form)

        row = hbox(spacing=8)
        self.save = button("Save", "Save the learning-record settings", primary=True)
        self.save.clicked.connect(self._on_save_clicked)
        row.addWidget(self.save)
        self.send_now = button("Send now", "Send waiting learning records now",
                               tip="Try again straight away instead of waiting.")
        self.send_now.clicked.connect(self.send_now_requested)
        row.addWidget(self.send_now)
        row.addStretch(1)
        layout.addLayout(row)
        self.problems = label("", "small")
        self.problems.setAccessibleName("Learning-record settings problems")
        layout.addWidget(self.problems)
        self.state = label("", "small")
        self.state.setAccessibleName("Learning-record status")
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state)
        self._has_secret = False

    @staticmethod
    def _field(form: QFormLayout, name: str, placeholder: str, tip: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        if tip:
            edit.setToolTip(tip)
        caption = label(name)
        caption.setBuddy(edit)
        form.addRow(caption, edit)
        return edit

    def show_settings(self, settings: XapiSettings, has_secret: bool) -> None:
        self.send.setChecked(settings.send)
        self.endpoint.setText(settings.endpoint)
        self.key.setText(settings.key)
        self.secret.clear()
        self._has_secret = has_secret
        self.secret.setPlaceholderText("saved (type to change)" if has_secret
                                       else "from your tutor")
        self.learner_name.setText(settings.learner_name)
        self.account_name.setText(settings.account_name)
        self.homepage.setText(settings.account_homepage)
        self.show_problems(settings.problems() if settings.send else [], has_secret)

    def show_problems(self, problems: list[str], has_secret: bool = True) -> None:
        if not has_secret and self.send.isChecked():
            problems = [*problems, "the secret is missing"]
        self.problems.setText("" if not problems else
                              "Not sending yet: " + "; ".join(problems) + ".")

    def show_state(self, text: str) -> None:
        self.state.setText(text)

    def _on_save_clicked(self) -> None:
        settings = XapiSettings(
            send=self.send.isChecked(), endpoint=self.endpoint.text().strip(),
            key=self.key.text().strip(), learner_name=self.learner_name.text().strip(),
            account_name=self.account_name.text().strip(),
            account_homepage=self.homepage.text().strip())
        secret = self.secret.text() or None
        self.save_requested.emit(settings, secret)
