"""The report screen: the ending and debrief, the framework summaries, the
trust and arousal chart, and the transcript with each choice annotated."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QWidget

from simulator.core.frameworks import Framework

from . import charts, present, summary, words
from .chip import Chip
from .grid import CardGrid
from .widgets import FlowLayout, button, card, chip, chip_for, column, hbox, label, vbox

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

ROUTE_TIP = "Opens a map of the whole conversation with the path you took highlighted"


def route_of(report: Mapping[str, Any]) -> list[tuple[str, str, int]]:
    """The learner's path as (from node, to node or ending, response number) steps."""
    turns = list(report.get("turns", []))
    ending = (report.get("ending") or {}).get("id", "")
    steps = []
    for index, turn in enumerate(turns):
        after = turns[index + 1]["node"] if index + 1 < len(turns) else ending
        steps.append((str(turn["node"]), str(turn.get("led_to") or after), int(turn["option"])))
    return steps


def _chips(items: list[Chip] | tuple[Chip, ...]) -> QWidget:
    box = QWidget()
    flow = FlowLayout(box)
    for item in items:
        flow.addWidget(chip_for(item))
    return box


def _note_box(note: summary.Note) -> QFrame:
    """A boxed note: red for safety, amber for an ending the score does not explain."""
    box = QFrame()
    if note.tone == "bad":
        box.setProperty("card", "error")
    else:
        box.setProperty("notice", True)
    box.setAccessibleName(note.title)
    inner = vbox(box, (12, 8, 12, 8), 2)
    inner.addWidget(label(note.title, "subheading"))
    inner.addWidget(label(note.text))
    return box


