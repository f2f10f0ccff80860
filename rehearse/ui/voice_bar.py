"""The open-microphone mark and level meter of the rehearsal screens.

It owns the listener: the listener's thread posts each frame here as a message,
so the screen hears the voice on the event loop without ever waiting for it.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.widgets import Static

from rehearse.core.clock import Clock
from rehearse.core.listening import Listener, VoiceFrame, VoiceSetup
from rehearse.core.wavfile import AudioUnavailable

METER = "▁▁▂▃▄▅▆▇█"  # an empty cell keeps its place: the mark does not jump
METER_WIDTH = 6


def meter(level: float, width: int = METER_WIDTH) -> str:
    """A level 0..1 as a bar of `width` cells, each filled up to eight steps."""
    steps = round(max(0.0, min(1.0, level)) * width * 8)
    cells = [METER[min(8, max(0, steps - 8 * cell))] for cell in range(width)]
    return "".join(cells)


class VoiceBar(Static):
    """`● mic ▃▅▆` while listening; nothing when the voice is off."""

    class Heard(Message):
        """A frame heard; `at` is when it began, on the screen's clock."""

        def __init__(self, frame: VoiceFrame, at: float) -> None:
            super().__init__()
            self.frame = frame
            self.at = at

    class Ended(Message):
        """The source stopped by itself (a file ran out, a device went away)."""

        def __init__(self, reason: str | None, label: str) -> None:
            super().__init__()
            self.reason = reason
            self.label = label

    def __init__(self, setup: VoiceSetup, clock: Clock, **kwargs: str) -> None:
        super().__init__("", markup=False, **kwargs)
        self.setup = setup
        self._clock = clock
        self._listener: Listener | None = None
        self._started_at = 0.0
        self._shown = ""
        self.frames_heard = 0  # handled on the event loop: tests wait on it

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def start(self) -> str | None:
        """Open the source; the one-line reason when it cannot be heard."""
        if self._listener is not None:
            return None
        source = self.setup.source()
        listener = Listener(
            source,
            lambda frame: self.post_message(self.Heard(frame, self._started_at + frame.start_s)),
            lambda reason: self.post_message(self.Ended(reason, source.label)),
            detector=self.setup.detector,
            recordings=self.setup.recordings,
        )
        self._started_at = self._clock()
        try:
            listener.start()
        except AudioUnavailable as error:
            return str(error)
        self._listener = listener
        self._show(0.0)
        self.add_class("-listening")
        return None

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        self.remove_class("-listening")
        self._shown = ""
        self.update("")

    def record_to(self, path: Path | None, *, discard: bool = False) -> None:
        """Start a recording of what is heard from now (or none), finishing the current one."""
        if self._listener is not None:
            self._listener.record_to(path, discard=discard)

    def on_voice_bar_heard(self, message: Heard) -> None:
        # Counted here and left to bubble on to the screen.
        self.frames_heard += 1
        self._show(message.frame.level)

    def on_voice_bar_ended(self, message: Ended) -> None:
        self.stop()

    def _show(self, level: float) -> None:
        if self._listener is None:
            return
        text = f"● {self._listener.source.label} {meter(level)}"
        if text != self._shown:  # the meter moves in steps: repaint only when one shows
            self._shown = text
            self.update(text)

    def on_unmount(self) -> None:
        self.stop()
