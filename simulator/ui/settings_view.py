"""The settings screen. Every change applies at once; there is nothing to save."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from . import words
from .settings import TEXT_SIZES, THEME_NAMES, Preferences
from .widgets import button, card, hbox, label, restyle, scrolling_page, vbox


class SettingsPage(QWidget):
    changed = Signal(dict)  # the preferences that changed, by name
    browse_requested = Signal()
    voice_check_requested = Signal()  # reading aloud is on: does an engine work here?

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        layout = scrolling_page(self, (28, 22, 28, 28), 14)
        layout.addWidget(label("Settings", "title"))
        layout.addWidget(label("Changes apply straight away.", "muted"))

        look = card()
        form = QFormLayout(look)
        form.setContentsMargins(18, 16, 18, 16)
        form.setSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(label("How it looks", "heading"))
        self.text_size = QComboBox()
        self.text_size.setAccessibleName("Text size")
        for key, (name, points) in TEXT_SIZES.items():
            self.text_size.addItem(f"{name} ({points} pt)", key)
        self.text_size.setToolTip("Larger sizes suit a projector or a trainer's screen "
                                  "(Ctrl+Plus and Ctrl+Minus change it too). To run a "
                                  "scenario with a class, use 'Present to a class' on its "
                                  "briefing: every response fits the screen.")
        form.addRow(self._form_label("Text size", self.text_size), self.text_size)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Colours")
        for key, name in THEME_NAMES.items():
            self.theme.addItem(name, key)
        form.addRow(self._form_label("Colours", self.theme), self.theme)
        layout.addWidget(look)

        play = card()
        play_form = QFormLayout(play)
        play_form.setContentsMargins(18, 16, 18, 16)
        play_form.setSpacing(12)
        play_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        play_form.addRow(label("Playing", "heading"))
        self.meters = QCheckBox("Show how the client is feeling (trust, and how stirred up "
                                "they are) in practice mode")
        self.meters.setAccessibleName("Show the client's trust and arousal meters")
        self.meters.setToolTip("Two bars beside the client's face. Trust: how far they believe "
                               "you are on their side. Arousal: how stirred up they are. "
                               "Meters are always hidden in assessment mode.")
        play_form.addRow(self.meters)
        self.mode = QComboBox()
        self.mode.setAccessibleName("Mode chosen at first")
        for key, name in words.MODES.items():
            self.mode.addItem(f"{name}: {words.MODE_TIPS[key]}", key)
        play_form.addRow(self._form_label("Mode chosen at first", self.mode), self.mode)
        self.read_aloud = QCheckBox("Read the client's words aloud")
        self.read_aloud.setAccessibleName("Read the client's words aloud")
        self.read_aloud.setToolTip("Uses this computer's own speech engine; nothing is sent "
                                   "anywhere. Off unless you turn it on.")
        play_form.addRow(self.read_aloud)
        self.voice_note = label("", "small", name="Reading aloud")
        self.voice_note.hide()
        play_form.addRow(self.voice_note)
        layout.addWidget(play)

        folder_card = card()
        folder_layout = vbox(folder_card, (18, 16, 18, 16), 8)
        folder_layout.addWidget(label("Your own scenarios", "heading"))
        folder_layout.addWidget(label("Scenarios in this folder appear in the library beside "
                                      "the ones that come with Rapport. Files with problems "
                                      "show what needs fixing.", "muted"))
        row = hbox(spacing=8)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("No folder chosen")
        self.folder.setAccessibleName("Your scenarios folder")
        self.folder.editingFinished.connect(self._on_folder_edited)
        row.addWidget(self.folder, 1)
        self.browse = button("Choose…", "Choose your scenarios folder")
        self.browse.clicked.connect(self.browse_requested)
        row.addWidget(self.browse)
        self.clear_folder = button("Clear", "Stop using your own scenarios folder")
        self.clear_folder.clicked.connect(lambda: self.changed.emit({"user_folder": ""}))
        row.addWidget(self.clear_folder)
        folder_layout.addLayout(row)
        layout.addWidget(folder_card)
        self._sections = layout
        self.where = label("", "small")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        layout.addStretch(1)

        self.text_size.currentIndexChanged.connect(
            lambda: self._emit("text_size", self.text_size.currentData()))
        self.theme.currentIndexChanged.connect(
            lambda: self._emit("theme", self.theme.currentData()))
        self.mode.currentIndexChanged.connect(
            lambda: self._emit("default_mode", self.mode.currentData()))
        self.meters.toggled.connect(lambda on: self._emit("meters", on))
        self.read_aloud.toggled.connect(lambda on: self._emit("read_aloud", on))
        self._updating = False

    def add_section(self, widget: QWidget) -> None:
        """Add a card after the built-in ones (other features bring their own settings)."""
        self._sections.insertWidget(self._sections.indexOf(self.where), widget)

    @staticmethod
    def _form_label(text: str, buddy: QWidget) -> QWidget:
        widget = label(text)
        widget.setBuddy(buddy)
        return widget

    def _emit(self, key: str, value: object) -> None:
        if not self._updating:
            self.changed.emit({key: value})

    def _on_folder_edited(self) -> None:
        self._emit("user_folder", self.folder.text().strip())

    def show_voice(self, note: str, works: bool) -> None:
        """Whether reading aloud works on this computer, in plain words."""
        self.voice_note.setText(note)
        restyle(self.voice_note, "role", "small" if works else "")  # a problem: full size
        self.voice_note.setVisible(bool(note))

    def show_preferences(self, prefs: Preferences, data_folder: str = "") -> None:
        self._updating = True
        try:
            self.text_size.setCurrentIndex(max(0, self.text_size.findData(prefs.text_size)))
            self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
            self.mode.setCurrentIndex(max(0, self.mode.findData(prefs.default_mode)))
            self.meters.setChecked(prefs.meters)
            self.read_aloud.setChecked(prefs.read_aloud)
            self.folder.setText(prefs.user_folder)
            self.clear_folder.setEnabled(bool(prefs.user_folder))
            if data_folder:
                self.where.setText(f"Rapport keeps your history, settings and log in "
                                   f"{data_folder}")
        finally:
            self._updating = False
