"""The library: every scenario as a card, filters, and sessions to continue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from . import first_paint, words
from .card_face import CardFace, CardWords, Tag
from .catalogue import Entry, matches
from .grid import CardGrid
from .widgets import button, card, column, hbox, label, scrolling_page, vbox

if TYPE_CHECKING:
    from simulator.storage.history import SessionSummary

    from .card_cache import CardData

MAX_PROBLEMS_SHOWN = 6
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole, as a number before the first paint (first_paint)


def _problem_text(entry: Entry) -> list[str]:
    shown = entry.errors or entry.problems
    lines = []
    for problem in shown[:MAX_PROBLEMS_SHOWN]:
        where = f"Line {problem.line}, column {problem.col}: " if problem.line else ""
        hint = f" ({problem.hint})" if problem.hint else ""
        lines.append(f"{where}{problem.message}{hint}")
    if len(shown) > MAX_PROBLEMS_SHOWN:
        lines.append(f"…and {len(shown) - MAX_PROBLEMS_SHOWN} more. Run "
                     f"'python main.py validate {Path(entry.path).name}' to see them all.")
    return lines


class ScenarioCard(QFrame):
    """One playable scenario: what it is about, and the way in.

    Its words, face and tags are drawn by one `CardFace`; the score line and the
    button are real widgets (the button is the card's one Tab stop).
    """

    chosen = Signal(str)  # scenario id

    def __init__(self, entry: Entry, best: int | None, scores_known: bool = True) -> None:
        """`scores_known` is False until the history is open (just after the first
        paint): the card then leaves its score line empty rather than say "Not played
        yet" to someone who has."""
        super().__init__()
        scenario = entry.card  # the scenario's, or remembered from the last start
        assert scenario is not None
        self.scenario_id = scenario.id
        self.setProperty("card", "true")
        self.setAccessibleName(f"Scenario: {scenario.title}")
        layout = vbox(self, (16, 14, 16, 14), 8)
        card_text = card_words(scenario)
        self.face = CardFace(card_text)
        layout.addWidget(self.face)
        layout.addStretch(1)  # the button at the bottom, level with its row's others
        described = [f"{words.resistance_name(kind)}: {words.RESISTANCE_TIPS.get(kind, '')}"
                     for kind in scenario.resistance]
        described += [words.FRAMEWORK_TIPS.get(fid, fid) for fid in scenario.frameworks]
        bottom = hbox(spacing=8)
        result = "Not played yet" if best is None else f"Your best so far: {best}/100"
        if not scores_known:
            result = ""
        self.score_label = label(result, "small")
        bottom.addWidget(self.score_label, 1)
        self.open_button = button("Open briefing", f"Open the briefing for {scenario.title}",
                                  primary=True)
        # The tags are not Tab stops (five invisible stops per card where Enter did
        # nothing); their words are read out with the card's one button instead, with
        # the card's other words, which are drawn rather than labels.
        self.open_button.setAccessibleDescription(" ".join(
            [f"{card_text.meta}.", f"{card_text.client}.", scenario.summary, *described]))
        self.open_button.clicked.connect(lambda: self.chosen.emit(self.scenario_id))
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)


def card_words(scenario: CardData) -> CardWords:
    """What a card shows, in the learner's words (no ids, no codes)."""
    meta = [words.setting_name(scenario.setting),
            words.DIFFICULTY.get(scenario.difficulty, scenario.difficulty),
            words.minutes_text(scenario.minutes)]
    name = scenario.client_name
    who = name + (f", {scenario.client_age}" if scenario.client_age else "")
    who += f" — {scenario.client_role}" if scenario.client_role else ""
    tags = [Tag(words.resistance_name(kind), "warn",
                f"<p><b>{words.resistance_name(kind)}</b></p>"
                f"<p>{words.RESISTANCE_TIPS.get(kind, '')}</p>")
            for kind in scenario.resistance]
    tags += [Tag(words.FRAMEWORK_SHORT.get(fid, fid), "info",
                 f"<p>{words.FRAMEWORK_TIPS.get(fid, fid)}</p>") for fid in scenario.frameworks]
    return CardWords(scenario.title, " · ".join(meta), f"Client: {who}", scenario.summary,
                     tuple(tags), (scenario.client_avatar, "calm", name),
                     words.EXPRESSION_WORDS.get("calm", "calm"))


