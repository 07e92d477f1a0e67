"""The briefing: who the client is, what to practise, content notes, and the
choice between practice and assessment."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from simulator.core.model import Scenario

from . import words
from .avatar import AvatarWidget
from .widgets import FlowLayout, button, card, chip, column, hbox, label, vbox

FREE_TEXT_SWITCH = ("Answer in my own words: write what you would say before you see the "
                    "written responses")
FREE_TEXT_TIP = ("Your words are coded on this computer the way a MITI coder would code them "
                 "(question, reflection, affirming…), and the conversation carries on with "
                 "the written response closest to what you did. You can always switch to "
                 "the written responses.")


class BriefingPage(QWidget):
    start_requested = Signal(str, str)  # scenario id, mode
    present_requested = Signal(str)  # scenario id: presenter mode, for a class
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.scenario_id = ""
        outer = vbox(self)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        self._body: QWidget | None = None
        self.mode_group = QButtonGroup(self)
        self.free_text_box: QCheckBox | None = None
        self._free_text = False  # kept across scenarios, like a preference
        self.start_button = button("Start the conversation", "Start the conversation",
                                   primary=True)
        # Parented from the start: a parentless widget left in a reference cycle can be
        # freed by Python's garbage collector while Qt is walking every widget.
        self.start_button.setParent(self)
        self.start_button.hide()
        self.start_button.clicked.connect(self._on_start_clicked)
        self.present_button = button(
            "Present to a class…", "Present this scenario to a class",
            tip="Full screen for a projector: the class votes on each response before "
                "seeing the grades (keys: digits, arrows, Page Up/Down for a clicker).")
        self.present_button.setParent(self)
        self.present_button.hide()
        self.present_button.clicked.connect(
            lambda: self.present_requested.emit(self.scenario_id))

    def mode(self) -> str:
        checked = self.mode_group.checkedButton()
        return str(checked.property("mode")) if checked else "practice"

    def free_text(self) -> bool:
        """Did the learner choose to answer in their own words?"""
        return self.free_text_box.isChecked() if self.free_text_box else self._free_text

    def show_scenario(self, scenario: Scenario, default_mode: str) -> None:
        self.scenario_id = scenario.id
        if self._body is not None:  # setWidget below deletes the old body; keep the button
            self.start_button.setParent(self)
            self.present_button.setParent(self)
        body = QWidget()
        body.setObjectName("pageBody")
        self._body = body
        layout = vbox(body, (28, 18, 28, 28), 14)
        back = button("← Back to the library", "Back to the library")
        back.clicked.connect(self.back_requested)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)

        header = hbox(spacing=20)
        face = AvatarWidget(140)
        face.show_face(scenario.client.avatar, "calm", scenario.client.name, scenario.client.name)
        header.addWidget(face, 0, Qt.AlignmentFlag.AlignTop)
        intro_box, intro = column(spacing=6)
        intro.addWidget(label(scenario.title, "title"))
        intro.addWidget(label(" · ".join([
            words.setting_name(scenario.setting),
            words.DIFFICULTY.get(scenario.difficulty, scenario.difficulty),
            words.minutes_text(scenario.minutes)]), "muted"))
        client = scenario.client
        who = client.name + (f", {client.age}" if client.age else "")
        who += f" — {client.role}" if client.role else ""
        intro.addWidget(label(f"You are meeting {who}.", "subheading"))
        if scenario.summary:
            intro.addWidget(label(scenario.summary))
        tags = QWidget()
        flow = FlowLayout(tags)
        for kind in scenario.resistance:
            flow.addWidget(chip(words.resistance_name(kind), "warn",
                                f"<p>{words.RESISTANCE_TIPS.get(kind, '')}</p>"))
        intro.addWidget(tags)
        intro.addStretch(1)
        header.addWidget(intro_box, 1)
        layout.addLayout(header)

        if scenario.content_notes:
            notice = QFrame()
            notice.setProperty("notice", True)
            notice.setAccessibleName("Content note")
            note = vbox(notice, (16, 12, 16, 12), 4)
            note.addWidget(label("A gentle heads-up before you start", "subheading"))
            note.addWidget(label("This conversation touches on:\n" + "\n".join(
                f"•  {words.list_item(item)}" for item in scenario.content_notes)))
            note.addWidget(label("You can stop at any time: your progress is saved, and you "
                                 "can come back to it from the library."))
            layout.addWidget(notice)

        if client.background:
            layout.addWidget(self._section(f"About {client.name}", client.background))
        layout.addWidget(self._section("Your part in this meeting", scenario.briefing))
        if scenario.objectives:
            layout.addWidget(self._section(
                "What to practise", "\n".join(f"•  {o}" for o in scenario.objectives)))

        modes = card()
        modes.setAccessibleName("How do you want to play?")
        mode_layout = vbox(modes, (18, 14, 18, 16), 8)
        mode_layout.addWidget(label("How do you want to play?", "heading"))
        for button_ in self.mode_group.buttons():
            self.mode_group.removeButton(button_)
        for mode in ("practice", "assessment"):
            radio = QRadioButton(f"{words.MODES[mode]}: {words.MODE_TIPS[mode]}")
            radio.setProperty("mode", mode)
            radio.setAccessibleName(f"{words.MODES[mode]} mode")
            radio.setAccessibleDescription(words.MODE_TIPS[mode])
            radio.setChecked(mode == default_mode)
            self.mode_group.addButton(radio)
            mode_layout.addWidget(radio)
        self._free_text = self.free_text()
        self.free_text_box = QCheckBox(FREE_TEXT_SWITCH)
        self.free_text_box.setToolTip(FREE_TEXT_TIP)
        self.free_text_box.setAccessibleName("Answer in your own words")
        self.free_text_box.setAccessibleDescription(FREE_TEXT_TIP)
        self.free_text_box.setChecked(self._free_text)
        mode_layout.addWidget(self.free_text_box)
        mode_layout.addWidget(label("In both modes your choices are saved as you go, and the "
                                    "full report with what went well comes at the end.",
                                    "small"))
        layout.addWidget(modes)
        buttons = hbox(spacing=12)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.present_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.start_button.show()
        self.present_button.show()
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self.scroll.verticalScrollBar().setValue(0)
        self.start_button.setFocus()

    @staticmethod
    def _section(title: str, text: str) -> QFrame:
        frame = card()
        frame.setAccessibleName(title)
        layout = vbox(frame, (18, 14, 18, 14), 6)
        layout.addWidget(label(title, "heading"))
        layout.addWidget(label(text))
        return frame

    def _on_start_clicked(self) -> None:
        self.start_requested.emit(self.scenario_id, self.mode())
