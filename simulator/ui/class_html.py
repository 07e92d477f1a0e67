"""The class report as one HTML document: shown on the Class page and printed
to PDF, so what a trainer reads and what they file say the same thing."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from simulator.core.classreport import ClassReport, RatioSummary, ScenarioClass
from simulator.core.report import format_threshold

from . import words
from .report_html import TONE_COLOURS

MUTED = "#52606D"


def _bar(count: int, total: int, colour: str) -> str:
    """A text bar that survives Qt's rich-text subset and a black-and-white printer."""
    share = count / total if total else 0
    width = max(1, round(30 * share)) if count else 0
    return (f"<span style='color:{colour}'>{'█' * width}</span> "
            f"<b>{count}</b> <span style='color:{MUTED}'>({100 * share:.0f}%)</span>")


def _value(summary: RatioSummary) -> str:
    if summary.mean is None:
        return "—"
    return format_threshold(summary.mean, summary.format) if summary.format == "percent" \
        else f"{summary.mean:.2f}:1"


def _scenario(scenario: ScenarioClass) -> list[str]:
    out = [f"<h2>{escape(scenario.title)}</h2>"]
    finished = sum(1 for s in scenario.students if s.best is not None)
    out.append(f"<p style='color:{MUTED}'>{len(scenario.students)} students, "
               f"{sum(scenario.endings.values())} sessions, {finished} with a finished "
               "session.</p>")
    if len(scenario.versions) > 1:
        out.append("<p style='color:#6B4E00'>Students played different versions of this "
                   "scenario file, so some moments may differ between them.</p>")
    total = sum(scenario.endings.values())
    out.append("<h3>Where the conversations ended</h3><table cellpadding='2'>")
    for (title, outcome), count in scenario.endings.most_common():
        name = (f"{escape(title)} ({escape(words.OUTCOMES.get(outcome, outcome))})"
                if title else "Not finished")
        tone = TONE_COLOURS[words.outcome_tone(outcome)] if title else MUTED
        out.append(f"<tr><td>{name}</td><td>{_bar(count, total, tone)}</td></tr>")
    out.append("</table>")
    if scenario.miti:
        out.append("<h3>MI summary scores (each student's best finished session)</h3>"
                   "<table cellpadding='3'><tr><th align='left'>Score</th>"
                   "<th align='left'>Class mean</th><th align='left'>Thresholds</th>"
                   "<th align='left'>Students good / fair / below fair</th></tr>")
        for ratio in scenario.miti:
            v = ratio.verdicts
            out.append(
                f"<tr><td>{escape(ratio.label)}</td><td><b>{_value(ratio)}</b></td>"
                f"<td>fair {format_threshold(ratio.fair, ratio.format)}, good "
                f"{format_threshold(ratio.good, ratio.format)}</td>"
                f"<td>{v.get('good', 0)} / {v.get('fair', 0)} / {v.get('below fair', 0)}"
                + (f" ({v['not enough data']} not enough data)" if v.get("not enough data")
                   else "") + "</td></tr>")
        out.append("</table>")
    out.append("<h3>How the class chose, decision by decision</h3>")
    for decision in scenario.decisions:
        out.append(f"<p><b>{escape(decision.node)}</b> · the client: "
                   f"“{escape(decision.says)}”</p><table cellpadding='2' "
                   "style='margin-left:14px'>")
        for option in decision.options.values():
            tone = TONE_COLOURS[words.GRADE_TONES.get(option.grade, "bad")]
            # No number: each student saw the responses in their own shuffled order.
            out.append(f"<tr><td>• {escape(option.text)} <span style='color:"
                       f"{tone}'>({escape(words.GRADE_SHORT.get(option.grade, option.grade))}"
                       f")</span></td><td>{_bar(option.count, decision.total, tone)}</td></tr>")
        out.append("</table>")
    if scenario.mistimed:
        out.append("<h3>Most often mistimed</h3><ul>")
        for m in scenario.mistimed[:5]:
            out.append(f"<li>“{escape(m.text)}” at <b>{escape(m.node)}</b>: "
                       f"{escape(m.detail)}. {m.count} time{'s' if m.count != 1 else ''}, "
                       f"{m.students} student{'s' if m.students != 1 else ''}.</li>")
        out.append("</ul>")
    out.append("<h3>Safety failures</h3>")
    if scenario.safety:
        out.append("<ul>" + "".join(
            f"<li style='color:#A12F2F'>“{escape(m.text)}” at <b>{escape(m.node)}</b>: "
            f"{m.count} time{'s' if m.count != 1 else ''} by {m.students} student"
            f"{'s' if m.students != 1 else ''}. {escape(m.detail)}</li>"
            for m in scenario.safety) + "</ul>")
    else:
        out.append("<p>None recorded.</p>")
    if scenario.collusion:
        out.append("<h3>Collusion</h3><ul>" + "".join(
            f"<li>“{escape(m.text)}” at <b>{escape(m.node)}</b>: sided with the client "
            f"against the truth or the person at risk, {m.count} time"
            f"{'s' if m.count != 1 else ''} by {m.students} student"
            f"{'s' if m.students != 1 else ''}.</li>" for m in scenario.collusion) + "</ul>")
    out.append("<h3>Students</h3><table cellpadding='3'><tr><th align='left'>Student</th>"
               "<th>Sessions</th><th>Finished</th><th>Best score</th>"
               "<th>Responses taken back</th></tr>")
    for student in scenario.students:
        best = "—" if student.best is None else f"{student.best}/100"
        out.append(f"<tr><td>{escape(student.profile.label)}</td>"
                   f"<td align='center'>{student.sessions}</td>"
                   f"<td align='center'>{student.finished}</td><td align='center'>{best}</td>"
                   f"<td align='center'>{student.undone}</td></tr>")
    out.append("</table>")
    return out


def class_html(report: ClassReport, when: datetime | None = None, points: int = 10) -> str:
    """`points`: the body text size (10 for the PDF; the app's size on the Class page,
    so the Projector text size enlarges the report for a class to read)."""
    when = when or datetime.now()
    out = [f"<html><body style='font-family: sans-serif; font-size: {int(points)}pt'>",
           "<h1>Class report</h1>",
           f"<p style='color:{MUTED}'>{len(report.students)} students · {report.sessions} "
           f"sessions · {len(report.scenarios)} scenario"
           f"{'s' if len(report.scenarios) != 1 else ''} · {when:%d %B %Y, %H:%M}"
           + (" · names hidden" if report.anonymised else "") + "</p>"]
    if not report.scenarios:
        out.append("<p>No sessions yet: choose a folder that holds the students' hand-in "
                   "files.</p>")
    for scenario in report.scenarios:
        out += _scenario(scenario)
    out.append("</body></html>")
    return "\n".join(out)


def print_class_report(report: ClassReport, path: Path) -> Path:
    """The class report as a PDF, from the command line as from the Class page."""
    from PySide6.QtGui import QGuiApplication

    from .pdf import write_html_pdf

    _app = QGuiApplication.instance() or QGuiApplication([])
    return write_html_pdf(class_html(report), path, "Rapport class report")
