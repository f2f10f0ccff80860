"""Audio sources: WAV files read in any PCM shape, replayed in real time; the errors one line."""

from __future__ import annotations

import os
import subprocess
import threading
import time
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
