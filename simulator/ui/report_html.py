"""The report as one HTML document, for the PDF export (Qt's rich text subset:
tables and inline styles, no CSS layout).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape
from typing import Any

from simulator.core.frameworks import Framework

from . import summary, words
from .present import free_text_line

TONE_COLOURS = {"good": "#1E6B41", "neutral": "#3E4C59", "bad": "#A12F2F", "info": "#2F6F8F",
                "warn": "#6B4E00"}
CHART_RESOURCE = "rapport://chart.png"


def _chips(chips: Any) -> str:
    return " &nbsp; ".join(
        f'<span style="color:{TONE_COLOURS.get(c.tone, "#333")}">[{escape(c.text)}]</span>'
        for c in chips)


def _line(line: Mapping[str, Any]) -> str:
    cue = f' <i style="color:#52606D">({escape(line["cue"])})</i>' if line.get("cue") else ""
    return f"<p><b>{escape(line['name'])}</b>{cue}: {escape(line['says'])}</p>"


def _turn(turn: Mapping[str, Any], frameworks: Mapping[str, Framework]) -> str:
    grade = turn["grade"]
    tone = words.GRADE_TONES.get(grade, "bad")
    parts = [f'<h3>Response {turn["number"]}</h3>']
    parts += [_line(line) for line in turn.get("lines", [])]
    parts.append(f'<p style="margin-left:18px"><b>You chose:</b> {escape(turn["text"])} '
                 f'<span style="color:{TONE_COLOURS[tone]}">'
                 f'({escape(words.GRADES.get(grade, grade))})</span></p>')
    if turn.get("free_text"):
        parts.append(f'<p style="margin-left:18px">{escape(free_text_line(turn["free_text"]))}'
                     '</p>')
    codes = []
    for score in turn.get("scores", {}).values():
        if score.get("names"):
            verdict = summary.plain_verdict(score, frameworks.get(score.get("framework", "")))
            codes.append(f"{escape(', '.join(score['names']))} "
                         f"<span style='color:#52606D'>({escape(verdict)})</span>")
    if codes:
        parts.append('<p style="margin-left:18px">' + " · ".join(codes) + "</p>")
    if turn.get("safety_failure"):
        parts.append(f'<p style="margin-left:18px; color:{TONE_COLOURS["bad"]}"><b>A safety '
                     f'failure:</b> {escape(turn["safety_failure"])}</p>')
    if turn.get("explanation"):
        parts.append(f'<p style="margin-left:18px">{escape(turn["explanation"])}</p>')
    best = turn.get("best")
    if best:
        parts.append(f'<p style="margin-left:18px; color:#1E6B41"><b>A stronger response '
                     f'here:</b> “{escape(best["text"])}” {escape(best.get("why") or "")}</p>')
    return "\n".join(parts)


def report_html(report: Mapping[str, Any], frameworks: Mapping[str, Framework],
                with_chart: bool = False, when: datetime | None = None) -> str:
    scenario = report.get("scenario", {})
    ending = report.get("ending")
    overall = report.get("report", {}).get("overall", {})
    when = when or datetime.now()
    out = [
        "<html><body style='font-family: sans-serif; font-size: 10pt'>",
        f"<h1>{escape(scenario.get('title', 'Rapport session'))}</h1>",
        f"<p style='color:#52606D'>Rapport session report · "
        f"{escape(words.MODES.get(report.get('mode', ''), ''))} mode · "
        f"{overall.get('turns', 0)} responses · {when:%d %B %Y, %H:%M}</p>",
    ]
    if isinstance(report.get("meta"), Mapping):
        out.append(meta_html(report["meta"]))
    if ending:
        outcome = words.OUTCOMES.get(ending["outcome"], ending["outcome"])
        out.append(f"<h2>Ending: {escape(ending['title'])} ({escape(outcome)})</h2>")
        out += [_line(line) for line in ending.get("lines", [])]
        out.append(f"<p>{escape(ending['debrief'])}</p>")
    else:
        out.append("<h2>The conversation has not ended yet</h2>")
    out.append(f"<h2>Overall: {summary.score_text(overall.get('score'))}</h2>")
    out.append("<table cellpadding='3'>" + "".join(
        f"<tr><td>{escape(r.label)}</td><td><b>{escape(r.value)}</b></td></tr>"
        for r in summary.overall_rows(report)) + "</table>")
    for note in summary.notes(report):
        out.append(f"<p style='color:{TONE_COLOURS.get(note.tone, '#333')}'><b>"
                   f"{escape(note.title)}.</b> {escape(note.text)}</p>")
    for section in summary.sections(report, frameworks):
        out.append(f"<h2>{escape(section.title)}: {summary.score_text(section.score)}</h2>")
        if section.rows:
            out.append("<table cellpadding='3'>" + "".join(
                f"<tr><td>{escape(r.label)}</td><td><b style='color:"
                f"{TONE_COLOURS.get(r.tone, '#333')}'>{escape(r.value)}</b></td>"
                f"<td style='color:#52606D'>{escape(r.note)}</td></tr>"
                for r in section.rows) + "</table>")
        if section.chips:
            out.append(f"<p>{_chips(section.chips)}</p>")
        if section.note:
            out.append(f"<p>{escape(section.note)}</p>")
    if with_chart:
        measures = words.measures_of(report)
        out.append("<h2>How the client felt, response by response</h2>")
        out.append("<p>" + escape(" · ".join(measures[k] for k in ("trust", "arousal")))
                   + "</p>")
        out.append(f"<p><img src='{CHART_RESOURCE}' width='1000'></p>")
    out.append("<h2>Your conversation</h2>")
    out += [_turn(turn, frameworks) for turn in report.get("turns", [])]
    out.append("</body></html>")
    return "\n".join(out)


def meta_html(meta: Mapping[str, Any]) -> str:
    """Who handed it in and which try it was, under the title of an exported report."""
    profile = meta.get("profile") or {}
    parts = [f"Student: {escape(profile.get('name') or '-')}"]
    if profile.get("student_id"):
        parts.append(f"Student id: {escape(profile['student_id'])}")
    if profile.get("class_code"):
        parts.append(f"Class: {escape(profile['class_code'])}")
    if meta.get("attempt"):
        parts.append(f"Attempt {meta['attempt']}")
    parts.append(f"Responses taken back: {int(meta.get('undone_tries') or 0)}")
    parts.append(f"Played: {escape(str(meta.get('date', '')))}")
    parts.append(f"Scenario version: {escape(str(meta.get('scenario_version', ''))[:12])}")
    return f"<p style='color:#52606D'>{' · '.join(parts)}</p>"
