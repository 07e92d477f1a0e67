"""Text from a scenario file shown exactly as written, never as markup.

Qt guesses whether a tooltip (or a label left on AutoText) is rich text, and a
scenario may contain `<img src="file:///...">`: drawn as rich text, that reads a
local file, and `<a href>` draws a link. Labels showing scenario text are set to
PlainText (`widgets.label` does it); tooltips cannot be, so their text is turned
into rich text that draws as the literal characters.
"""

from __future__ import annotations


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` literally. Text Qt would take for markup is escaped
    (line breaks kept); any other text is left as it is, so it reads the same to
    everything that asks a widget for its tooltip.

    Qt only takes text with a "<" (or an "&lt;") for markup; other text, such as the
    profile's name shown before the first paint, is answered without asking it (see
    first_paint)."""
    if "<" not in text and "&" not in text:
        return text
    from PySide6.QtGui import Qt

    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text
