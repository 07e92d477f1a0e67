"""The Qt-free parts of the UI package: library filters, faces, words, summaries."""

from datetime import datetime
from pathlib import Path

from simulator.core.frameworks import builtin_frameworks
from simulator.core.loader import load_scenario
from simulator.core.model import AVATARS, EXPRESSIONS
from simulator.core.report import build_report
from simulator.core.session import Session
from simulator.ui import faces, present, summary, words
from simulator.ui.catalogue import Catalogue, Entry, matches
from simulator.ui.report_html import report_html

MINI = Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml"


def _entry() -> Entry:
    return Entry(str(MINI), load_scenario(MINI))


def test_filters_match_setting_resistance_and_words() -> None:
    entry = _entry()
    assert matches(entry)
    assert matches(entry, setting="criminal_justice")
    assert not matches(entry, setting="child_protection")
    assert matches(entry, resistance="confrontation")
    assert not matches(entry, resistance="avoidance")
    assert matches(entry, text="sam short")  # client name and title words, any order
    assert not matches(entry, text="tia")


def test_broken_files_show_unless_filtered() -> None:
    broken = Entry("scenarios/bad.yaml", None)
    assert matches(broken)
    assert matches(broken, text="bad")
    assert not matches(broken, setting="criminal_justice")


def test_catalogue_finds_by_id_and_sorts_broken_last() -> None:
    catalogue = Catalogue()
    catalogue.add(Entry("a/zz.yaml", None))
    catalogue.add(_entry())
    assert catalogue.scenario("mini") is not None
    assert [e.ok for e in catalogue.sorted_entries()] == [True, False]


def test_every_face_composes_and_colours_are_stable() -> None:
    for kind in AVATARS:
        for expression in EXPRESSIONS:
            svg = faces.face_svg(kind, expression, "Sam").decode()
            assert svg.startswith("<svg") and "<!--face-->" not in svg
            for placeholder in (faces.SKIN, faces.HAIR, faces.CLOTHES):
                assert placeholder not in svg
    assert faces.palette("Sam", "adult") == faces.palette("Sam", "adult")
    tones = {faces.palette(name, "adult")[faces.SKIN] for name in
             ("Sam", "Priya", "Dwayne", "Mei", "Jo", "Kofi", "Ana", "Tia", "Bev", "Lee")}
    assert len(tones) >= 3  # a class sees a range of people
    assert faces.palette("Sam", "older_man")[faces.HAIR] in faces.GREY_HAIR


def test_when_text_reads_like_speech() -> None:
    now = datetime(2025, 3, 3, 15, 0)
    assert words.when_text("2025-03-03T14:05:00", now) == "today at 14:05"
    assert words.when_text("2025-03-02T09:30:00", now) == "yesterday at 09:30"
    assert words.when_text("2025-01-10T09:30:00", now) == "10 January 2025"
    assert words.when_text("not a date", now) == "not a date"


def test_feedback_chips_name_codes_with_tooltips() -> None:
    with Session(load_scenario(MINI)) as session:
        turn = session.choose(1)
        feedback = present.feedback(session, turn)
    texts = [c.text for c in feedback.chips]
    assert "MI: Complex reflection" in texts
    assert "PACE: Acceptance" in texts and "PACE: Empathy" in texts
    assert "4R: Regulate, well timed" in texts
    assert all(c.tooltip for c in feedback.chips)
    assert feedback.is_best and feedback.can_undo


def test_summary_and_pdf_html_carry_the_miti_numbers() -> None:
    with Session(load_scenario(MINI)) as session:
        session.choose(3)  # closed question
        session.choose(1)
        report = build_report(session)
    sections = {s.id: s for s in summary.sections(report, builtin_frameworks())}
    mi_rows = {r.label: r for r in sections["mi"].rows}
    assert mi_rows["Reflections to questions"].value == "0.0 : 1"
    assert mi_rows["Reflections to questions"].tone == "bad"
    assert "fair 1:1" in mi_rows["Reflections to questions"].note
    assert mi_rows["MI-adherent responses"].value == "1"
    text = report_html(report, builtin_frameworks())
    assert "Reflections to questions" in text and "A stronger response here" in text


def test_settings_know_the_core_modes() -> None:
    from simulator.core.session import MODES
    from simulator.ui.settings import MODES as SETTINGS_MODES
    assert SETTINGS_MODES == MODES


def test_the_mi_card_says_when_good_figures_came_with_collusion() -> None:
    report = {"scenario": {"frameworks": ["mi"]},
              "report": {"mi": {"thresholds": {}, "counts": {}, "adherent": 0,
                                "non_adherent": 0, "score": 80},
                         "collusion": {"count": 2, "turns": [1, 3],
                                       "note": "2 of your responses sided with Sam."}}}
    mi = summary.sections(report, builtin_frameworks())[0]
    assert mi.note == "2 of your responses sided with Sam."
    report["report"]["collusion"] = {"count": 0, "turns": [], "note": ""}
    assert summary.sections(report, builtin_frameworks())[0].note == ""
    assert words.OUTCOMES["colluded"] == "Colluded" and words.outcome_tone("colluded") == "bad"


def test_a_hidden_variable_gets_no_meter(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[1] / "data" / "valid" / "mini.yaml").read_text(
        encoding="utf-8").replace("  trust: {start: 3}", "  trust: {start: 3, hidden: true}")
    path = tmp_path / "hidden.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    assert [m.id for m in present.meters(scenario, scenario.initial_state())] == ["arousal"]
