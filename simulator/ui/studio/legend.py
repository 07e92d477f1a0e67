"""The key under the map: what each colour and line style means."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QWidget

from . import palette


def key_parts(grade_words: Mapping[str, str], outcome_words: Mapping[str, str]
              ) -> tuple[str, str]:
    """The arrow colours and the ending swatches, named in the given words (the studio
    names grades as writers do, the learners' route map as the report does)."""
    grades = "&nbsp;&nbsp; ".join(
        f"<span style='color:{colour}'>&#9472;&#9472;&#9654;</span>&nbsp;"
        f"{grade_words.get(grade, grade)}"
        for grade, colour in palette.GRADE_COLOURS.items())
    outcomes = " ".join(
        f"<span style='background:{fill}; border:1px solid {border}; color:{border}'>"
        f"&nbsp;{outcome_words.get(outcome, outcome)}&nbsp;</span>&nbsp;"
        for outcome, (border, fill) in palette.OUTCOME_COLOURS.items())
    return grades, outcomes


def legend_html() -> str:
    grades, outcomes = key_parts({}, palette.OUTCOME_WORDS)
    return (f"<b>Responses:</b> {grades} &nbsp;&nbsp;<b>- - -</b>&nbsp;only under a "
            f"condition<br><b>Endings:</b> {outcomes}"
            f"&nbsp;&nbsp;<span style='color:{palette.ROUTE}'><b>&#9646;</b></span>"
            "&nbsp;route played")


class Legend(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(legend_html(), parent)
        self.setWordWrap(True)
        self.setAccessibleName("Map key")
        self.setAccessibleDescription(
            "Arrow colours: best green, acceptable blue, unhelpful amber, harmful red; dashed "
            "arrows are taken only when their condition holds. Endings: engaged green, partly "
            "engaged amber, disengaged grey, escalated red, colluded brown. A purple outline "
            "marks a route "
            "played in the test player.")
        self.setStyleSheet("padding: 3px 6px;")
