"""Fit scenario text into boxes of a drawing without a font engine (no Qt).

The command-line SVG map must wrap and shorten text the way the studio does,
but the core cannot ask Qt how wide a word is. So widths come from a table:
the advances of DejaVu Sans, measured once (in thousandths of the font size)
for printable ASCII. DejaVu Sans is wider than Arial, Helvetica and Liberation
Sans, which a viewer may use instead, so text measured here fits in those too.
Characters outside the table are guessed on the wide side.

Text is also made safe for XML here: characters XML 1.0 forbids (most control
characters, lone surrogates) would make the whole file unreadable, so they
become U+FFFD, which a writer sees and can fix.
"""

from __future__ import annotations

import re
import unicodedata

# DejaVu Sans advances for chr(32) .. chr(126), per 1000 units of font size.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838)
_OTHER = 780  # a letter outside ASCII: wider than most, so text errs on fitting
_WIDE = 1000  # CJK, emoji: a full em
SAFETY = 1.03  # fonts hint and kern a little differently in every viewer
ASCENT = 0.93  # of the font size: where the baseline sits below a line's top
LINE_HEIGHT = 1.17
ELLIPSIS = "\u2026"
MAX_TEXT = 2000  # no box shows more; a hostile 1 MB line costs no more than this

# Everything XML 1.0 allows, less C0/C1 controls; whitespace controls become spaces first.
_NOT_XML = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"[\t\n\r]")


def clean(text: str, limit: int = MAX_TEXT) -> str:
    """`text` made safe for XML and cut to `limit` characters (still needs escaping)."""
    text = _SPACES.sub(" ", text[:limit])
    return _NOT_XML.sub("\ufffd", text)


def _char_width(ch: str, bold: bool) -> float:
    code = ord(ch)
    if 32 <= code < 127:
        return (_BOLD if bold else _REGULAR)[code - 32]
    if unicodedata.combining(ch):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE
    base = unicodedata.normalize("NFD", ch)[0]  # an accented letter is as wide as its base
    if base != ch and 32 <= ord(base) < 127:
        return (_BOLD if bold else _REGULAR)[ord(base) - 32]
    return _OTHER


def width(text: str, size: float, bold: bool = False) -> float:
    """Roughly how wide `text` is drawn at `size` pixels, erring wide."""
    return sum(_char_width(ch, bold) for ch in text) * size * SAFETY / 1000


def elide_right(text: str, size: float, bold: bool, room: float) -> str:
    """`text`, or as much of it as fits in `room` followed by an ellipsis."""
    if width(text, size, bold) <= room:
        return text
    budget = room * 1000 / (size * SAFETY) - _char_width(ELLIPSIS, bold)
    used = 0.0
    for index, ch in enumerate(text):
        used += _char_width(ch, bold)
        if used > budget:
            return text[:index].rstrip() + ELLIPSIS
    return text  # not reached: the whole text was too wide


def elide_middle(text: str, size: float, bold: bool, room: float) -> str:
    """`text` with its middle replaced by an ellipsis if it does not fit: ids often
    differ only at their ends ('door-open-calm', 'door-open-angry')."""
    if width(text, size, bold) <= room:
        return text
    half = (room * 1000 / (size * SAFETY) - _char_width(ELLIPSIS, bold)) / 2
    head = tail = 0
    used = 0.0
    while head < len(text) and used + _char_width(text[head], bold) <= half:
        used += _char_width(text[head], bold)
        head += 1
    used = 0.0
    while tail < len(text) - head and used + _char_width(text[-1 - tail], bold) <= half:
        used += _char_width(text[-1 - tail], bold)
        tail += 1
    return text[:head] + ELLIPSIS + (text[len(text) - tail:] if tail else "")


def wrap(text: str, size: float, bold: bool, room: float, max_lines: int) -> list[str]:
    """Word-wrap `text` into at most `max_lines` lines of `room` pixels; a cut ends in
    an ellipsis. The same rule as the studio's map boxes."""
    words = clean(text).split()
    space = _char_width(" ", bold) * size * SAFETY / 1000
    lines: list[str] = []
    current, used = "", 0.0
    for index, word in enumerate(words):
        word_width = width(word, size, bold)
        if not current or used + space + word_width <= room:
            current, used = (f"{current} {word}", used + space + word_width) if current \
                else (word, word_width)
            continue
        lines.append(elide_right(current, size, bold, room))  # one word too long alone
        current, used = word, word_width
        if len(lines) == max_lines:
            rest = " ".join([current, *words[index + 1:]])
            lines[-1] = elide_right(f"{lines[-1]} {rest}", size, bold, room)
            return lines
    if current:
        lines.append(elide_right(current, size, bold, room))
    return lines
