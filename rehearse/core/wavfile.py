"""WAV recordings read as 16 kHz mono 16-bit samples, whatever PCM shape they come in.

The RIFF chunks are read here rather than with `wave`, which before Python 3.12
refuses WAVE_FORMAT_EXTENSIBLE (what sox and most recorders write for 24-bit or
multichannel audio) and never reads 32-bit float. Anything else is refused with
one line: AudioUnavailable.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy.typing as npt

SAMPLE_RATE = 16_000  # what the detector hears
EXTRA_HINT = "install the voice extra: pip install 'rehearse[voice]'"
MAX_SECONDS = 30 * 60  # a recording to analyse: an answer, not a podcast
MAX_BYTES = 400_000_000  # 30 minutes of 44.1 kHz stereo 24-bit audio, and a little more
PCM, FLOAT, EXTENSIBLE = 1, 3, 0xFFFE
MIN_RATE, MAX_RATE = 1000, 384_000  # Hz
_ENCODINGS = {2: "ADPCM", 6: "A-law", 7: "µ-law", 0x11: "IMA ADPCM", 0x55: "MP3"}


class AudioUnavailable(Exception):
    """The voice cannot be heard; the message is one line for the user."""


def numpy_module() -> Any:
    try:
        import numpy
    except ImportError as error:
        raise AudioUnavailable(f"voice needs numpy: {EXTRA_HINT}") from error
    return numpy


def to_mono_16k(samples: npt.NDArray[Any], channels: int, rate: int) -> npt.NDArray[Any]:
    """Float samples in -1..1, interleaved: averaged to mono, resampled (linear) to 16 kHz,
    as int16."""
    np = numpy_module()
    mono = samples.reshape(-1, channels).mean(axis=1) if channels > 1 else samples
    if rate != SAMPLE_RATE and len(mono):
        count = round(len(mono) * SAMPLE_RATE / rate)
        mono = np.interp(np.arange(count) * (rate / SAMPLE_RATE), np.arange(len(mono)), mono)
    with np.errstate(invalid="ignore", over="ignore"):  # NaN from a device: silence, no warning
        scaled = np.nan_to_num(mono * 32768.0, nan=0.0, posinf=32767.0, neginf=-32768.0)
    result: npt.NDArray[Any] = np.clip(scaled, -32768, 32767).astype("<i2")
    return result


def read_wav(path: Path) -> bytes:
    """The recording at `path` as 16 kHz mono int16 samples; AudioUnavailable when it cannot be
    used: missing, not a regular file, not a PCM or float WAV file, empty, cut off (shorter than
    its header says), or over 30 minutes."""
    np = numpy_module()
    _check_file(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AudioUnavailable(f"{path}: {error.strerror or error}") from error
    kind, channels, rate, width, raw = _parse(path, data)
    frames = len(raw) // (width * channels)
    if frames == 0:
        raise AudioUnavailable(f"{path}: no audio in it")
    if frames / rate > MAX_SECONDS:
        minutes = frames / rate / 60
        raise AudioUnavailable(
            f"{path}: {minutes:.0f} minutes of audio; at most {MAX_SECONDS // 60} are read"
        )
    raw = raw[: frames * width * channels]
    if kind == FLOAT:
        samples = np.frombuffer(raw, dtype={4: "<f4", 8: "<f8"}[width])
        if not np.isfinite(samples).all():
            raise AudioUnavailable(f"{path}: invalid audio (samples that are NaN or infinite)")
        with np.errstate(over="ignore"):  # beyond float32: clipped below like any loud sample
            samples = samples.astype(np.float32)
    elif width == 1:  # unsigned 8-bit
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 3:  # 24-bit: widen each sample to 32 bits
        padded = np.zeros((frames * channels, 4), dtype=np.uint8)
        padded[:, 1:] = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3)
        samples = padded.view("<i4").reshape(-1).astype(np.float32) / 2.0**31
    else:
        kind_of = {2: "<i2", 4: "<i4"}[width]
        samples = np.frombuffer(raw, dtype=kind_of).astype(np.float32) / float(2 ** (8 * width - 1))
    return bytes(to_mono_16k(samples, channels, rate).tobytes())


def seconds_of(samples: bytes) -> float:
    """How long `read_wav`'s samples last."""
    return len(samples) / 2 / SAMPLE_RATE


def _parse(path: Path, data: bytes) -> tuple[int, int, int, int, bytes]:
    """(format, channels, rate, bytes a sample, the samples) of a RIFF/WAVE file."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioUnavailable(f"{path}: not a WAV file (no RIFF/WAVE header)")
    fmt: tuple[int, int, int, int] | None = None
    offset = 12
    while offset + 8 <= len(data):
        name, length = data[offset : offset + 4], struct.unpack_from("<I", data, offset + 4)[0]
        body = data[offset + 8 : offset + 8 + length]
        if name == b"fmt " and len(body) < min(length, 16):
            raise AudioUnavailable(f"{path}: cut off in its header ({len(data)} bytes)")
        if name == b"fmt " and len(body) >= 16:
            kind, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", body)
            if kind == EXTENSIBLE and len(body) >= 26:
                kind = struct.unpack_from("<H", body, 24)[0]  # the sub-format's first field
            fmt = (kind, channels, rate, bits)
        elif name == b"data":
            if fmt is None:
                break
            _check_format(path, *fmt)
            kind, channels, rate, bits = fmt
            frame = bits // 8 * channels
            if length - len(body) >= frame:  # a copy or a download stopped part way
                said, held = length / frame / rate, len(body) // frame / rate
                raise AudioUnavailable(
                    f"{path}: cut off: the header says {said:.2f} s, the file holds {held:.2f} s"
                )
            return kind, channels, rate, bits // 8, body
        offset += 8 + length + (length & 1)  # chunks are padded to an even size
    raise AudioUnavailable(f"{path}: not a PCM WAV file (no format or no data)")


def _check_format(path: Path, kind: int, channels: int, rate: int, bits: int) -> None:
    """One line naming what is wrong with a format chunk, if anything is."""
    if kind not in (PCM, FLOAT):
        name = _ENCODINGS.get(kind, f"format {kind}")
        raise AudioUnavailable(f"{path}: not a PCM WAV file ({name}); save it as PCM or float")
    if channels < 1:
        raise AudioUnavailable(f"{path}: the header says the audio has no channels")
    if not MIN_RATE <= rate <= MAX_RATE:
        raise AudioUnavailable(
            f"{path}: a sample rate of {rate} Hz; {MIN_RATE}-{MAX_RATE} Hz can be read"
        )
    widths = (8, 16, 24, 32) if kind == PCM else (32, 64)
    if bits not in widths:
        shown = ", ".join(map(str, widths))
        what = "PCM" if kind == PCM else "float"
        raise AudioUnavailable(f"{path}: {bits}-bit {what} samples; {shown}-bit can be read")


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