class ErrorCard(QFrame):
    """A file that cannot be played, with every located problem, for its writer."""

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.setProperty("card", "error")
        name = Path(entry.path).name
        self.setAccessibleName(f"Scenario file with problems: {name}")
        layout = vbox(self, (16, 14, 16, 14), 6)
        layout.addWidget(label(f"{name} cannot be played yet", "heading"))
        layout.addWidget(label("This scenario file has problems. If you wrote it, fix the "
                               "lines below and it will appear here next time.", "muted"))
        self.problems = _problem_text(entry)
        for text in self.problems:
            item = label(f"• {text}")
            first_paint.set_by_name(item, "textInteractionFlags", "TextSelectableByMouse")
            layout.addWidget(item)
        layout.addWidget(label(entry.path, "small"))
        layout.addStretch(1)


class ResumeRow(QFrame):
    resume = Signal(str)

    def __init__(self, record: SessionSummary) -> None:
        super().__init__()
        row = hbox(self, (0, 2, 0, 2), 12)
        box, text = column(spacing=0)
        text.addWidget(label(record.scenario_title, "subheading"))
        responses = f"{record.turns} response{'s' if record.turns != 1 else ''} so far"
        text.addWidget(label(f"{words.MODES.get(record.mode, record.mode)} · {responses} · "
                             f"saved {words.when_text(record.updated_at)}", "small"))
        row.addWidget(box, 1)
        self.button = button("Continue", f"Continue {record.scenario_title}", primary=True)
        self.button.clicked.connect(lambda: self.resume.emit(record.id))
        row.addWidget(self.button)


