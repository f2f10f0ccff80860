"""A scripted audio source and a loudness detector: voice without a microphone or a model.

`ScriptedSource` hands the listener whatever the test says, from the test's own
thread (the listener's worker still does the rest); `loudness` scores a frame 1.0
when it is loud and 0.0 when it is silent, so a test decides exactly which frames
are speech.
"""

from __future__ import annotations

import threading
from pathlib import Path

from rehearse.core.audio import CHUNK_SAMPLES, ChunkSink, EndSink
from rehearse.core.delivery import FRAME_S
from rehearse.core.listening import Detector, VoiceSetup
from rehearse.core.recordings import Recordings

LOUD = (8000).to_bytes(2, "little", signed=True) * CHUNK_SAMPLES
QUIET = b"\0\0" * CHUNK_SAMPLES


def frames_in(seconds: float) -> int:
    return round(seconds / FRAME_S)


class ScriptedSource:
    label = "scripted"

    def __init__(self, fail: str | None = None) -> None:
        self._fail = fail
        self._sink: ChunkSink | None = None
        self._ended: EndSink | None = None
        self.started = threading.Event()
        self.stopped = False

    def start(self, sink: ChunkSink, ended: EndSink) -> None:
        if self._fail is not None:
            from rehearse.core.wavfile import AudioUnavailable

            raise AudioUnavailable(self._fail)
        self._sink, self._ended = sink, ended
        self.started.set()

    def stop(self) -> None:
        self.stopped = True

    def push(self, chunk: bytes) -> None:
        assert self._sink is not None, "the source was not started"
        self._sink(chunk)

    def speak(self, seconds: float) -> int:
        """Loud frames for `seconds`; how many frames that was."""
        count = frames_in(seconds)
        for _ in range(count):
            self.push(LOUD)
        return count

    def pause(self, seconds: float) -> int:
        count = frames_in(seconds)
        for _ in range(count):
            self.push(QUIET)
        return count

    def end(self, reason: str | None = None) -> None:
        assert self._ended is not None
        self._ended(reason)


def loudness() -> Detector:
    return lambda frame: 1.0 if any(frame) else 0.0


def scripted_setup(
    source: ScriptedSource,
    *,
    on_at_start: bool = False,
    recordings: Recordings | None = None,
    record: bool = False,
    silence_ends_s: float | None = 4.0,
    played: list[Path] | None = None,
) -> VoiceSetup:
    return VoiceSetup(
        player=(played if played is not None else []).append,
        source=lambda: source,
        on_at_start=on_at_start,
        detector=loudness,
        recordings=recordings,
        record=record,
        silence_ends_s=silence_ends_s,
    )
