"""The open-microphone mark and level meter of the rehearsal screens.

It owns the listener: opening it (loading the model, starting the device) runs in a
worker, and the listener's thread posts each frame here as a message, so the screen
hears the voice on the event loop without ever waiting for it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import work
from textual.app import App
from textual.message import Message
from textual.widgets import Static

from rehearse.core.clock import Clock
from rehearse.core.listening import Listener, VoiceFrame, VoiceSetup
from rehearse.core.wavfile import AudioUnavailable

METER = "▁▁▂▃▄▅▆▇█"  # an empty cell keeps its place: the mark does not jump
METER_WIDTH = 6
NOTICE_SHOWN_S = App.NOTIFICATION_TIMEOUT  # how long the screen's notice of a failure stays up


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

    class Opened(Message):
        """Listening has begun."""

    class Failed(Message):
        """The voice could not be heard: `reason` is one line for the user."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

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
        self._lock = threading.Lock()  # the listener is handed over from the opening worker
        self._wanted = False
        self._started_at = 0.0
        self._failed: tuple[str, float] | None = None  # the last failure told, and when
        self._shown = ""
        self.frames_heard = 0  # handled on the event loop: tests wait on it
        self.failures_heard = 0  # the same, for openings that failed (told or not)

    @property
    def listening(self) -> bool:
        return self._listener is not None

    @property
    def wanted(self) -> bool:
        """Listening, or about to: the voice was turned on and not off since."""
        return self._wanted

    def start(self) -> None:
        """Open the source off the event loop; `Opened` or `Failed` follows."""
        with self._lock:
            if self._wanted:
                return
            self._wanted = True
        self._open()

    @work(thread=True, group="voice-open")
    def _open(self) -> None:
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
            with self._lock:
                self._wanted = False
            self.post_message(self.Failed(str(error)))
            return
        with self._lock:
            kept = self._wanted  # not turned off (or the screen left) meanwhile
            if kept:
                self._listener = listener
        if kept:
            self.post_message(self.Opened())
        else:
            listener.stop()

    def stop(self) -> None:
        with self._lock:
            self._wanted = False
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        self.remove_class("-listening")
        self._shown = ""
        self.update("")

    def on_voice_bar_opened(self, message: Opened) -> None:
        if self._listener is not None:
            self.add_class("-listening")
            self._show(0.0)

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

    def on_voice_bar_failed(self, message: Failed) -> None:
        self.stop()
        self.failures_heard += 1
        now = self._clock()
        last = self._failed
        if last is not None and last[0] == message.reason and now - last[1] < NOTICE_SHOWN_S:
            message.stop()  # `v` again with no device: the notice still up already says it
            return
        self._failed = (message.reason, now)

    def _show(self, level: float) -> None:
        if self._listener is None:
            return
        text = f"● {self._listener.source.label} {meter(level)}"
        if text != self._shown:  # the meter moves in steps: repaint only when one shows
            self._shown = text
            self.update(text)

    def on_unmount(self) -> None:
        self.stop()