class LibraryPage(QWidget):
    scenario_chosen = Signal(str)  # scenario id
    resume_requested = Signal(str)  # history record id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._entries: list[Entry] = []
        self._best: Mapping[str, int | None] | None = None  # None: the history is not open yet
        self._loading = False
        self._shown_key: tuple[object, ...] = ()
        layout = scrolling_page(self, (28, 22, 28, 28), 14)
        layout.addWidget(label("Scenario library", "title"))
        layout.addWidget(label("Choose a conversation to practise. Each one is a short meeting "
                               "with someone who did not ask to see you. There are no trick "
                               "questions: take your time, and notice how they respond.",
                               "muted"))
        self.resume_box = card()
        self.resume_box.setAccessibleName("Sessions you can continue")
        resume_layout = vbox(self.resume_box, (16, 12, 16, 12), 6)
        resume_layout.addWidget(label("Pick up where you left off", "heading"))
        rows, self.resume_rows = column(spacing=4)
        resume_layout.addWidget(rows)
        self.resume_box.hide()
        layout.addWidget(self.resume_box)

        filters = hbox(spacing=10)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by title, client or setting…")
        self.search.setAccessibleName("Search scenarios")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refresh)
        filters.addWidget(self.search, 1)
        self.setting_box = QComboBox()
        self.setting_box.setAccessibleName("Filter by setting")
        self.setting_box.currentIndexChanged.connect(self._refresh)
        filters.addWidget(self.setting_box)
        self.resistance_box = QComboBox()
        self.resistance_box.setAccessibleName("Filter by kind of resistance")
        self.resistance_box.setToolTip("Resistance is the client pushing back; each kind "
                                       "calls for a different way in.")
        self.resistance_box.currentIndexChanged.connect(self._refresh)
        filters.addWidget(self.resistance_box)
        for box in (self.setting_box, self.resistance_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addLayout(filters)
        self.count_label = label("", "muted")
        self.count_label.setAccessibleName("How many scenarios are shown")
        layout.addWidget(self.count_label)
        self.grid = CardGrid(340)
        self.grid.hold_offscreen()  # until the first paint: `first_paint_done`
        layout.addWidget(self.grid)
        self.empty, empty = column(spacing=8)
        self.empty_text = label("", "muted")
        empty.addWidget(self.empty_text)
        self.clear_button = button("Clear the filters")
        self.clear_button.clicked.connect(self.clear_filters)
        # As wide as its words, at the left (a size policy, not `Qt.AlignLeft`: see
        # first_paint).
        self.clear_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        empty.addWidget(self.clear_button)
        self.empty.hide()
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self._fill_filters()

    # -- data in -----------------------------------------------------------------------
    def set_loading(self, loading: bool, refresh: bool = True) -> None:
        """`refresh=False` when new entries follow at once (each refresh rebuilds the cards)."""
        self._loading = loading
        if refresh:
            self._refresh()

    def set_entries(self, entries: Sequence[Entry],
                    best: Mapping[str, int | None] | None) -> None:
        """`best`: each scenario's best score from the history, None while it is not open."""
        self._entries = list(entries)
        self._best = None if best is None else dict(best)
        self._fill_filters()
        self._refresh()

    def set_unfinished(self, records: Sequence[SessionSummary]) -> None:
        layout = self.resume_rows
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for record in records[:3]:
            row = ResumeRow(record)
            row.resume.connect(self.resume_requested)
            layout.addWidget(row)
        self.resume_box.setVisible(bool(records))

    # -- filters -----------------------------------------------------------------------
    def _fill_filters(self) -> None:
        playable = [e.card for e in self._entries if e.card is not None]
        settings = sorted({s.setting for s in playable}, key=words.setting_name)
        kinds = sorted({r for s in playable for r in s.resistance}, key=words.resistance_name)
        for box, first, keys, name in (
                (self.setting_box, "All settings", settings, words.setting_name),
                (self.resistance_box, "All kinds of resistance", kinds, words.resistance_name)):
            current = box.currentData() or ""
            box.blockSignals(True)
            box.clear()
            box.addItem(first, "")
            for key in keys:
                box.addItem(name(key), key)
                if key in words.RESISTANCE_TIPS and box is self.resistance_box:
                    box.setItemData(box.count() - 1, words.RESISTANCE_TIPS[key], TOOLTIP_ROLE)
            index = box.findData(current)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    def clear_filters(self) -> None:
        self.search.clear()
        self.setting_box.setCurrentIndex(0)
        self.resistance_box.setCurrentIndex(0)

    def shown_entries(self) -> list[Entry]:
        setting = self.setting_box.currentData() or ""
        kind = self.resistance_box.currentData() or ""
        return [e for e in self._entries if matches(e, setting, kind, self.search.text())]

    def _refresh(self) -> None:
        shown = self.shown_entries()
        # The same cards and scores as on screen: no rebuild (each costs ~30 ms a card).
        # By content, so a remembered card replaced by its checked file stays as it is.
        key = (tuple((e.path, e.card or e.problems) for e in shown),
               None if self._best is None else
               tuple(sorted((k, v) for k, v in self._best.items() if v is not None)))
        if key != self._shown_key or not self.grid.widgets():
            self._shown_key = key
            self._build_cards(shown)
        self._show_count(shown)

    def _build_cards(self, shown: list[Entry]) -> None:
        cards: list[QWidget] = []
        for entry in shown:
            card = entry.card
            if card is not None:
                best = self._best or {}
                widget = ScenarioCard(entry, best.get(card.id), self._best is not None)
                widget.chosen.connect(self.scenario_chosen)
                cards.append(widget)
            else:
                cards.append(ErrorCard(entry))
        self.grid.set_widgets(cards)

    def _show_count(self, shown: list[Entry]) -> None:
        playable = sum(1 for e in shown if e.ok)
        broken = len(shown) - playable
        text = f"{playable} scenario{'s' if playable != 1 else ''}"
        if broken:
            text += f", and {broken} file{'s' if broken != 1 else ''} with problems"
        if self._loading:
            text = "Loading scenarios…" if not shown else text + " (still loading…)"
        self.count_label.setText(text)
        filtered = bool(self.search.text() or self.setting_box.currentIndex() > 0
                        or self.resistance_box.currentIndex() > 0)
        nothing = not shown and not self._loading
        self.empty_text.setText("No scenario matches these filters." if filtered else
                                "No scenarios found. Add scenario files to the scenarios "
                                "folder, or choose your own folder in Settings.")
        self.clear_button.setVisible(filtered)
        self.empty.setVisible(nothing)

    def first_paint_done(self) -> None:
        """The cards below the first screen are shown (they waited for the first paint)."""
        self.grid.release()

    def cards(self) -> list[QWidget]:
        return self.grid.widgets()
