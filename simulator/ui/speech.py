"""Reading the client's words aloud, offline, with the computer's own speech
engine (Qt TextToSpeech: speech-dispatcher on Linux, the system voices on
Windows and macOS).

Off by default (a setting). Nothing is downloaded and nothing leaves the
machine: when no engine is installed, the learner is told so plainly and the
app goes on silently. Qt's "mock" engine is a test double, never a real voice;
tests pass it in by name.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger("rapport.ui")
TEST_ENGINES = ("mock",)

if sys.platform.startswith("linux"):
    INSTALL_HINT = ("On Debian or Ubuntu, ask whoever looks after this computer to install "
                    "the packages speech-dispatcher and espeak-ng, then start Rapport again.")
else:
    INSTALL_HINT = "Check that your computer's speech (text-to-speech) voices are installed."
NO_ENGINE = ("This computer has no speech engine that Rapport can use, so the client's "
             "words cannot be read aloud. " + INSTALL_HINT)


@dataclass(frozen=True, slots=True)
class Voice:
    """Whether reading aloud works here, and the words to tell the learner."""

    works: bool
    note: str


class Reader(QObject):
    """Speaks text with the first engine that starts; built only when reading aloud is on."""

    def __init__(self, engines: Sequence[str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted = None if engines is None else list(engines)
        self._engine: QTextToSpeech | None = None
        self._voice: Voice | None = None
        self.last_text = ""  # what was last sent to the engine

    def engines(self) -> list[str]:
        """The engines to try: as given, or every installed one but Qt's test double."""
        if self._wanted is not None:
            return list(self._wanted)
        from PySide6.QtTextToSpeech import QTextToSpeech

        return [name for name in QTextToSpeech.availableEngines() if name not in TEST_ENGINES]

    def voice(self) -> Voice:
        """Start an engine (once) and say whether it works. A plug-in that is listed
        but cannot load (speechd without libspeechd) counts as no engine."""
        if self._voice is not None:
            return self._voice
        from PySide6.QtTextToSpeech import QTextToSpeech

        for name in self.engines():
            engine = QTextToSpeech(name, self)
            if engine.state() != QTextToSpeech.State.Error:
                self._engine = engine
                self._voice = Voice(True, f"The client's words will be read aloud ({name}).")
                return self._voice
            log.info("speech engine %s did not start: %s", name, engine.errorString())
            engine.deleteLater()
        self._voice = Voice(False, NO_ENGINE)
        return self._voice

    def say(self, text: str) -> bool:
        """Read `text` aloud, cutting off anything still being read; False when silent."""
        text = " ".join(text.split())
        if not text or not self.voice().works or self._engine is None:
            return False
        self._engine.stop()
        self._engine.say(text)
        self.last_text = text
        return True

    def stop(self) -> None:
        if self._engine is not None:
            self._engine.stop()

    @property
    def engine(self) -> QTextToSpeech | None:
        return self._engine
