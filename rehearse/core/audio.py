"""Where the voice comes from: the microphone, or a WAV file replayed as if it were one.

Both are `AudioSource`s: started with a sink, they hand it 16 kHz mono 16-bit
chunks from their own thread until stopped (or, for a file, until it ends), and
never call back on the caller's thread. Anything that keeps a source from
starting (no `voice` extra, no PortAudio, no input device, a busy device, an
unreadable file) raises `AudioUnavailable` with one line to show the user.

numpy and sounddevice come with the `voice` extra and are imported only here,
when a source is made, so the app runs without them.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from rehearse.core.wavfile import (
    EXTRA_HINT,
    SAMPLE_RATE,
    AudioUnavailable,
    numpy_module,
    read_wav,
    to_mono_16k,
)

CHUNK_SAMPLES = 512  # one detector frame

ChunkSink = Callable[[bytes], None]  # 16 kHz mono int16 little-endian samples
EndSink = Callable[[str | None], None]  # None: the file ran out; else why the source stopped


class AudioSource(Protocol):
    label: str  # shown beside the microphone mark: "mic", or the file's name

    def start(self, sink: ChunkSink, ended: EndSink) -> None: ...

    def stop(self) -> None: ...


class WavReplay:
    """A recording played into the sink in real time, as a microphone would hear it."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.label = path.name
        self._clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, sink: ChunkSink, ended: EndSink) -> None:
        samples = read_wav(self.path)
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._play, args=(samples, sink, ended), name="rehearse-wav", daemon=True
        )
        self._thread.start()

    def _play(self, samples: bytes, sink: ChunkSink, ended: EndSink) -> None:
        step = CHUNK_SAMPLES * 2
        began = self._clock()
        for number, offset in enumerate(range(0, len(samples), step)):
            # Each chunk is due when a microphone would have finished hearing it: deadlines
            # from the start, never a sum of sleeps, so a busy machine does not stretch it.
            due = began + (number + 1) * CHUNK_SAMPLES / SAMPLE_RATE
            if self._stop.wait(max(0.0, due - self._clock())):
                return
            sink(samples[offset : offset + step])
        if not self._stop.is_set():
            ended(None)

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2.0)


class Microphone:
    """The default input device through PortAudio (sounddevice), 16 kHz mono.

    A device that cannot record at 16 kHz is opened at its own rate and each
    block resampled here."""

    label = "mic"

    def __init__(self, device: int | str | None = None) -> None:
        self._device = device
        self._stream: Any = None
        self._stopping = False

    def start(self, sink: ChunkSink, ended: EndSink) -> None:
        sd = _sounddevice()
        np = numpy_module()
        self._stopping = False
        try:
            with _quiet_stderr():
                info = sd.query_devices(self._device, kind="input")
        except (sd.PortAudioError, ValueError) as error:
            raise AudioUnavailable(_no_input(sd, error)) from error
        rates = [SAMPLE_RATE, int(info.get("default_samplerate") or SAMPLE_RATE)]
        last: Exception | None = None
        for rate in dict.fromkeys(rates):

            def heard(data: Any, frames: int, when: Any, status: Any, rate: int = rate) -> None:
                if rate == SAMPLE_RATE:
                    sink(bytes(data))
                else:
                    floats = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
                    sink(bytes(to_mono_16k(floats, 1, rate).tobytes()))

            try:
                with _quiet_stderr():
                    stream = sd.RawInputStream(
                        samplerate=rate,
                        blocksize=CHUNK_SAMPLES * rate // SAMPLE_RATE,
                        device=self._device,
                        channels=1,
                        dtype="int16",
                        callback=heard,
                        finished_callback=lambda: None if self._stopping else ended("mic stopped"),
                    )
                    stream.start()
            except (sd.PortAudioError, ValueError) as error:
                last = error
                continue
            self._stream = stream
            return
        raise AudioUnavailable(f"the microphone is busy or unavailable ({_reason(last)})")

    def stop(self) -> None:
        self._stopping = True
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception:
                pass


def play(path: Path) -> None:
    """Start playing a recording on the default output device; AudioUnavailable if it cannot."""
    samples = read_wav(path)
    sd = _sounddevice()
    np = numpy_module()
    try:
        sd.play(np.frombuffer(samples, dtype="<i2"), SAMPLE_RATE)
    except (sd.PortAudioError, ValueError) as error:
        raise AudioUnavailable(f"cannot play {path.name}: {_reason(error)}") from error


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """ALSA and JACK print warnings straight to file descriptor 2, over the app's screen."""
    try:
        saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        yield
        return
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


def _sounddevice() -> Any:
    try:
        with _quiet_stderr():
            import sounddevice
    except ImportError as error:
        raise AudioUnavailable(f"voice needs sounddevice: {EXTRA_HINT}") from error
    except OSError as error:  # sounddevice loads the PortAudio library when imported
        raise AudioUnavailable(
            "voice needs the PortAudio library: install libportaudio2 (apt) or portaudio (brew)"
        ) from error
    return sounddevice


def _no_input(sd: Any, error: Exception) -> str:
    """Why no input device opened, in the user's words (PortAudio says `Error querying
    device -1` when there is no default input)."""
    try:
        with _quiet_stderr():
            devices = list(sd.query_devices())
    except Exception:
        devices = []
    if not any(device.get("max_input_channels", 0) > 0 for device in devices):
        return "no microphone found (no audio input device on this machine)"
    if "device -1" in str(error):
        return "no microphone found (no default input device: choose one in the sound settings)"
    return f"no microphone found ({_reason(error)})"


def _reason(error: Exception | None) -> str:
    text = str(error or "no reason given").strip().splitlines()
    return text[0] if text else "no reason given"
