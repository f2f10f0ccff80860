"""Audio sources: WAV files read in any PCM shape, replayed in real time; the errors one line."""

from __future__ import annotations

import os
import struct
import subprocess
import threading
import time
import warnings
import wave
from pathlib import Path

import pytest

from rehearse.core.audio import CHUNK_SAMPLES, WavReplay
from rehearse.core.wavfile import SAMPLE_RATE, AudioUnavailable, read_wav
from tests.audio_fixtures import build


def sox(*args: str | Path) -> None:
    subprocess.run(["sox", "-R", *map(str, args)], check=True, capture_output=True)


@pytest.fixture(scope="module")
def tone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One second of a 440 Hz tone at half scale, 16 kHz mono 16-bit."""
    path = tmp_path_factory.mktemp("tone") / "tone.wav"
    sox("-n", "-r", "16000", "-b", "16", "-c", "1", path, "synth", "1", "sine", "440", "vol", "0.5")
    return path


def peak(samples: bytes) -> int:
    import numpy as np

    return int(np.abs(np.frombuffer(samples, dtype="<i2").astype(np.int32)).max())


@pytest.mark.parametrize(
    ("rate", "bits", "channels"),
    [(16000, 16, 1), (44100, 16, 2), (22050, 8, 1), (48000, 24, 2), (8000, 32, 1)],
)
def test_any_pcm_wav_becomes_16_khz_mono(
    tone: Path, tmp_path: Path, rate: int, bits: int, channels: int
) -> None:
    path = tmp_path / f"tone-{rate}-{bits}-{channels}.wav"
    sox(tone, "-r", str(rate), "-b", str(bits), "-c", str(channels), path)
    samples = read_wav(path)
    assert len(samples) // 2 == pytest.approx(SAMPLE_RATE, abs=2)  # one second
    assert peak(samples) == pytest.approx(16384, rel=0.03)  # half scale survives


def test_the_replay_plays_every_sample_in_order_and_in_real_time(tmp_path: Path) -> None:
    path = tmp_path / "half.wav"
    sox("-n", "-r", "16000", "-b", "16", "-c", "1", path, "synth", "0.5", "whitenoise")
    chunks: list[tuple[float, bytes]] = []
    ended = threading.Event()
    reasons: list[str | None] = []
    replay = WavReplay(path)
    began = time.monotonic()
    replay.start(lambda chunk: chunks.append((time.monotonic(), chunk)), lambda why: (
        reasons.append(why), ended.set()))  # fmt: skip
    assert ended.wait(10)
    assert reasons == [None]  # the file ran out
    assert b"".join(chunk for _, chunk in chunks) == read_wav(path)
    for number, (arrived, _) in enumerate(chunks):
        # Never before a microphone could have heard it (a busy machine only makes it later).
        assert arrived - began >= (number + 1) * CHUNK_SAMPLES / SAMPLE_RATE - 0.005
    replay.stop()


def test_stopping_a_replay_ends_it_without_an_end_message(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    sox("-n", "-r", "16000", "-b", "16", "-c", "1", path, "synth", "30", "whitenoise")
    first = threading.Event()
    reasons: list[str | None] = []
    replay = WavReplay(path)
    replay.start(lambda chunk: first.set(), reasons.append)
    assert first.wait(10)
    replay.stop()
    assert reasons == []


def test_a_korean_file_name_is_the_label(tmp_path: Path) -> None:
    fixture = build(tmp_path, pauses_s=(), name="자기소개-답변")
    assert WavReplay(fixture.path).label == "자기소개-답변.wav"


def test_unusable_files_say_why_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.wav"
    junk.write_bytes(os.urandom(2000))
    header_only = tmp_path / "silent.wav"
    with wave.open(str(header_only), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
    fifo = tmp_path / "fifo.wav"
    os.mkfifo(fifo)
    cases = {
        tmp_path / "missing.wav": "no such file",
        empty: "an empty file",
        junk: "not a WAV file",
        header_only: "no audio in it",
        tmp_path: "a folder",
        fifo: "not a regular file",  # opening it would wait for a writer forever
    }
    for path, reason in cases.items():
        with pytest.raises(AudioUnavailable) as caught:
            read_wav(path)
        message = str(caught.value)
        assert reason in message and "\n" not in message
        assert str(path) in message


def test_more_than_30_minutes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    sox("-n", "-r", "1000", "-b", "8", "-c", "1", path, "trim", "0", "1900")
    with pytest.raises(AudioUnavailable, match="32 minutes of audio; at most 30"):
        read_wav(path)


def test_float_and_foreign_formats(tmp_path: Path, tone: Path) -> None:
    floats = tmp_path / "float.wav"
    sox(tone, "-e", "floating-point", "-b", "32", floats)
    assert peak(read_wav(floats)) == pytest.approx(16384, rel=0.03)
    alaw = tmp_path / "alaw.wav"
    sox(tone, "-e", "a-law", alaw)
    with pytest.raises(AudioUnavailable, match="not a PCM WAV file"):
        read_wav(alaw)


def riff(kind: int, channels: int, rate: int, bits: int, samples: bytes) -> bytes:
    """A WAV file written by hand, so that its header can say anything."""
    fmt = struct.pack("<HHIIHH", kind, channels, rate, rate * channels * bits // 8, 4, bits)
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    chunks += b"data" + struct.pack("<I", len(samples)) + samples
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ((1, 1, 10, 16), "a sample rate of 10 Hz; 1000-384000 Hz can be read"),
        ((1, 1, 900_000, 16), "a sample rate of 900000 Hz; 1000-384000 Hz can be read"),
        ((1, 0, 16000, 16), "the header says the audio has no channels"),
        ((1, 1, 16000, 12), "12-bit PCM samples; 8, 16, 24, 32-bit can be read"),
        ((3, 1, 16000, 16), "16-bit float samples; 32, 64-bit can be read"),
        ((6, 1, 16000, 8), "not a PCM WAV file (A-law); save it as PCM or float"),
        ((0x55, 2, 16000, 16), "not a PCM WAV file (MP3); save it as PCM or float"),
    ],
)
def test_a_bad_format_names_the_problem(
    tmp_path: Path, header: tuple[int, int, int, int], reason: str
) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(riff(*header, b"\x00\x01" * 800))
    with pytest.raises(AudioUnavailable) as caught:
        read_wav(path)
    assert str(caught.value) == f"{path}: {reason}"
    assert "channels)" not in str(caught.value)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_float_wav_of_invalid_samples_is_refused_without_a_warning(
    tmp_path: Path, bad: float
) -> None:
    path = tmp_path / "nan.wav"
    path.write_bytes(riff(3, 1, 16000, 32, struct.pack("<4f", 0.1, bad, 0.2, 0.3) * 400))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's RuntimeWarning would print a source path
        with pytest.raises(AudioUnavailable) as caught:
            read_wav(path)
    assert str(caught.value) == f"{path}: invalid audio (samples that are NaN or infinite)"


def test_a_stray_nan_from_a_device_becomes_silence_without_a_warning() -> None:
    import numpy as np

    from rehearse.core.wavfile import to_mono_16k

    samples = np.array([0.5, np.nan, -0.5, np.inf], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = np.frombuffer(to_mono_16k(samples, 1, SAMPLE_RATE).tobytes(), dtype="<i2")
    assert out.tolist() == [16384, 0, -16384, 32767]
