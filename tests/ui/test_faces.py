"""The gendered child and teen faces: every head draws every expression, and a
girl and a boy of the same name differ in their hair, not in their colours."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from simulator.core.model import AVATARS, EXPRESSIONS
from simulator.ui import faces, resources
from simulator.ui.avatar import AvatarWidget

NEW_KINDS = ("girl", "boy", "teen_girl", "teen_boy")
# Enough names that every hairstyle variant of every kind is drawn at least once.
NAMES = ("Tia", "Leah", "Sam", "Kofi", "Mei", "Ana", "Jo", "Priya", "Dwayne", "Bev")
SIDE = 100


def _render(svg: bytes) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg))
    assert renderer.isValid()
    image = QImage(SIDE, SIDE, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, SIDE, SIDE))
    painter.end()
    return image


def _count(image: QImage, colour: str) -> int:
    rgb = QColor(colour).rgb()
    return sum(image.pixel(x, y) == rgb for y in range(SIDE) for x in range(SIDE))


def _lowest(image: QImage, colour: str) -> int:
    """The lowest row of the picture with a pixel of this colour (-1 if none)."""
    rgb = QColor(colour).rgb()
    rows = [y for y in range(SIDE) if any(image.pixel(x, y) == rgb for x in range(SIDE))]
    return max(rows, default=-1)


def test_the_new_kinds_are_allowed_and_have_their_own_heads() -> None:
    assert set(NEW_KINDS) <= set(AVATARS)
    assert {"child", "teen"} <= set(AVATARS)  # still there, as neutral choices
    for kind in NEW_KINDS:
        assert kind in resources.avatar_heads(kind)
    assert all(not head.startswith("teen_") for head in resources.avatar_heads("teen"))


def test_every_new_kind_draws_every_expression(qapp: Any) -> None:
    for kind in NEW_KINDS:
        for name in NAMES:
            colours = faces.palette(name, kind)
            for expression in EXPRESSIONS:
                svg = faces.face_svg(kind, expression, name)
                root = ET.fromstring(svg)  # well-formed XML
                assert root.tag.endswith("svg")
                image = _render(svg)
                assert _count(image, colours[faces.SKIN]) > SIDE * SIDE // 20
                assert _count(image, colours[faces.HAIR]) > 0


@pytest.mark.parametrize(("girl", "boy"), [("girl", "boy"), ("teen_girl", "teen_boy")])
def test_a_girl_and_a_boy_of_the_same_name_differ_in_hair(qapp: Any, girl: str, boy: str) -> None:
    for name in NAMES:
        assert faces.palette(name, girl) == faces.palette(name, boy)  # same person's colours
        hair = faces.palette(name, girl)[faces.HAIR]
        girl_svg, boy_svg = faces.face_svg(girl, "calm", name), faces.face_svg(boy, "calm", name)
        assert girl_svg != boy_svg
        # Her hair is long, or tied back in plaits or a ponytail: it falls below
        # the ears; his stays above them.
        girl_low = _lowest(_render(girl_svg), hair)
        boy_low = _lowest(_render(boy_svg), hair)
        assert boy_low < SIDE * 0.55 < SIDE * 0.65 < girl_low, (name, girl_low, boy_low)


def test_the_widget_shows_a_girl(qtbot: Any) -> None:
    widget = AvatarWidget(120)
    qtbot.addWidget(widget)
    widget.show_face("girl", "upset", "Tia", "Tia")
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() == 120
    skin = QColor(faces.palette("Tia", "girl")[faces.SKIN]).rgb()
    assert any(image.pixel(x, y) == skin for y in range(0, 120, 2) for x in range(0, 120, 2))
    assert widget.accessibleName().startswith("Tia: ")


def test_every_drawing_is_square_so_a_card_draws_it_into_a_square_as_it_is() -> None:
    """A card draws its face into a square without asking the renderer to keep the
    drawing's shape (that would name a `Qt` enum before the first paint)."""
    drawings = [resources.avatar_head(name) for kind in AVATARS
                for name in resources.avatar_heads(kind) or (kind,)]
    drawings += [resources.avatar_face(expression) for expression in EXPRESSIONS]
    for svg in drawings:
        view_box = ET.fromstring(svg).get("viewBox", "").split()
        assert len(view_box) == 4 and view_box[2] == view_box[3], svg[:80]
