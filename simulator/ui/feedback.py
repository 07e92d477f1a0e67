"""The practice-mode feedback panel: the grade, the codes as chips with
tooltips, the explanation, and the two ways on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from .free_text import FreeTextFeedback
from .present import Feedback
from .widgets import FlowLayout, button, chip_for, hbox, label, plain_text, restyle, vbox

SYMBOLS = {"best": "✓", "acceptable": "✓", "unhelpful": "!", "harmful": "✕"}


class FeedbackPanel(QFrame):
    undo_requested = Signal()
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("grade", "best")
        self.setAccessibleName("Feedback on your response")
        layout = vbox(self, (18, 14, 18, 14), 10)
        self.headline = label("", wrap=True)
        self.headline.setProperty("gradeText", "best")
        self.headline.setAccessibleName("How your response went")
        layout.addWidget(self.headline)
        self.safety = label("", "subheading")
        self.safety.setAccessibleName("A safety failure")
        layout.addWidget(self.safety)
        self.free_text = FreeTextFeedback()
        layout.addWidget(self.free_text)
        self.chip_box = QWidget()
        self.chip_box.setAccessibleName("What your response did")
        self.chips = FlowLayout(self.chip_box, spacing=6)
        layout.addWidget(self.chip_box)
        self.explanation = label("")
        self.explanation.setAccessibleName("Why")
        layout.addWidget(self.explanation)
        self.nudge = label("", "muted")
        layout.addWidget(self.nudge)
        row = hbox(spacing=10)
        self.undo_button = button("Try a different response", "Try a different response",
                                  tip="Take this response back and choose again (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_requested)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        self.continue_button = button("Continue  →", "Continue the conversation", primary=True,
                                      tip="See how the client responds (Enter)")
        self.continue_button.clicked.connect(self.continue_requested)
        self.continue_button.setDefault(True)
        row.addWidget(self.continue_button)
        layout.addLayout(row)
        self.feedback: Feedback | None = None
        self.pool: list[QLabel] = []

    def show_feedback(self, feedback: Feedback) -> None:
        if self.property("grade") != feedback.grade:  # re-styling costs; only on a change
            restyle(self, "grade", feedback.grade)
            restyle(self.headline, "gradeText", feedback.grade)
        self.feedback = feedback
        self.headline.setText(f"{SYMBOLS.get(feedback.grade, '')}  {feedback.headline}")
        # Chips are reused: a new styled label costs a style-sheet pass, and the
        # feedback must appear within a frame of the click.
        while len(self.pool) < len(feedback.chips):
            widget = chip_for(feedback.chips[len(self.pool)])
            self.chips.addWidget(widget)
            self.pool.append(widget)
        for widget, item in zip(self.pool, feedback.chips, strict=False):
            widget.setText(item.text)
            widget.setToolTip(item.tooltip)
            widget.setAccessibleName(item.text)
            widget.setAccessibleDescription(plain_text(item.tooltip))
            if widget.property("chip") != item.tone:
                restyle(widget, "chip", item.tone)
            widget.show()
        for widget in self.pool[len(feedback.chips):]:
            widget.hide()
        self.chips.invalidate()
        self.chip_box.setVisible(bool(feedback.chips))
        self.safety.setText(f"A safety failure: {feedback.safety}. In your report this caps "
                            "your score." if feedback.safety else "")
        self.safety.setVisible(bool(feedback.safety))
        self.free_text.show_view(feedback.free_text)
        self.explanation.setText(feedback.explanation)
        self.explanation.setVisible(bool(feedback.explanation))
        if feedback.is_best:
            self.nudge.setText("")
        elif feedback.can_undo:
            self.nudge.setText("There is a stronger response here. You can try a different "
                               "one, or carry on and see what happens.")
        else:
            self.nudge.setText("There was a stronger response here.")
        self.nudge.setVisible(bool(self.nudge.text()))
        self.undo_button.setVisible(feedback.can_undo)
        self.setAccessibleDescription(f"{feedback.headline}. {feedback.explanation}")

    def focus_continue(self) -> None:
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
