"""The list of what is wrong with the file, each problem located and explained.

Choosing a problem (click, or arrow keys and Enter) announces its line, so the
window can show the file there. Errors come before warnings within a line, as
the loader sorts them; the summary line says in words what the list shows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import Problem
from ..plain import plain_tip
from . import palette

LINE_ROLE = Qt.ItemDataRole.UserRole


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "No problems found. The map shows this version of the file."
    parts = [_plural(errors, "error")] if errors else []
    parts += [_plural(warnings, "warning")] if warnings else []
    text = " and ".join(parts)
    if errors:
        return f"{text}. Fix the errors to update the map; click one to see where it is."
    return f"{text}. The scenario works; these are worth a look."


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit the wrapped message (a tree view measures rows unwrapped)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        if index.column() == 0:
            return base
        width = max(40, self._tree.header().sectionSize(index.column()) - 10)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        needed = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000),
                                                 Qt.TextFlag.TextWordWrap, text)
        return QSize(base.width(), max(20, needed.height() + 6))


class ProblemsPanel(QWidget):
    """Shows a file's problems; emits `problem_chosen(line, col)`."""

    problem_chosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary = QLabel("Nothing to check yet.")
        self._summary.setWordWrap(True)
        self._summary.setAccessibleName("Problems summary")
        self._list = QTreeWidget()
        self._list.setColumnCount(3)
        self._list.setHeaderLabels(["Where", "Problem", "How to fix it"])
        self._list.setRootIsDecorated(False)
        self._list.setWordWrap(True)
        self._list.setUniformRowHeights(False)
        self._list.setAlternatingRowColors(True)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setAccessibleName("Problems in the scenario file")
        self._list.setItemDelegate(_WrappingDelegate(self._list))
        header = self._list.header()
        header.setAccessibleName("Columns of the problems list")
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Rows are measured once; re-measure when columns change so long messages wrap.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._list.doItemsLayout)
        header.sectionResized.connect(self._on_header_section_resized)
        self._list.currentItemChanged.connect(self._on_list_current_item_changed)
        self._list.itemClicked.connect(self._on_list_item_clicked)
        self._list.itemActivated.connect(self._on_list_item_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._summary)
        layout.addWidget(self._list)
        style = self.style()
        self._icons = {
            True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }

    def set_problems(self, problems: list[Problem]) -> None:
        self._list.blockSignals(True)
        self._list.clear()
        for problem in problems:
            where = f"{problem.line}:{problem.col}" if problem.line else "whole file"
            item = QTreeWidgetItem([where, problem.message, problem.hint])
            item.setIcon(0, self._icons[problem.is_error])
            colour = QBrush(QColor(palette.ERROR if problem.is_error else palette.WARNING))
            item.setForeground(0, colour)
            kind = "Error" if problem.is_error else "Warning"
            item.setToolTip(0, f"{kind} at line {problem.line}, column {problem.col}")
            item.setToolTip(1, plain_tip(problem.message))
            item.setToolTip(2, plain_tip(problem.hint))
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{kind}, line {problem.line}" if problem.line else f"{kind}, whole file")
            item.setData(0, LINE_ROLE, (problem.line, problem.col))
            self._list.addTopLevelItem(item)
        self._list.blockSignals(False)
        self._summary.setText(summary(problems))
        colour = palette.ERROR if any(p.is_error for p in problems) else palette.TEXT
        self._summary.setStyleSheet(f"color: {colour}; font-weight: 600; padding: 4px;")

    def set_message(self, text: str) -> None:
        """A word about the check itself ("Checking..."), kept until the next result."""
        self._summary.setText(text)

    def count(self) -> int:
        return self._list.topLevelItemCount()

    def rows(self) -> list[tuple[str, str, str]]:
        """What the list shows, row by row (for tests and screen-reader checks)."""
        items = [self._list.topLevelItem(i) for i in range(self.count())]
        return [(item.text(0), item.text(1), item.text(2)) for item in items]

    def choose(self, row: int) -> None:
        """Choose a row as a click would."""
        item = self._list.topLevelItem(row)
        if item is None:
            return
        if self._list.currentItem() is item:
            self._on_list_item_clicked(item)
        else:
            self._list.setCurrentItem(item)  # announces through currentItemChanged

    def summary_text(self) -> str:
        return self._summary.text()

    def _on_header_section_resized(self, *_args: int) -> None:
        self._relayout.start()

    def _on_list_current_item_changed(self, item: QTreeWidgetItem | None,
                                      _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self._on_list_item_clicked(item)

    def _on_list_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line, col = item.data(0, LINE_ROLE)
        self.problem_chosen.emit(int(line), int(col))
