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

import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy.typing as npt

SAMPLE_RATE = 16_000
CHUNK_SAMPLES = 512  # one detector frame
MAX_SECONDS = 30 * 60  # a recording to analyse: an answer, not a podcast
MAX_BYTES = 400_000_000  # 30 minutes of 44.1 kHz stereo 24-bit audio, and a little more
EXTRA_HINT = "install the voice extra: pip install 'rehearse[voice]'"

ChunkSink = Callable[[bytes], None]  # 16 kHz mono int16 little-endian samples
EndSink = Callable[[str | None], None]  # None: the file ran out; else why the source stopped


class AudioUnavailable(Exception):
    """The voice cannot be heard; the message is one line for the user."""


class AudioSource(Protocol):
    label: str  # shown beside the microphone mark: "mic", or the file's name

    def start(self, sink: ChunkSink, ended: EndSink) -> None: ...

    def stop(self) -> None: ...


def numpy_module() -> Any:
    try:
        import numpy
    except ImportError as error:
        raise AudioUnavailable(f"voice needs numpy: {EXTRA_HINT}") from error
    return numpy


def to_mono_16k(samples: npt.NDArray[Any], channels: int, rate: int) -> npt.NDArray[Any]:
    """Float samples in -1..1, interleaved: averaged to mono, resampled (linear) to 16 kHz."""
    np = numpy_module()
    mono = samples.reshape(-1, channels).mean(axis=1) if channels > 1 else samples
    if rate != SAMPLE_RATE and len(mono):
        count = round(len(mono) * SAMPLE_RATE / rate)
        mono = np.interp(np.arange(count) * (rate / SAMPLE_RATE), np.arange(len(mono)), mono)
    result: npt.NDArray[Any] = np.clip(mono * 32768.0, -32768, 32767).astype("<i2")
    return result


def read_wav(path: Path) -> bytes:
    """The recording at `path` as 16 kHz mono int16 samples; AudioUnavailable when it cannot be
    used: missing, not a PCM WAV file, empty, or longer than 30 minutes."""
    np = numpy_module()
    _check_file(path)
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            count = wav.getnframes()
            if count and count / rate > MAX_SECONDS:
                minutes = count / rate / 60
                raise AudioUnavailable(
                    f"{path}: {minutes:.0f} minutes of audio; at most {MAX_SECONDS // 60} are read"
                )
            raw = wav.readframes(count)
    except FileNotFoundError as error:  # removed meanwhile
        raise AudioUnavailable(f"{path}: no such file") from error
    except PermissionError as error:
        raise AudioUnavailable(f"{path}: permission denied") from error
    except (wave.Error, EOFError, ValueError, OSError) as error:
        reason = f" ({error})" if str(error) else ""
        raise AudioUnavailable(f"{path}: not a PCM WAV file{reason}") from error
    frames = len(raw) // (width * channels)
    if frames == 0:
        raise AudioUnavailable(f"{path}: no audio in it")
    raw = raw[: frames * width * channels]
    if width == 1:  # unsigned 8-bit
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 3:  # 24-bit: widen each sample to 32 bits
        padded = np.zeros((frames * channels, 4), dtype=np.uint8)
        padded[:, 1:] = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3)
        samples = padded.view("<i4").reshape(-1).astype(np.float32) / 2.0**31
    else:
        kind = {2: "<i2", 4: "<i4"}[width]
        samples = np.frombuffer(raw, dtype=kind).astype(np.float32) / float(2 ** (8 * width - 1))
    return bytes(to_mono_16k(samples, channels, rate).tobytes())


def _check_file(path: Path) -> None:
    """A regular file of a sane size: a FIFO or a device would block or never end."""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise AudioUnavailable(f"{path}: no such file") from error
    except OSError as error:
        raise AudioUnavailable(f"{path}: {error.strerror or error}") from error
    if path.is_dir():
        raise AudioUnavailable(f"{path}: a folder, not a WAV file")
    if not path.is_file():
        raise AudioUnavailable(f"{path}: not a regular file")
    if info.st_size == 0:
        raise AudioUnavailable(f"{path}: an empty file")
    if info.st_size > MAX_BYTES:
        raise AudioUnavailable(f"{path}: {info.st_size / 1e6:.0f} MB, too big to be an answer")


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
            info = sd.query_devices(self._device, kind="input")
        except (sd.PortAudioError, ValueError) as error:
            raise AudioUnavailable(f"no microphone found ({_reason(error)})") from error
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


def _sounddevice() -> Any:
    try:
        import sounddevice
    except ImportError as error:
        raise AudioUnavailable(f"voice needs sounddevice: {EXTRA_HINT}") from error
    except OSError as error:  # sounddevice loads the PortAudio library when imported
        raise AudioUnavailable(
            "voice needs the PortAudio library: install libportaudio2 (apt) or portaudio (brew)"
        ) from error
    return sounddevice


def _reason(error: Exception | None) -> str:
    text = str(error or "no reason given").strip().splitlines()
    return text[0] if text else "no reason given"