class ReportPage(QWidget):
    export_requested = Signal(str)  # "pdf", "json" or "csv"
    play_again_requested = Signal(str)  # scenario id
    route_map_requested = Signal(str, list)  # scenario id, route_of(report)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.report: dict[str, Any] = {}
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The report opens with the focus on the report itself: arrows and Page Down
        # scroll it, and Enter does nothing (it used to press "Play again").
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.setProperty("focusRing", True)
        self.scroll.setAccessibleName("Your report")
        outer = vbox(self)
        bar = QFrame()
        bar.setObjectName("navBar")
        top = vbox(bar, (28, 10, 28, 10), 8)
        self.heading = label("", "heading")
        top.addWidget(self.heading)
        buttons = QWidget()
        actions = FlowLayout(buttons, spacing=8)  # wraps at large text sizes
        self.buttons = {}
        for kind, text, tip in (
                ("pdf", "Save as PDF", "A printable report to keep or hand in"),
                ("json", "Save data (JSON)", "Everything in this report, for other tools"),
                ("csv", "Save table (CSV)", "One row per response, for a spreadsheet")):
            widget = button(text, text, tip=tip)
            widget.clicked.connect(lambda _=False, k=kind: self.export_requested.emit(k))
            actions.addWidget(widget)
            self.buttons[kind] = widget
        self.route_button = button("See your route on the map", "See your route on the map",
                                   tip=ROUTE_TIP)
        self.route_button.clicked.connect(
            lambda: self.route_map_requested.emit(self.report.get("scenario", {}).get("id", ""),
                                                  route_of(self.report)))
        actions.addWidget(self.route_button)
        self.again_button = button("Play again", "Play this scenario again", primary=True)
        self.again_button.clicked.connect(
            lambda: self.play_again_requested.emit(self.report.get("scenario", {}).get("id", "")))
        actions.addWidget(self.again_button)
        self.back_button = button("Back to the library", "Back to the library")
        self.back_button.clicked.connect(self.back_requested)
        actions.addWidget(self.back_button)
        top.addWidget(buttons)
        outer.addWidget(bar)
        outer.addWidget(self.scroll, 1)
        self.chart_view: QWidget | None = None

    def show_report(self, report: Mapping[str, Any], frameworks: Mapping[str, Framework],
                    colours: Mapping[str, str], font: QFont,
                    ranges: Mapping[str, tuple[float, float]] | None = None,
                    can_play: bool = True, labels: Mapping[str, str] | None = None) -> None:
        self.report = dict(report)
        self.again_button.setEnabled(can_play)
        self.route_button.setEnabled(bool(report.get("turns")))  # no responses: no path yet
        title = report.get("scenario", {}).get("title", "")
        self.heading.setText(f"How it went: {title}")
        body = QWidget()
        body.setObjectName("pageBody")
        layout = vbox(body, (28, 18, 28, 28), 16)
        layout.addWidget(self._ending_card(report))
        grid = CardGrid(330, fill=True)
        grid.set_widgets([self._section_card(s) for s in summary.sections(report, frameworks)])
        layout.addWidget(grid)
        names = {"trust": "Trust", "arousal": "Arousal", **(labels or {})}
        layout.addWidget(self._chart_card(report, colours, font, ranges, names))
        layout.addWidget(label("Your conversation, response by response", "heading"))
        for turn in report.get("turns", []):
            layout.addWidget(self._turn_card(turn, frameworks))
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self.scroll.verticalScrollBar().setValue(0)
        self.scroll.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Drop the report's body now (restyling it, only to draw it again, costs)."""
        old = self.scroll.takeWidget()
        if old is not None:
            import shiboken6

            shiboken6.delete(old)
        self.chart_view = None

    # -- parts -------------------------------------------------------------------------
    def _ending_card(self, report: Mapping[str, Any]) -> QFrame:
        frame = card()
        frame.setAccessibleName("How the conversation ended")
        layout = vbox(frame, (20, 16, 20, 16), 8)
        ending = report.get("ending")
        overall = report.get("report", {}).get("overall", {})
        top = hbox(spacing=12)
        title = ending["title"] if ending else "The conversation has not ended yet"
        top.addWidget(label(title, "title"), 1)
        score_box, score = column(spacing=0)
        value = label(summary.score_text(overall.get("score")), "score", wrap=False)
        value.setAlignment(Qt.AlignmentFlag.AlignRight)
        value.setAccessibleName("Overall score")
        value.setToolTip("Overall, from how each response was graded: strong 3 points, "
                         "reasonable 2, unhelpful 1, could harm 0.")
        score.addWidget(value)
        under = (f"capped (average {overall.get('average')})" if overall.get("capped")
                 else "overall")
        score.addWidget(label(under, "small", wrap=False), 0, Qt.AlignmentFlag.AlignRight)
        top.addWidget(score_box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if ending:
            outcome = ending["outcome"]
            tone = words.outcome_tone(outcome)
            row = hbox()
            row.addWidget(chip(words.OUTCOMES.get(outcome, outcome), tone,
                               f"<p>{words.OUTCOME_TIPS.get(outcome, '')}</p>"))
            row.addWidget(chip(words.MODES.get(report.get("mode", ""), ""), "info",
                               f"<p>{words.MODE_TIPS.get(report.get('mode', ''), '')}</p>"))
            row.addStretch(1)
            layout.addLayout(row)
            for line in ending.get("lines", []):
                cue = f" ({line['cue']})" if line.get("cue") else ""
                layout.addWidget(label(f"{line['name']}{cue}: “{line['says']}”", "muted"))
            layout.addWidget(label(ending["debrief"]))
        rows = summary.overall_rows(report)
        layout.addWidget(_chips([Chip("overall", f"{r.label}: {r.value}", "", r.tone)
                                 for r in rows]))
        for note in summary.notes(report):
            layout.addWidget(_note_box(note))
        return frame

    def _section_card(self, section: summary.Section) -> QFrame:
        frame = card()
        frame.setAccessibleName(section.title)
        layout = vbox(frame, (18, 14, 18, 16), 8)
        top = hbox()
        title = label(section.title, "heading")
        title.setToolTip(section.tooltip)
        top.addWidget(title, 1)
        score = label(summary.score_text(section.score), "subheading")
        score.setToolTip("This framework's score for the session, out of 100.")
        top.addWidget(score, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if section.rows:
            table = QGridLayout()
            table.setHorizontalSpacing(12)
            table.setVerticalSpacing(6)
            line = 0
            for row in section.rows:
                name = label(row.label)
                name.setToolTip(row.tooltip)
                table.addWidget(name, line, 0)
                value = chip(row.value, row.tone, row.tooltip)
                value.setAccessibleName(f"{row.label}: {row.value}")
                table.addWidget(value, line, 1,
                                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                line += 1
                if row.note:  # under its row: the thresholds need the card's full width
                    table.addWidget(label(row.note, "small"), line, 0, 1, 2)
                    line += 1
            table.setColumnStretch(0, 1)
            layout.addLayout(table)
        if section.chips:
            layout.addWidget(_chips(section.chips))
        if section.note:
            layout.addWidget(label(section.note, "muted"))
        layout.addStretch(1)
        return frame

    def _chart_card(self, report: Mapping[str, Any], colours: Mapping[str, str], font: QFont,
                    ranges: Mapping[str, tuple[float, float]] | None,
                    names: Mapping[str, str]) -> QFrame:
        frame = card()
        layout = vbox(frame, (18, 14, 18, 14), 6)
        layout.addWidget(label("How the client felt, response by response", "heading"))
        measures = words.measures_of(report)
        layout.addWidget(label(" · ".join(measures[key] for key in ("trust", "arousal"))
                               + ". At 7 or more arousal a client is too upset to reason "
                               "with.", "muted", name="What the lines measure"))
        trajectory = report.get("report", {}).get("trajectory", [])
        chart = charts.state_chart(trajectory, names, colours, font, ranges)
        description = "; ".join(
            f"after response {p['turn']}: {names['trust'].lower()} {p.get('trust', 0):g}, "
            f"{names['arousal'].lower()} {p.get('arousal', 0):g}" for p in trajectory)
        self.chart_view = charts.chart_view(chart, "Trust and arousal chart", description)
        self.chart_view.setMinimumHeight(280)
        layout.addWidget(self.chart_view)
        return frame

    def _turn_card(self, turn: Mapping[str, Any],
                   frameworks: Mapping[str, Framework]) -> QFrame:
        frame = card()
        frame.setAccessibleName(f"Response {turn['number']}")
        layout = vbox(frame, (18, 12, 18, 14), 6)
        layout.addWidget(label(f"Response {turn['number']}", "small"))
        for line in turn.get("lines", []):
            cue = f"<i>({html.escape(line['cue'])})</i> " if line.get("cue") else ""
            layout.addWidget(label(f"<b>{html.escape(line['name'])}</b> {cue}"
                                   f"{html.escape(line['says'])}", rich=True))
        grade = turn["grade"]
        row = hbox(spacing=8)
        row.addWidget(chip(words.GRADE_SHORT.get(grade, grade),
                           words.GRADE_TONES.get(grade, "neutral"),
                           f"<p>{words.GRADES.get(grade, grade)}</p>"), 0,
                      Qt.AlignmentFlag.AlignTop)
        row.addWidget(label(f"You: “{turn['text']}”", "subheading"), 1)
        layout.addLayout(row)
        if turn.get("free_text"):
            layout.addWidget(label(present.free_text_line(turn["free_text"]), "small"))
        codes = []
        for score in turn.get("scores", {}).values():
            if score.get("names"):
                tone = words.points_tone(score.get("points", 0))
                verdict = summary.plain_verdict(score, frameworks.get(score["framework"]))
                codes.append(Chip(score["framework"],
                                  f"{', '.join(score['names'])} ({verdict})",
                                  f"<p>{html.escape(score.get('explanation', ''))}</p>", tone))
        if codes:
            layout.addWidget(_chips(codes))
        if turn.get("safety_failure"):
            layout.addWidget(_note_box(summary.Note(
                "safety", "A safety failure", turn["safety_failure"], "bad")))
        if turn.get("explanation"):
            layout.addWidget(label(turn["explanation"], "muted"))
        best = turn.get("best")
        if best:
            better = QFrame()
            better.setProperty("notice", True)
            box = vbox(better, (12, 8, 12, 8), 2)
            box.addWidget(label(f"A stronger response here: “{best['text']}”", "subheading"))
            if best.get("why"):
                box.addWidget(label(best["why"]))
            layout.addWidget(better)
        return frame

